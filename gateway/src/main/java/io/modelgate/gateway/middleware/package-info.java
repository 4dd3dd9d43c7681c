/** Middlewares: one subpackage per Traefik middleware type, each built once from its spec. */
package io.modelgate.gateway.middleware;
