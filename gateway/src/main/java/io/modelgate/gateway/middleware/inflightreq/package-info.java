/** Traefik's {@code inFlightReq}: a cap on the requests in progress per source, counted until each exchange is over. */
package io.modelgate.gateway.middleware.inflightreq;
