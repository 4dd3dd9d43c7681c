/** Traefik's redirectScheme: answers with a redirect to the same host and path in another scheme and port. */
package io.modelgate.gateway.middleware.redirectscheme;
