package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.FaultyUpstream;
import io.modelgate.gateway.testsupport.FaultyUpstream.Fault;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.SteadyLoad;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that break HTTP while a steady load runs on a healthy route: one that never answers, ones that reset
 * before the head or mid-body, ones that frame their response badly (Content-Length with chunked and a response
 * smuggled behind it, a bad chunk size, a chunk that overruns its size). The client gets a 502 or 504 — or, once
 * the response head has gone out, a connection cut before the framing completes — and never a response that
 * looks complete but is not, never a byte of a smuggled response, and the healthy route sees no error at all.
 */
class UpstreamFaultsIT {

    private static final int REQUESTS_PER_FAULT = 12;

    @TempDir
    Path dir;

    /** What the client may see for each fault. */
    private static final Map<Fault, Set<String>> ALLOWED = new EnumMap<>(Map.of(
            Fault.SILENT, Set.of("504"),
            Fault.RESET_BEFORE_HEAD, Set.of("502"),
            Fault.RESET_MID_BODY, Set.of("cut after head"),
            Fault.RESET_MID_CHUNKED_BODY, Set.of("cut after head"),
            Fault.CONTENT_LENGTH_AND_CHUNKED, Set.of("502"),
            Fault.BAD_CHUNK_SIZE, Set.of("502", "cut after head", "cut before head"),
            Fault.CHUNK_OVERRUN, Set.of("502", "cut after head", "cut before head")));

    @Test
    void brokenServersGet502Or504OrACutNeverAHalfFramedOrSmuggledResponse() throws Exception {
        Map<Fault, FaultyUpstream> upstreams = new EnumMap<>(Fault.class);
        StringBuilder routes = new StringBuilder("http:\n  routers:\n    ok: { rule: \"Path(`/ok`)\", service: ok }\n");
        StringBuilder services = new StringBuilder("  services:\n");
        try (TestBackend backend = new TestBackend("healthy")) {
            services.append("    ok: { loadBalancer: { servers: [ { url: \"").append(backend.url()).append("\" } ] } }\n");
            for (Fault f : Fault.values()) {
                FaultyUpstream u = new FaultyUpstream(f);
                upstreams.put(f, u);
                String name = f.name().toLowerCase(Locale.ROOT).replace('_', '-');
                routes.append("    ").append(name).append(": { rule: \"Path(`/").append(name).append("`)\", service: ")
                        .append(name).append(" }\n");
                services.append("    ").append(name).append(": { loadBalancer: { servers: [ { url: \"").append(u.url())
                        .append("\" } ] } }\n");
            }
            try (GatewayInstance gw = new GatewayInstance(dir, routes.append(services).toString(),
                    "--modelgate.upstream.response-timeout=1s")) {
                SteadyLoad load = new SteadyLoad(100, 60, 4, SteadyLoad.Target.get("healthy", gw.port(), "/ok"));
                Map<Fault, Map<String, Integer>> outcomes = new EnumMap<>(Fault.class);
                List<String> violations = new ArrayList<>();
                try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (Fault f : Fault.values()) {
                        String path = "/" + f.name().toLowerCase(Locale.ROOT).replace('_', '-');
                        List<Future<Seen>> calls = new ArrayList<>();
                        for (int i = 0; i < REQUESTS_PER_FAULT; i++) {
                            calls.add(pool.submit((Callable<Seen>) () -> exchangeThenReuse(gw.port(), path)));
                        }
                        Map<String, Integer> counts = new TreeMap<>();
                        for (Future<Seen> call : calls) {
                            Seen seen = call.get();
                            counts.merge(seen.outcome(), 1, Integer::sum);
                            if (!ALLOWED.get(f).contains(seen.outcome())) {
                                violations.add(f + ": " + seen.outcome() + " " + seen.describe());
                            }
                            if (seen.raw().contains(FaultyUpstream.SMUGGLED) || seen.raw().contains("smuggled")) {
                                violations.add(f + ": smuggled bytes reached the client: " + seen.describe());
                            }
                            if (seen.followUp() != null && !seen.followUp().startsWith("HTTP/1.1 200")) {
                                violations.add(f + ": the next request on the connection got " + seen.followUp());
                            }
                        }
                        outcomes.put(f, counts);
                    }
                }
                load.stop();
                SteadyLoad.Summary healthy = load.summary("healthy");
                load.report("upstream faults", healthy);
                outcomes.forEach((f, counts) -> System.out.println("[fault-under-load] upstream faults | " + f + ": "
                        + counts + " of " + REQUESTS_PER_FAULT + " (server read " + upstreams.get(f).requests() + ")"));

                assertThat(violations).as("what clients saw from broken servers").isEmpty();
                assertThat(healthy.requests()).as("the load ran").isGreaterThan(100);
                assertThat(healthy.notStatus(200)).as("the healthy route meanwhile: %s", healthy).isZero();
            } finally {
                for (FaultyUpstream u : upstreams.values()) {
                    u.close();
                }
            }
        }
    }

    /**
     * What one client saw: its response's outcome, the raw bytes, and — when the connection stayed open after a
     * complete response — the status line of a second request sent on it.
     */
    record Seen(String outcome, String raw, String followUp) {
        String describe() {
            String r = raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
            return "[" + r.replace("\r\n", "\\r\\n") + "]" + (followUp == null ? "" : " then " + followUp);
        }
    }

    /** One keep-alive request; then, if the response ended cleanly and the connection is open, a second one. */
    private static Seen exchangeThenReuse(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            String outcome;
            try {
                outcome = readOne(in, raw);
            } catch (java.net.SocketException e) {
                outcome = raw.size() == 0 ? "cut before head" : "cut after head"; // reset
            }
            String followUp = null;
            boolean closing = raw.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains("connection: close");
            if (!outcome.startsWith("cut") && !closing) {
                s.getOutputStream().write("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream second = new ByteArrayOutputStream();
                String o = readOne(in, second);
                String text = second.toString(StandardCharsets.ISO_8859_1);
                raw.write(second.toByteArray());
                followUp = o.startsWith("cut") ? o : text.substring(0, Math.max(0, text.indexOf("\r\n")));
            }
            return new Seen(outcome, raw.toString(StandardCharsets.ISO_8859_1), followUp);
        }
    }

    /**
     * Reads one response as a strict client would and says how it ended: its status if it was complete
     * ({@code "502"}), {@code "cut before head"} or {@code "cut after head"} if the connection ended first.
     */
    private static String readOne(InputStream in, ByteArrayOutputStream raw) throws IOException {
        String head = line(in, raw);
        if (head == null) {
            return "cut before head";
        }
        long length = -1;
        boolean chunked = false;
        String h;
        while ((h = line(in, raw)) != null && !h.isEmpty()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (h == null) {
            return "cut after head";
        }
        String status = head.split(" ")[1];
        if (chunked) {
            while (true) {
                String size = line(in, raw);
                if (size == null) {
                    return "cut after head";
                }
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    String t;
                    while ((t = line(in, raw)) != null && !t.isEmpty()) {
                        // trailers
                    }
                    return t == null ? "cut after head" : status;
                }
                byte[] chunk = in.readNBytes(n + 2);
                raw.write(chunk);
                if (chunk.length < n + 2) {
                    return "cut after head";
                }
            }
        }
        if (length >= 0) {
            byte[] body = in.readNBytes((int) length);
            raw.write(body);
            return body.length < length ? "cut after head" : status;
        }
        raw.write(in.readAllBytes());
        return status + " close-delimited";
    }

    private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        try {
            while ((c = in.read()) != -1) {
                raw.write(c);
                if (c == '\n') {
                    String l = b.toString(StandardCharsets.ISO_8859_1);
                    return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
                }
                b.write(c);
            }
        } catch (java.net.SocketException e) {
            return null; // reset: the connection ended
        }
        return null;
    }
}
