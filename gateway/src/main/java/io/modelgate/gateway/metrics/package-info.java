/**
 * Request metrics under Traefik v3's names with the {@code modelgate_} prefix: meters resolved once per
 * router, service and entry point, so a finished request records without allocating.
 */
package io.modelgate.gateway.metrics;
