package io.modelgate.gateway.testsupport;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP backend on loopback (Reactor Netty). Every response says which backend answered
 * ({@code X-Backend}) and echoes what arrived as JSON; {@code /slow?ms=N} answers after N ms,
 * {@code /ws} is a WebSocket echo. It counts requests so tests can prove something was NOT forwarded.
 */
public final class TestBackend implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final DisposableServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Seen> last = new AtomicReference<>();
    /** Its accepted connections: {@link #kill} closes them (the group forgets each one as it closes). */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    public TestBackend(String name) {
        this.name = name;
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .doOnConnection(conn -> connections.add(conn.channel()))
                .route(r -> r
                        .ws("/ws", (in, out) -> out.send(in.receive().retain()))
                        .route(req -> true, this::handle))
                .bindNow();
    }

    private org.reactivestreams.Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        requests.incrementAndGet();
        return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(bytes -> {
            String body = new String(bytes, StandardCharsets.UTF_8);
            Seen seen = new Seen(req.method().name(), req.uri(), req.requestHeaders().copy(), body);
            last.set(seen);
            Map<String, Object> echo = new TreeMap<>();
            echo.put("backend", name);
            echo.put("method", seen.method());
            echo.put("uri", seen.uri());
            echo.put("bodyLength", bytes.length);
            echo.put("bodySha256", sha256(bytes));
            Map<String, String> headers = new TreeMap<>();
            seen.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue(),
                    (a, b) -> a + "," + b));
            echo.put("headers", headers);
            String out = JSON.writeValueAsString(echo);
            if (req.uri().matches(".*/status/\\d{3}.*")) {
                // …/status/503?bytes=N: that status, Retry-After, and an N-byte body (default 32)
                int code = Integer.parseInt(req.uri().replaceAll(".*/status/(\\d{3}).*", "$1"));
                int size = req.uri().contains("bytes=") ? Integer.parseInt(req.uri().replaceAll(".*bytes=(\\d+).*", "$1")) : 32;
                return res.status(code).header("X-Backend", name).header("Retry-After", "7")
                        .header("Set-Cookie", "backend=secret").header("Content-Type", "text/plain")
                        .sendString(Mono.just("e".repeat(size))).then();
            }
            long delay = req.uri().startsWith("/slow") ? Long.parseLong(req.uri().replaceAll(".*ms=(\\d+).*", "$1")) : 0;
            Mono<String> payload = Mono.just(out);
            if (delay > 0) {
                payload = payload.delayElement(Duration.ofMillis(delay));
            }
            return res.header("X-Backend", name).header("Content-Type", "application/json")
                    .sendString(payload).then();
        });
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public String name() {
        return name;
    }

    public int requests() {
        return requests.get();
    }

    /** The last request this backend received, or null. */
    public Seen last() {
        return last.get();
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    /**
     * The backend dies: its port refuses connections and its open keep-alive connections are closed too.
     * ({@link #close} stops accepting only; the connections a gateway pooled would go on being served.)
     */
    public void kill() {
        server.channel().close().syncUninterruptibly(); // first: no new connection is accepted meanwhile
        connections.close().syncUninterruptibly();
        server.disposeNow();
    }

    /** A request as the backend saw it. */
    public record Seen(String method, String uri, HttpHeaders headers, String body) {
    }
}
