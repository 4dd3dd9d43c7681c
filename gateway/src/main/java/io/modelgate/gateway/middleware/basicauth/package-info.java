/** Traefik's basicAuth, with bcrypt users from htpasswd. */
package io.modelgate.gateway.middleware.basicauth;
