/** Traefik's {@code errors}: error responses get their body from an error-page service, or a built-in page. */
package io.modelgate.gateway.middleware.errors;
