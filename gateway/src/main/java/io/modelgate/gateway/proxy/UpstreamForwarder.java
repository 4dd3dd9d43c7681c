package io.modelgate.gateway.proxy;

import io.modelgate.gateway.lb.ServerSelector;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.proxy.http.HopByHopHeaders;
import io.modelgate.gateway.proxy.upstream.Connections;
import io.modelgate.gateway.proxy.upstream.UpstreamHandler;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.HttpConversionUtil.ExtensionHeaderNames;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a request that passed its middlewares to a server of its service: the request head made ready for the
 * hop (hop-by-hop headers, {@code Expect}, upgrade), a server chosen by the service's selector, a connection
 * from this event loop's pool or a new one, or a stream of an h2c connection (a failed connect is tried on the
 * other servers, once each), then the body streamed as it arrives, counted against its limit. An idempotent bodyless request whose connection
 * closes before any response byte is sent once more (a stale keep-alive connection). A route with a retry
 * middleware has its policy decide instead ({@link RetryScheduler}).
 */
final class UpstreamForwarder {

    private final Connections connector;
    private final LocalResponder responder;
    private final AdmissionGate admission;
    private final RetryScheduler retries;

    UpstreamForwarder(Connections connector, LocalResponder responder) {
        this.connector = connector;
        this.responder = responder;
        this.admission = new AdmissionGate(this, responder);
        this.retries = new RetryScheduler(this);
    }

    void forward(ClientConnection c, Exchange e) {
        HttpRequest req = e.request;
        HttpHeaders h = req.headers();
        if (e.requestLimit > 0 && HttpUtil.getContentLength(req, -1L) > e.requestLimit) {
            responder.refuse(c, e, 413, "request body too large"); // declared too large: no server is contacted
            return;
        }
        if (e.pool == null && !pick(e)) {
            responder.refuse(c, e, 503, "no available server"); // before a 100 Continue: no body is sent for nothing
            return;
        }
        // the client's hop-by-hop headers went at intake (e.upgrade was decided there); this pass takes what a
        // middleware may have added
        HopByHopHeaders.strip(h, e.upgrade);
        if (e.upgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            // answered here, where the request is known to be routable; the server never sees Expect
            h.remove(HttpHeaderNames.EXPECT);
            c.channel().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        } else if (h.contains(HttpHeaderNames.EXPECT)) {
            responder.refuseAndClose(c, e, 417, "expectation failed");
            return;
        }
        req.setProtocolVersion(HttpVersion.HTTP_1_1);
        e.forwardUri = req.uri();
        e.clientHost = h.get(HttpHeaderNames.HOST);
        e.affinity = e.pool.selector().affinity(req, e.identity);
        e.phase = Phase.CONNECTING;
        if (e.route.wrapsCall()) {
            new WrappedCall(c, e, this, responder).proceed();
        } else {
            send(c, e);
        }
    }

    /** A weighted service's choice of pool for this request; false if none of its services can take it. */
    private static boolean pick(Exchange e) {
        int i = e.route.service().pick();
        if (i < 0) {
            return false;
        }
        e.poolIndex = i;
        e.pool = e.route.service().pools().get(i);
        return true;
    }

    /** Chooses a server and sends the request to it. */
    void send(ClientConnection c, Exchange e) {
        select(c, e, null, false);
    }

    /** A retry: another server than {@code failed}, or {@code failed} again when the service has no other. */
    void resend(ClientConnection c, Exchange e, UpstreamServer failed) {
        select(c, e, failed, true);
    }

    /**
     * A server for {@code e} other than {@code failed} ({@code orFailed}: that one if there is no other); a
     * selector that answers later (Redis leases) is waited for.
     */
    private void select(ClientConnection c, Exchange e, UpstreamServer failed, boolean orFailed) {
        ServerSelector selector = e.pool.selector();
        CompletableFuture<UpstreamServer> chosen = selector.select(e.affinity, failed).toCompletableFuture();
        if (chosen.isDone() && !chosen.isCompletedExceptionally()) {
            chosen(c, e, chosen.join(), selector, failed, orFailed);
            return;
        }
        chosen.whenComplete((server, error) -> c.onLoop(() -> {
            if (!c.isCurrent(e)) {
                return; // the client went away meanwhile
            }
            if (error != null) {
                responder.refuse(c, e, 503, selector.failed()); // fail closed: never another client's server
            } else {
                chosen(c, e, server, selector, failed, orFailed);
            }
        }));
    }

    private void chosen(ClientConnection c, Exchange e, UpstreamServer server, ServerSelector selector,
                        UpstreamServer failed, boolean orFailed) {
        if (server == null && orFailed && failed != null) {
            select(c, e, null, false); // no other server: the retry goes to the one that failed
        } else {
            selected(c, e, server, selector);
        }
    }

    private void selected(ClientConnection c, Exchange e, UpstreamServer server, ServerSelector selector) {
        if (server == null) {
            boolean retry = e.server != null; // another server for one that failed: that failure is the answer
            responder.refuse(c, e, retry ? 502 : 503, retry ? "bad gateway" : selector.unavailable());
            return;
        }
        if (e.pool.admission() != null) {
            admission.admit(c, e, server, selector.binds(e.affinity));
            return;
        }
        connect(c, e, server);
    }

    /** Sends {@code e} to {@code server} on a pooled or new connection (admitted, if the service has caps). */
    void connect(ClientConnection c, Exchange e, UpstreamServer server) {
        e.server = server;
        e.attempts++;
        // HTTP/2 cannot carry an upgrade: to an h2c server it goes over HTTP/1.1, as in Traefik
        UpstreamServer via = e.upgrade ? server.overHttp1() : server;
        UpstreamHandler pooled = connector.pooled(via);
        if (pooled != null) {
            sendHead(c, e, pooled);
            c.drain(); // forwards whatever body is already queued, then one flush for head and body
            c.flushUpstream();
            return;
        }
        Future<UpstreamHandler> f = connector.connect(c.channel().eventLoop(), via);
        f.addListener((GenericFutureListener<Future<UpstreamHandler>>) done -> connected(c, e, server, done));
    }

    private void connected(ClientConnection c, Exchange e, UpstreamServer server, Future<UpstreamHandler> f) {
        if (!c.isCurrent(e)) {
            if (f.isSuccess()) {
                f.getNow().close();
            }
            return;
        }
        if (!f.isSuccess()) {
            // nothing reached the server: try the others (or as the retry middleware says), else 502. Like nginx's
            // proxy_next_upstream error: a dead node can take several servers of a service with it, each costing a
            // connect timeout, and a request is lost only when no server connects. Round robin goes on from the
            // failed one, and the failed ones are skipped a while, so each attempt goes to a server not tried yet.
            e.pool.connectFailed(server);
            if (e.retry != null) {
                if (!retries.again(c, e, server, false)) {
                    responder.refuse(c, e, 502, "bad gateway");
                }
            } else if (e.connectRetries < e.pool.servers().size() - 1) {
                e.connectRetries++; // per request, whatever came before (a replay, say)
                select(c, e, server, false);
            } else {
                responder.refuse(c, e, 502, "bad gateway");
            }
            return;
        }
        sendHead(c, e, f.getNow());
        c.drain();
        c.flushUpstream();
    }

    private void sendHead(ClientConnection c, Exchange e, UpstreamHandler up) {
        UpstreamServer server = e.server;
        HttpRequest req = e.request;
        req.setUri(server.basePath().isEmpty() ? e.forwardUri : server.basePath() + e.forwardUri);
        ServicePool pool = e.pool;
        HttpHeaders h = req.headers();
        h.set(HttpHeaderNames.HOST, !pool.passHostHeader() || e.clientHost == null ? server.hostHeader() : e.clientHost);
        // Netty's HTTP/2 codecs note the stream and scheme in headers; they mean nothing to the next hop
        h.remove(ExtensionHeaderNames.STREAM_ID.text());
        h.remove(ExtensionHeaderNames.SCHEME.text());
        if (e.teTrailers) {
            // the one TE value HTTP/2 allows (gRPC needs it); HTTP/1.1 servers get no TE, a hop-by-hop header
            if (server.h2c() && !e.upgrade) {
                h.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
            } else {
                h.remove(HttpHeaderNames.TE);
            }
        }
        e.hold(pool.health().state(server));
        up.bind(c.upstreamEvents());
        e.upstream = up;
        e.reusedConnection = up.wasUsed();
        e.originStartNanos = System.nanoTime();
        e.phase = Phase.AWAITING_RESPONSE;
        up.channel().write(req, up.channel().voidPromise());
        up.written();
        if (e.requestDone) {
            up.channel().write(LastHttpContent.EMPTY_LAST_CONTENT); // replay of a bodyless request
        }
        c.upstreamWritten();
    }

    /** A piece of the request body: forwarded, or dropped when the exchange was answered without it. */
    void requestContent(ClientConnection c, Exchange e, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            // broken body framing (bad chunk size…): the connection cannot be trusted any more
            content.release();
            responder.refuseAndClose(c, e, 400, "bad request");
            return;
        }
        boolean last = content instanceof LastHttpContent;
        e.bytesIn += content.content().readableBytes();
        if (e.requestLimit > 0 && e.bytesIn > e.requestLimit && !e.discarding) {
            // streamed past the limit: the server's request is aborted, it never gets a complete body
            content.release();
            responder.refuseAndClose(c, e, 413, "request body too large");
            return;
        }
        if (e.discarding) {
            content.release();
        } else {
            if (last && e.bytesIn == 0 && ((LastHttpContent) content).trailingHeaders().isEmpty()) {
                e.bodyless = true;
            }
            e.upstream.channel().write(content, e.upstream.channel().voidPromise());
            e.upstream.written();
            c.upstreamWritten();
        }
        if (last) {
            e.requestDone = true;
            c.finish(e);
        }
    }

    /**
     * The connection closed before any response byte. Like nginx's {@code proxy_next_upstream}, an idempotent
     * bodyless request is sent once more: on a fresh connection to the same server if the failed one was pooled
     * (a stale keep-alive connection), else to another server (one that closes fresh connections is going away).
     * True if it was sent again.
     */
    boolean replay(ClientConnection c, Exchange e) {
        if (e.retry != null) {
            if (!e.reusedConnection) {
                e.pool.connectFailed(e.server); // a fresh connection closed at once: passive health hears of it
            }
            return retries.again(c, e, e.server, true);
        }
        if (!e.bodyless || !e.requestDone || e.replayed || !isIdempotent(e.request.method())) {
            return false;
        }
        e.replayed = true;
        e.phase = Phase.CONNECTING;
        if (e.reusedConnection) {
            connect(c, e, e.server);
        } else {
            e.pool.connectFailed(e.server);
            select(c, e, e.server, false);
        }
        return true;
    }

    private static boolean isIdempotent(HttpMethod m) {
        return m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS || m == HttpMethod.TRACE;
    }
}
