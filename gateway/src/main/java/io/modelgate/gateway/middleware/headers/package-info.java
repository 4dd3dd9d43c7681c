/** Traefik's headers (custom request and response headers). */
package io.modelgate.gateway.middleware.headers;
