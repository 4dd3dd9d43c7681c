/**
 * ACME certificate resolvers (Traefik's {@code certificatesResolvers.<n>.acme}): the account and certificates
 * in a Traefik-style JSON file ({@link io.modelgate.gateway.acme.AcmeStorage}), HTTP-01 answers on the
 * challenge entry point ({@link io.modelgate.gateway.acme.Http01Responder}), orders through acme4j on a thread
 * of their own ({@link io.modelgate.gateway.acme.AcmeIssuer}), and what decides which routers need which
 * certificate and when to renew ({@link io.modelgate.gateway.acme.AcmeCertificates}). Nothing here runs on an
 * event loop except the challenge answer, a map lookup.
 */
package io.modelgate.gateway.acme;
