/** Traefik's forwardAuth, with a decision cache bounded by the auth service's Cache-Control. */
package io.modelgate.gateway.middleware.forwardauth;
