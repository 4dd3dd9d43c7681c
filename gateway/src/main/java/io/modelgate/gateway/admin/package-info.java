/** The admin port: ping, Traefik-shaped API, problems, dashboard. WebFlux, never on the request path. */
package io.modelgate.gateway.admin;
