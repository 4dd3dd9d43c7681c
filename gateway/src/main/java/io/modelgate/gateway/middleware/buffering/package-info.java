/** Traefik's buffering, as a streamed body-size limit. */
package io.modelgate.gateway.middleware.buffering;
