/** Traefik's stripPrefix: removes a path prefix before forwarding. */
package io.modelgate.gateway.middleware.stripprefix;
