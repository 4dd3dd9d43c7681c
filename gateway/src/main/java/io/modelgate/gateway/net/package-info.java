/**
 * Network plumbing shared by the data plane and the middlewares: the socket transport (epoll or NIO, DNS),
 * and the small HTTP GET client that forwardAuth and errors call other services with on the caller's loop.
 */
package io.modelgate.gateway.net;
