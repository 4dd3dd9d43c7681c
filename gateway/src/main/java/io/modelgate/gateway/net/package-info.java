/**
 * Network plumbing shared by the data plane and the middlewares: the socket transport (epoll or NIO, DNS),
 * the small HTTP GET client that forwardAuth and errors call other services with on the caller's loop, and
 * the one-line start-up failure of a socket that cannot listen.
 */
package io.modelgate.gateway.net;
