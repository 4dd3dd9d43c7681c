/**
 * The admin port: ping, Traefik-shaped API, problems, dashboard, its authentication, and the internal services
 * ({@code api@internal}, {@code prometheus@internal}) through which routers reach it. WebFlux, never on the
 * request path.
 */
package io.modelgate.gateway.admin;
