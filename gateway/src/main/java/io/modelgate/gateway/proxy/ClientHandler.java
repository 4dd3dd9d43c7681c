package io.modelgate.gateway.proxy;

import io.modelgate.gateway.accesslog.AccessLogRecord;
import io.modelgate.gateway.middleware.Middleware;
import io.modelgate.gateway.middleware.errors.BuiltInPages;
import io.modelgate.gateway.middleware.errors.ErrorPage;
import io.modelgate.gateway.middleware.errors.ErrorsMiddleware;
import io.modelgate.gateway.runtime.Affinity;
import io.modelgate.gateway.runtime.Route;
import io.modelgate.gateway.runtime.RuntimeConfig;
import io.modelgate.gateway.runtime.ServicePool;
import io.modelgate.gateway.runtime.UpstreamServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One client connection of the web entry point. Requests are handled one at a time in arrival order
 * (pipelined requests wait in {@link #queue}, so responses can never be reordered); each is routed,
 * passed through its middlewares and streamed to an upstream connection taken from this event loop's
 * pool. Bodies are never aggregated: each {@link HttpContent} is forwarded as it arrives, and reading
 * stops on whichever side the other cannot keep up with.
 *
 * <p>Everything here runs on the connection's event loop; upstream callbacks check that they still
 * belong to the current exchange, because a client may go away at any point.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {

    /** A cached AsciiString: its hash is computed once, not on every header operation. */
    static final AsciiString X_REQUEST_ID = AsciiString.cached("X-Request-Id");

    /** Messages read ahead before reading pauses: bounds pipelining and bodies waiting for a connect. */
    private static final int MAX_QUEUED = 64;

    /** Headers of a server's error response that still mean something with a page in place of its body. */
    private static final List<AsciiString> KEPT_ON_PAGES = List.of(HttpHeaderNames.WWW_AUTHENTICATE,
            HttpHeaderNames.RETRY_AFTER, HttpHeaderNames.ALLOW);

    private final ProxyContext px;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private Channel ch;
    private String clientIp;
    private InetSocketAddress clientAddress;
    private boolean trustedClient;
    private Exchange ex;
    private boolean upstreamDirty;
    private boolean closing;
    private boolean tunnel;
    private UpstreamHandler tunnelPeer;

    ClientHandler(ProxyContext px) {
        this.px = px;
    }

    Channel channel() {
        return ch;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ch = ctx.channel();
        clientAddress = (InetSocketAddress) ch.remoteAddress();
        clientIp = clientAddress.getAddress().getHostAddress();
        trustedClient = px.trustedProxies().test(clientAddress.getAddress());
        ctx.fireChannelActive();
    }

    // ---------------------------------------------------------------- client → gateway

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (tunnel) {
            tunnelPeer.channel().write(msg);
            upstreamDirty = true;
            return;
        }
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        queue.add(msg);
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushUpstream();
    }

    private void flushUpstream() {
        if (upstreamDirty) {
            upstreamDirty = false;
            if (tunnel) {
                tunnelPeer.channel().flush();
            } else if (ex != null && ex.upstream != null) {
                ex.upstream.channel().flush();
            }
        }
    }

    /** Processes queued messages as far as the current exchange allows. */
    private void drain() {
        Object m;
        while (!closing && (m = queue.peek()) != null) {
            if (m instanceof HttpRequest) {
                if (ex != null) {
                    break;
                }
            } else if (ex == null) {
                queue.poll();
                ReferenceCountUtil.release(m);
                continue;
            } else if (!ex.discarding && ex.upstream == null) {
                break; // body waits for the middlewares and the upstream connection
            }
            queue.poll();
            if (m instanceof HttpRequest r) {
                startRequest(r);
            } else {
                onRequestContent((HttpContent) m);
            }
        }
        updateAutoRead();
    }

    /** Reads from the client only while there is room in the queue and the upstream accepts writes. */
    void updateAutoRead() {
        if (ch == null || tunnel) {
            return;
        }
        boolean want = !closing && queue.size() < MAX_QUEUED
                && (ex == null || ex.upstream == null || ex.upstream.channel().isWritable());
        if (ch.config().isAutoRead() != want) {
            ch.config().setAutoRead(want);
        }
    }

    private void startRequest(HttpRequest req) {
        if (req.decoderResult().isFailure()) {
            ReferenceCountUtil.release(req);
            refuseMalformed(req.decoderResult().cause());
            return;
        }
        HttpHeaders h = req.headers();
        ex = new Exchange(req, RequestIds.fromClientOrNew(h.get(X_REQUEST_ID)), System.nanoTime());
        ex.keepAlive = HttpUtil.isKeepAlive(req);
        ex.http10 = req.protocolVersion() == HttpVersion.HTTP_1_0;
        ex.json = ErrorResponses.wantsJson(h.get(HttpHeaderNames.ACCEPT));
        ex.method = req.method().name();
        ex.rawUri = req.uri();
        ex.protocol = req.protocolVersion().text();
        ex.hasBody = HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0;
        if (req instanceof HttpContent) {
            // a full message from the decoder (never expected): treat as malformed rather than guess
            ReferenceCountUtil.release(req);
            refuseAndClose(400, "bad request");
            return;
        }
        List<String> hosts = h.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1 || (hosts.isEmpty() && !ex.http10)) {
            refuseAndClose(400, "bad request");
            return;
        }
        String hostHeader = hosts.isEmpty() ? null : hosts.getFirst();
        RequestTarget target = RequestTarget.parse(req.uri(), hostHeader);
        if (target == null) {
            refuseAndClose(400, "bad request");
            return;
        }
        ex.host = target.host();
        req.setUri(target.uri());

        px.forwarded().apply(h, clientIp, trustedClient, hostHeader);
        h.set(X_REQUEST_ID, ex.requestId);

        RuntimeConfig config = px.configs().current();
        ex.config = config;
        Route route = config.route(new NettyRequestFacts(req, target.host(), target.path(), clientAddress.getAddress()));
        if (route == null) {
            refuse(404, "no route");
            return;
        }
        ex.route = route;
        runMiddlewares(ex, 0);
    }

    private void runMiddlewares(Exchange e, int index) {
        List<Middleware> chain = e.route.middlewares();
        if (index == chain.size()) {
            forward(e);
            return;
        }
        chain.get(index).onRequest(e.request, new Middleware.Continuation() {
            private boolean done;

            @Override
            public io.netty.channel.EventLoop eventLoop() {
                return ch.eventLoop();
            }

            @Override
            public void proceed() {
                if (!ch.eventLoop().inEventLoop()) {
                    ch.eventLoop().execute(this::proceed); // an async step finished elsewhere: back to our loop
                    return;
                }
                if (settle()) {
                    runMiddlewares(e, index + 1);
                }
            }

            @Override
            public void refuse(int status, String error) {
                refuse(status, error, java.util.Map.of());
            }

            @Override
            public void respond(int status, java.util.Map<String, List<String>> headers, byte[] body) {
                if (!ch.eventLoop().inEventLoop()) {
                    ch.eventLoop().execute(() -> respond(status, headers, body));
                    return;
                }
                if (settle()) {
                    respondWith(e, status, headers, body);
                }
            }

            @Override
            public void refuse(int status, String error, java.util.Map<String, String> headers) {
                if (!ch.eventLoop().inEventLoop()) {
                    ch.eventLoop().execute(() -> refuse(status, error, headers));
                    return;
                }
                if (settle()) {
                    e.extraHeaders = headers;
                    ClientHandler.this.refuse(status, error);
                }
            }

            private boolean settle() {
                if (done) {
                    throw new IllegalStateException("middleware continued twice: " + chain.get(index));
                }
                done = true;
                return ex == e && !closing; // the client may have gone while an async step ran
            }
        });
    }

    private void forward(Exchange e) {
        HttpRequest req = e.request;
        HttpHeaders h = req.headers();
        e.requestLimit = e.route.requestLimit(px.maxRequestBodyBytes());
        if (e.requestLimit > 0 && HttpUtil.getContentLength(req, -1L) > e.requestLimit) {
            refuse(413, "request body too large"); // declared too large: no server is contacted
            return;
        }
        e.upgrade = h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && h.contains(HttpHeaderNames.UPGRADE)
                && !h.get(HttpHeaderNames.UPGRADE).toLowerCase(java.util.Locale.ROOT).startsWith("h2c");
        HopByHopHeaders.strip(h, e.upgrade);
        if (e.upgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            // answered here, where the request is known to be routable; the server never sees Expect
            h.remove(HttpHeaderNames.EXPECT);
            ch.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        } else if (h.contains(HttpHeaderNames.EXPECT)) {
            refuseAndClose(417, "expectation failed");
            return;
        }
        req.setProtocolVersion(HttpVersion.HTTP_1_1);
        e.forwardUri = req.uri();
        e.clientHost = h.get(HttpHeaderNames.HOST);
        ServicePool pool = e.route.service();
        Affinity affinity = pool.affinity();
        UpstreamServer server;
        if (affinity == null) {
            server = pool.pick(null);
        } else {
            String value = StickyValues.of(affinity, req);
            e.affinityValue = value;
            if (affinity.leases() != null) {
                dedicated(e, pool, value);
                return;
            }
            server = pool.pickSticky(value);
            e.cookieServer = affinity.cookie() != null && value != null ? affinity.byCookie().get(value) : null;
        }
        if (server == null) {
            refuse(503, "no available server");
            return;
        }
        connect(e, server);
    }

    /** A dedicated service: the key's lease, which a shared store (Redis) may answer later, off this loop. */
    private void dedicated(Exchange e, ServicePool pool, String key) {
        if (key == null) {
            refuse(503, "no free instance");
            return;
        }
        java.util.concurrent.CompletableFuture<UpstreamServer> lease = pool.acquireDedicated(key).toCompletableFuture();
        if (lease.isDone() && !lease.isCompletedExceptionally()) {
            leased(e, lease.join());
            return;
        }
        lease.whenComplete((server, error) -> ch.eventLoop().execute(() -> {
            if (ex != e || closing) {
                return; // the client went away meanwhile
            }
            if (error != null) {
                refuse(503, "lease store unavailable"); // fail closed: never a shared instance
            } else {
                leased(e, server);
            }
        }));
    }

    private void leased(Exchange e, UpstreamServer server) {
        if (server == null) {
            refuse(503, "no free instance");
        } else {
            connect(e, server);
        }
    }

    private void connect(Exchange e, UpstreamServer server) {
        e.server = server;
        UpstreamHandler pooled = px.connector().pool().poll(server);
        if (pooled != null) {
            sendHead(e, pooled);
            drain(); // forwards whatever body is already queued, then one flush for head and body
            flushUpstream();
            return;
        }
        ChannelFuture f = px.connector().connect(ch.eventLoop(), server);
        f.addListener((ChannelFutureListener) done -> onConnected(e, server, done));
    }

    private void onConnected(Exchange e, UpstreamServer server, ChannelFuture f) {
        if (ex != e || closing) {
            if (f.isSuccess()) {
                f.channel().close();
            }
            return;
        }
        if (!f.isSuccess()) {
            retryOrFail(e, server);
            return;
        }
        sendHead(e, f.channel().pipeline().get(UpstreamHandler.class));
        drain();
        flushUpstream();
    }

    /** Nothing reached the server: try another one once, else 502. */
    private void retryOrFail(Exchange e, UpstreamServer failed) {
        e.route.service().connectFailed(failed);
        if (!e.retriedConnect) {
            e.retriedConnect = true;
            UpstreamServer other = another(e, failed);
            if (other != null) {
                connect(e, other);
                return;
            }
        }
        refuse(502, "bad gateway");
    }

    /**
     * Another server for an exchange whose server failed (and was marked so): by the service's affinity if it
     * has one — a dedicated key gets a new lease, never someone else's instance — else round robin.
     */
    private static UpstreamServer another(Exchange e, UpstreamServer failed) {
        ServicePool pool = e.route.service();
        Affinity affinity = pool.affinity();
        if (affinity == null) {
            return pool.pick(failed);
        }
        UpstreamServer s = e.affinityValue == null && affinity.leases() == null ? pool.pick(failed)
                : pool.pickSticky(e.affinityValue);
        return failed.equals(s) ? null : s;
    }

    private void sendHead(Exchange e, UpstreamHandler up) {
        UpstreamServer server = e.server;
        HttpRequest req = e.request;
        req.setUri(server.basePath().isEmpty() ? e.forwardUri : server.basePath() + e.forwardUri);
        if (!e.route.service().passHostHeader() || e.clientHost == null) {
            req.headers().set(HttpHeaderNames.HOST, server.hostHeader());
        } else {
            req.headers().set(HttpHeaderNames.HOST, e.clientHost);
        }
        up.bind(this);
        e.upstream = up;
        e.reusedConnection = up.wasUsed();
        e.originStart = System.nanoTime();
        up.channel().write(req);
        if (e.requestDone) {
            up.channel().write(LastHttpContent.EMPTY_LAST_CONTENT); // replay of a bodyless request
        }
        upstreamDirty = true;
    }

    private void onRequestContent(HttpContent c) {
        Exchange e = ex;
        if (c.decoderResult().isFailure()) {
            // broken body framing (bad chunk size…): the connection cannot be trusted any more
            c.release();
            if (e.upstream != null) {
                e.upstream.close();
                e.upstream = null;
            }
            refuseAndClose(400, "bad request");
            return;
        }
        boolean last = c instanceof LastHttpContent;
        int bytes = c.content().readableBytes();
        e.bytesIn += bytes;
        if (e.requestLimit > 0 && e.bytesIn > e.requestLimit && !e.discarding) {
            // streamed past the limit: the server's request is aborted, it never gets a complete body
            c.release();
            if (e.upstream != null) {
                e.upstream.close();
                e.upstream = null;
            }
            refuseAndClose(413, "request body too large");
            return;
        }
        if (e.discarding) {
            c.release();
        } else {
            if (last && e.bytesIn == 0 && ((LastHttpContent) c).trailingHeaders().isEmpty()) {
                e.bodyless = true;
            }
            e.upstream.channel().write(c);
            upstreamDirty = true;
        }
        if (last) {
            e.requestDone = true;
            maybeFinish(e);
        }
    }

    // ---------------------------------------------------------------- upstream → client

    void onResponseHead(UpstreamHandler up, HttpResponse r) {
        Exchange e = ex;
        if (e == null || e.upstream != up) {
            up.close();
            return;
        }
        int code = r.status().code();
        if (code < 200 && code != 101) {
            e.skippingInformational = true; // 100/102/103 from the server: ours was already sent, drop these
            return;
        }
        long responseLimit = e.route.maxResponseBodyBytes();
        if (responseLimit > 0 && HttpUtil.getContentLength(r, -1L) > responseLimit) {
            e.originStatus = code;
            up.close();
            e.upstream = null;
            refuse(502, "response body too large");
            return;
        }
        e.originStatus = code;
        e.originNanos = System.nanoTime() - e.originStart;
        e.responseStarted = true;
        e.status = code;
        HttpHeaders h = r.headers();
        if (code == 101) {
            if (!e.upgrade) {
                up.close();
                onUpstreamFailed(up, "bad gateway");
                return;
            }
            h.set(X_REQUEST_ID, e.requestId);
            ch.write(r);
            return; // switches to tunnel mode at the (empty) end of this response
        }
        ErrorsMiddleware pages = e.request.method() == HttpMethod.HEAD ? null : e.route.errorPages(code);
        if (pages != null) {
            replaceBody(e, up, r, pages);
            return;
        }
        if (!HttpUtil.isKeepAlive(r)) {
            up.notReusable();
        }
        boolean chunked = HttpUtil.isTransferEncodingChunked(r);
        HopByHopHeaders.strip(h, false);
        boolean noBody = code == 204 || code == 304 || e.request.method() == HttpMethod.HEAD;
        if (!chunked && !h.contains(HttpHeaderNames.CONTENT_LENGTH) && !noBody) {
            // close-delimited from the server: chunk it for HTTP/1.1 clients, close after it for 1.0
            up.notReusable();
            if (e.http10) {
                e.keepAlive = false;
            } else {
                HttpUtil.setTransferEncodingChunked(r, true);
            }
        }
        if (e.http10) {
            if (chunked) {
                h.remove(HttpHeaderNames.TRANSFER_ENCODING);
                e.keepAlive = false;
            }
            r.setProtocolVersion(HttpVersion.HTTP_1_0);
        }
        if (!e.keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (e.http10) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        h.set(X_REQUEST_ID, e.requestId);
        Affinity affinity = e.route.service().affinity();
        if (affinity != null && affinity.cookie() != null && !e.server.equals(e.cookieServer)) {
            // a new client, or its server is gone: pin it to the one that answered
            h.add(HttpHeaderNames.SET_COOKIE, affinity.setCookie(e.server));
        }
        List<Middleware> chain = e.route.middlewares();
        for (int i = chain.size() - 1; i >= 0; i--) {
            chain.get(i).onResponse(r);
        }
        ch.write(r);
    }

    void onResponseContent(UpstreamHandler up, HttpContent c) {
        Exchange e = ex;
        if (e == null || e.upstream != up) {
            c.release();
            up.close();
            return;
        }
        boolean last = c instanceof LastHttpContent;
        if (e.skippingInformational) {
            c.release();
            e.skippingInformational = !last;
            return;
        }
        if (e.status == 101) {
            c.release();
            if (last) {
                startTunnel(e, up);
            }
            return;
        }
        if (e.replacing) {
            c.release(); // the server's error body, replaced by a page
            if (last) {
                e.upstream = null;
                up.release(e.requestDone);
                upstreamDone(e);
            }
            return;
        }
        e.bytesOut += c.content().readableBytes();
        long responseLimit = e.route.maxResponseBodyBytes();
        if (responseLimit > 0 && e.bytesOut > responseLimit) {
            c.release(); // past the limit mid-stream: the status is sent, cutting is the only signal left
            e.upstream = null;
            up.close();
            abort(e);
            return;
        }
        ch.write(c);
        if (!ch.isWritable()) {
            up.channel().config().setAutoRead(false);
        }
        if (last) {
            e.responseDone = true;
            maybeFinish(e);
        }
    }

    // ---------------------------------------------------------------- error pages

    /**
     * An error status an errors middleware covers: the server's body is read and dropped (keeping the
     * connection reusable) while the page is fetched; the page goes out once both are done.
     */
    private void replaceBody(Exchange e, UpstreamHandler up, HttpResponse r, ErrorsMiddleware pages) {
        e.replacing = true;
        if (!HttpUtil.isKeepAlive(r)) {
            up.notReusable();
        }
        for (AsciiString name : KEPT_ON_PAGES) {
            String value = r.headers().get(name);
            if (value != null) {
                e.keptHeaders = e.keptHeaders == null ? new java.util.HashMap<>() : e.keptHeaders;
                e.keptHeaders.put(name.toString(), value);
            }
        }
        pages.page(e.status, e.json, e.rawUri, e.requestId, ch.eventLoop())
                .whenComplete((page, error) -> onLoop(() -> {
                    if (ex == e && !closing) {
                        e.page = page != null ? page : BuiltInPages.of(e.status, e.json, e.requestId);
                        sendPageIfReady(e);
                    }
                }));
    }

    /** The server's error response is over (read to the end, or its connection gone). */
    private void upstreamDone(Exchange e) {
        e.upstreamDrained = true;
        if (!e.requestDone) {
            e.discarding = true; // the server answered before the whole body: the rest is dropped
        }
        sendPageIfReady(e);
    }

    private void sendPageIfReady(Exchange e) {
        if (e.page == null || !e.upstreamDrained || e.responseDone) {
            return;
        }
        FullHttpResponse response = pageResponse(e, e.page);
        if (e.keptHeaders != null) {
            e.keptHeaders.forEach((k, v) -> response.headers().set(k, v));
        }
        List<Middleware> chain = e.route.middlewares();
        for (int i = chain.size() - 1; i >= 0; i--) {
            chain.get(i).onResponse(response);
        }
        e.bytesOut = response.content().readableBytes();
        e.responseDone = true;
        ch.writeAndFlush(response);
        maybeFinish(e);
    }

    /** A page as the response to the current exchange, with its original status. */
    private FullHttpResponse pageResponse(Exchange e, ErrorPage page) {
        HttpVersion version = e.http10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(e.status),
                Unpooled.wrappedBuffer(page.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, page.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, page.body().length)
                .set(X_REQUEST_ID, e.requestId)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (!e.keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (e.http10) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return response;
    }

    /**
     * The pages for one of the gateway's own errors: the route's errors middleware if it covers the status
     * (as in Traefik, where the proxy's own 502 passes through it), else {@code modelgate.errors.service}.
     */
    private ErrorsMiddleware ownErrorPages(Exchange e, int status) {
        if (e.route != null) {
            ErrorsMiddleware m = e.route.errorPages(status);
            if (m != null) {
                return m;
            }
        }
        RuntimeConfig config = e.config != null ? e.config : px.configs().current();
        ErrorsMiddleware pages = config.gatewayPages();
        return pages != null && pages.covers(status) ? pages : null;
    }

    private void onLoop(Runnable task) {
        if (ch.eventLoop().inEventLoop()) {
            task.run();
        } else {
            ch.eventLoop().execute(task);
        }
    }

    /** After a 101: both connections carry raw bytes; the HTTP codecs leave the pipelines. */
    private void startTunnel(Exchange e, UpstreamHandler up) {
        tunnel = true;
        tunnelPeer = up;
        e.responseDone = true;
        ch.pipeline().remove(HttpServerCodec.class);
        up.channel().pipeline().remove("http");
        log(e);
        ex = null;
        Object m;
        while ((m = queue.poll()) != null) {
            if (m instanceof ByteBuf) {
                up.channel().write(m);
            } else {
                ReferenceCountUtil.release(m);
            }
        }
        up.channel().flush();
        ch.config().setAutoRead(true);
    }

    void onTunnelData(ByteBuf data) {
        if (!tunnel) {
            data.release();
            return;
        }
        ch.write(data);
        if (!ch.isWritable()) {
            tunnelPeer.channel().config().setAutoRead(false);
        }
    }

    /** The upstream connection failed or closed while bound to the current exchange. */
    void onUpstreamFailed(UpstreamHandler up, String error) {
        if (tunnel) {
            ch.close();
            return;
        }
        Exchange e = detach(up);
        if (e == null) {
            return;
        }
        if (e.replacing) {
            upstreamDone(e); // the page replaces the body anyway
            return;
        }
        if (e.responseStarted) {
            if (!e.responseDone) {
                e.status = e.status == 0 ? 502 : e.status;
                abort(e); // mid-response: truncating is the only honest signal left
            }
            return;
        }
        if (e.bodyless && e.requestDone && !e.replayed && isIdempotent(e.request.method())) {
            // closed before any response byte: a stale keep-alive connection, or a server shutting down.
            // Like nginx's proxy_next_upstream, an idempotent bodyless request is sent once more: on a fresh
            // connection to the same server if the failed one was pooled, else to another server.
            e.replayed = true;
            UpstreamServer next;
            if (e.reusedConnection) {
                next = e.server;
            } else {
                e.route.service().connectFailed(e.server); // a server that closes fresh connections is going away
                next = another(e, e.server);
            }
            if (next != null) {
                connect(e, next);
                return;
            }
        }
        refuse(502, error);
    }

    /** The current exchange if {@code up} is its upstream, which is then closed and detached; else null. */
    private Exchange detach(UpstreamHandler up) {
        Exchange e = ex;
        if (e == null || e.upstream != up) {
            return null;
        }
        e.upstream = null;
        up.close();
        return e;
    }

    private static boolean isIdempotent(HttpMethod m) {
        return m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS || m == HttpMethod.TRACE;
    }

    /** The upstream connection was silent for the response timeout: 504, or a cut if the response had begun. */
    void onResponseTimeout(UpstreamHandler up) {
        Exchange e = detach(up);
        if (e == null) {
            return;
        }
        if (e.replacing) {
            upstreamDone(e);
            return;
        }
        if (e.responseStarted) {
            abort(e);
            return;
        }
        refuse(504, "upstream timeout");
    }

    // ---------------------------------------------------------------- ending an exchange

    /**
     * Answers the current exchange with the gateway's own error. The connection stays open if the client
     * wants keep-alive and the rest of the request is small enough to read and drop (none, or already read);
     * otherwise it closes after the answer.
     */
    private void refuse(int status, String error) {
        Exchange e = ex;
        respondError(e, status, error, e.keepAlive && (e.requestDone || !e.hasBody));
    }

    private void refuseAndClose(int status, String error) {
        respondError(ex, status, error, false);
    }

    private void respondError(Exchange e, int status, String error, boolean keepAlive) {
        if (e.responseStarted) {
            abort(e);
            return;
        }
        if (e.upstream != null) {
            e.upstream.close();
            e.upstream = null;
        }
        e.status = status;
        e.keepAlive &= keepAlive;
        e.responseStarted = true;
        e.discarding = true;
        ErrorsMiddleware pages = ownErrorPages(e, status);
        if (pages == null) {
            sendError(e, builtInError(e, error));
            return;
        }
        pages.page(status, e.json, e.rawUri, e.requestId, ch.eventLoop()).whenComplete((page, failure) -> onLoop(() -> {
            if (ex == e && !closing) {
                sendError(e, page == null ? builtInError(e, error) : pageResponse(e, page));
            }
        }));
    }

    private FullHttpResponse builtInError(Exchange e, String error) {
        HttpVersion version = e.http10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        return ErrorResponses.build(ch.alloc(), version, e.status, error, e.requestId, e.json, e.keepAlive);
    }

    /** Writes the answer to a refused exchange, then closes or goes on with the next request. */
    private void sendError(Exchange e, FullHttpResponse response) {
        e.extraHeaders.forEach((k, v) -> response.headers().set(k, v));
        e.bytesOut += response.content().readableBytes();
        e.responseDone = true;
        ChannelFuture written = ch.writeAndFlush(response);
        if (!e.keepAlive) {
            closing = true;
            log(e);
            ex = null;
            releaseQueue();
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        maybeFinish(e);
        drain();
    }

    /** A middleware's own answer (an auth service's 401/403 as it came); the request is not forwarded. */
    private void respondWith(Exchange e, int status, java.util.Map<String, List<String>> headers, byte[] body) {
        boolean keepAlive = e.keepAlive && (e.requestDone || !e.hasBody);
        e.status = status;
        e.keepAlive = keepAlive;
        e.responseStarted = true;
        e.discarding = true;
        HttpVersion version = e.http10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        var response = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        headers.forEach((name, values) -> response.headers().add(name, values));
        HopByHopHeaders.strip(response.headers(), false);
        response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(X_REQUEST_ID, e.requestId);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        sendError(e, response);
    }

    /** A malformed request: 400/414/431, then close; nothing reaches a server. */
    private void refuseMalformed(Throwable cause) {
        int status = 400;
        String error = "bad request";
        if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            error = "request header fields too large";
        } else if (cause instanceof TooLongHttpLineException) {
            status = 414;
            error = "uri too long";
        } else if (cause instanceof TooLongFrameException) {
            status = 400;
        }
        ex = new Exchange(null, RequestIds.generate(), System.nanoTime());
        ex.method = "-";
        ex.rawUri = "-";
        ex.protocol = "-";
        refuseAndClose(status, error);
    }

    private void abort(Exchange e) {
        closing = true;
        if (e.status == 0 || !e.responseDone) {
            e.aborted = true;
        }
        log(e);
        ex = null;
        releaseQueue();
        ch.close();
    }

    private void maybeFinish(Exchange e) {
        if (!e.responseDone) {
            return;
        }
        if (!e.requestDone) {
            // answered before the body was complete: that connection is unusable, drop the rest of the body
            if (e.upstream != null) {
                UpstreamHandler up = e.upstream;
                e.upstream = null;
                up.release(false);
            }
            e.discarding = true;
            return;
        }
        if (e.upstream != null) {
            UpstreamHandler up = e.upstream;
            e.upstream = null;
            up.release(true);
        }
        log(e);
        ex = null;
        if (!e.keepAlive) {
            closing = true;
            releaseQueue();
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        drain();
    }

    private void log(Exchange e) {
        if (e.logged) {
            return;
        }
        e.logged = true;
        long end = System.nanoTime();
        int status = e.aborted && !e.responseStarted ? 499 : e.status;
        px.accessLog().log(new AccessLogRecord(System.currentTimeMillis(), clientIp, e.method, e.host, e.rawUri,
                e.protocol, status, e.originStatus, (end - e.start) / 1_000_000.0,
                e.originNanos / 1_000_000.0, e.bytesIn, e.bytesOut,
                e.route == null ? null : e.route.router(),
                e.route == null ? null : e.route.service().name(),
                e.server == null ? null : e.server.url(), e.requestId));
    }

    private void releaseQueue() {
        Object m;
        while ((m = queue.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
    }

    // ---------------------------------------------------------------- connection events

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ch.isWritable();
        if (tunnel) {
            tunnelPeer.channel().config().setAutoRead(writable);
        } else if (ex != null && ex.upstream != null) {
            ex.upstream.channel().config().setAutoRead(writable);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.ALL_IDLE && ex == null && !tunnel) {
                ctx.close(); // keep-alive connection idle too long
            } else if (idle.state() == IdleState.READER_IDLE && ex != null && !ex.requestDone
                    && !ex.responseStarted && ch.config().isAutoRead()) {
                refuseAndClose(408, "request timeout");
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        releaseQueue();
        if (tunnel) {
            tunnelPeer.close();
        }
        Exchange e = ex;
        if (e != null) {
            ex = null;
            if (e.upstream != null) {
                e.upstream.close(); // mid-exchange: that connection's state is unknown
                e.upstream = null;
            }
            if (!e.responseDone) {
                e.aborted = true;
            }
            log(e);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // I/O errors (reset by peer…); nothing useful can be sent, and nothing is forwarded after this
        ctx.close();
    }

    /** The state of the request currently being handled on this connection. */
    private static final class Exchange {
        final HttpRequest request;
        final String requestId;
        final long start;
        String method;
        String rawUri;
        String protocol;
        String host;
        String forwardUri;
        String clientHost;
        Route route;
        UpstreamServer server;
        UpstreamServer cookieServer;
        String affinityValue;
        UpstreamHandler upstream;
        boolean retriedConnect;
        boolean replayed;
        int status;
        int originStatus;
        long originStart;
        long originNanos;
        long bytesIn;
        long bytesOut;
        boolean keepAlive;
        boolean http10;
        boolean json;
        boolean upgrade;
        boolean requestDone;
        boolean hasBody;
        long requestLimit;
        java.util.Map<String, String> extraHeaders = java.util.Map.of();
        RuntimeConfig config;
        boolean replacing;
        boolean upstreamDrained;
        ErrorPage page;
        java.util.Map<String, String> keptHeaders;
        boolean bodyless;
        boolean responseStarted;
        boolean responseDone;
        boolean discarding;
        boolean reusedConnection;
        boolean skippingInformational;
        boolean aborted;
        boolean logged;

        Exchange(HttpRequest request, String requestId, long start) {
            this.request = request;
            this.requestId = requestId;
            this.start = start;
        }
    }
}
