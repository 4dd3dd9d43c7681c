package io.modelgate.gateway.proxy;

import io.modelgate.gateway.accesslog.AccessLogFields;
import io.modelgate.gateway.metrics.TrafficMeters;
import io.modelgate.gateway.proxy.codec.RefusedHead;
import io.modelgate.gateway.proxy.http.Authority;
import io.modelgate.gateway.proxy.http.ErrorResponses;
import io.modelgate.gateway.proxy.http.ForwardedHeaders;
import io.modelgate.gateway.proxy.http.HopByHopHeaders;
import io.modelgate.gateway.proxy.http.RequestIds;
import io.modelgate.gateway.proxy.http.RequestTarget;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.runtime.Route;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request head as it arrives: checked (decoder and strict-head errors, one valid Host, target), its target
 * normalized (absolute-form's authority becomes Host), the client's hop-by-hop headers removed and only then the
 * gateway's forwarding headers and request id set (so no {@code Connection} header can name them away), and routed. A request that fails a check is refused here and never
 * reaches a middleware or a server. Shared by all connections of an entry point.
 */
final class RequestIntake {

    private final ForwardedHeaders forwarded;
    private final MiddlewareRunner middlewares;
    private final LocalResponder responder;

    RequestIntake(ForwardedHeaders forwarded, MiddlewareRunner middlewares, LocalResponder responder) {
        this.forwarded = forwarded;
        this.middlewares = middlewares;
        this.responder = responder;
    }

    void start(ClientConnection c, HttpRequest req) {
        if (req.decoderResult().isFailure()) {
            ReferenceCountUtil.release(req);
            Exchange e = Exchange.unreadable(RequestIds.generate(), System.nanoTime(), c.channel().eventLoop(),
                    c.px().config());
            c.begin(e);
            Refusal r = malformed(req.decoderResult().cause());
            responder.refuseAndClose(c, e, r.status(), r.error());
            return;
        }
        HttpHeaders h = req.headers();
        boolean http10 = req.protocolVersion() == HttpVersion.HTTP_1_0;
        Exchange e = new Exchange(req, RequestIds.fromClientOrNew(h.get(ForwardedHeaders.X_REQUEST_ID)), System.nanoTime(),
                req.method().name(), req.uri(), c.protocol(req), http10,
                ErrorResponses.wantsJson(h.get(HttpHeaderNames.ACCEPT)),
                HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0,
                c.channel().eventLoop(), c.px().config());
        e.keepAlive = HttpUtil.isKeepAlive(req) && !c.px().draining(); // a stopping entry point says close
        e.requestLimit = c.px().maxRequestBodyBytes();
        e.userAgent = h.get(HttpHeaderNames.USER_AGENT);
        AccessLogFields logged = c.px().accessLog().fields();
        if (logged.capturesHeaders()) {
            e.loggedHeaders = logged.capture(h); // as the client sent them, before hop-by-hop and forwarding headers change
        }
        e.protocolLabel = h.containsValue(HttpHeaderNames.UPGRADE, "websocket", true) ? TrafficMeters.PROTOCOL_WEBSOCKET
                : h.containsValue(HttpHeaderNames.ACCEPT, "text/event-stream", true) ? TrafficMeters.PROTOCOL_SSE
                : TrafficMeters.PROTOCOL_HTTP;
        c.begin(e);
        if (req instanceof HttpContent) {
            // a full message from the decoder (never expected): treat as malformed rather than guess
            ReferenceCountUtil.release(req);
            responder.refuseAndClose(c, e, 400, "bad request");
            return;
        }
        List<String> hosts = h.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1 || (hosts.isEmpty() && !http10)) {
            responder.refuseAndClose(c, e, 400, hosts.isEmpty() ? "bad request: no Host" : "bad request: more than one Host");
            return;
        }
        String hostHeader = hosts.isEmpty() ? null : hosts.getFirst();
        if (hostHeader != null && !Authority.isValid(hostHeader)) {
            responder.refuseAndClose(c, e, 400, "bad request: invalid Host");
            return;
        }
        if (req.uri().equals("*")) {
            asterisk(c, e, req);
            return;
        }
        RequestTarget target;
        try {
            target = RequestTarget.parse(req.uri(), hostHeader, c.px().edge().encoded());
        } catch (RequestTarget.Refused r) {
            responder.refuseAndClose(c, e, 400, r.getMessage());
            return;
        }
        if (target.authority() != null) {
            hostHeader = target.authority(); // RFC 9112 §3.2.2: the target's authority, not the Host header
            h.set(HttpHeaderNames.HOST, hostHeader);
        }
        e.host = target.host();
        req.setUri(target.uri());
        // hop-by-hop first: a client's Connection header must not name away what the gateway sets below
        e.upgrade = h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && h.contains(HttpHeaderNames.UPGRADE)
                && !h.get(HttpHeaderNames.UPGRADE).toLowerCase(Locale.ROOT).startsWith("h2c");
        e.teTrailers = h.containsValue(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS, true);
        HopByHopHeaders.strip(h, e.upgrade);
        forwarded.apply(h, c.peer().ip(), c.peer().trusted(), hostHeader, c.px().tls());
        h.set(ForwardedHeaders.X_REQUEST_ID, e.requestId);

        Route route = e.config.route(c.px().entrypoint(), new NettyRequestFacts(req, target.host(), target.path(), c.peer().address().getAddress()));
        if (route == null) {
            responder.refuse(c, e, 404, "no route");
            return;
        }
        e.route = route;
        if (route.service() instanceof ServicePool pool) {
            // known now, so a request a middleware answers still counts in its service's meters and log line, as
            // before weighted services; a weighted service picks only when the request is forwarded
            e.pool = pool;
            e.poolIndex = 0;
        }
        middlewares.run(c, e, 0);
    }

    /**
     * {@code OPTIONS *} asks about the server, not a resource (RFC 9110 §9.3.7): the gateway answers it itself,
     * since no route matches {@code *}; {@code *} with any other method is refused.
     */
    private void asterisk(ClientConnection c, Exchange e, HttpRequest req) {
        if (!req.method().equals(HttpMethod.OPTIONS)) {
            responder.refuseAndClose(c, e, 400, "bad request: '*' is only a target for OPTIONS");
            return;
        }
        responder.respond(c, e, 200, Map.of(HttpHeaderNames.ALLOW.toString(), List.of(ALLOWED)), new byte[0]);
    }

    private static final String ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    /** The answer to a head the decoder could not read: the strict check's status, or 431, 414 or 400. */
    static Refusal malformed(Throwable cause) {
        if (cause instanceof RefusedHead r) {
            return new Refusal(r.status(), r.getMessage());
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Refusal(431, "request header fields too large");
        }
        if (cause instanceof TooLongHttpLineException) {
            return new Refusal(414, "uri too long");
        }
        if (cause instanceof TooLongFrameException) {
            return new Refusal(400, "bad request");
        }
        return new Refusal(400, "bad request");
    }

    record Refusal(int status, String error) {
    }
}
