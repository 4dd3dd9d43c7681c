package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cookie and key affinity through the real gateway, with real backends that can be stopped. */
class StickyIT {

    private static final String SECRET = "it-shared-sticky-secret";

    @TempDir
    Path dir;

    static String routes(TestBackend... backends) {
        StringBuilder servers = new StringBuilder();
        for (TestBackend b : backends) {
            servers.append("{ url: \"").append(b.url()).append("\" }, ");
        }
        return """
                http:
                  routers:
                    cookie: { rule: "PathPrefix(`/annotate`)", service: cookie }
                    key:    { rule: "PathPrefix(`/prodigy`)", service: key }
                    dedicated: { rule: "PathPrefix(`/watchful`)", service: dedicated }
                  services:
                    cookie: { loadBalancer: { servers: [ %1$s ], sticky: { cookie: { name: lb, httpOnly: true } } } }
                    key:    { loadBalancer: { servers: [ %1$s ], sticky: { key: "query:session" } } }
                    dedicated: { loadBalancer: { servers: [ %1$s ], sticky: { key: "header:X-User", dedicated: true } } }
                """.formatted(servers);
    }

    static RawHttp.Response get(GatewayInstance gw, String path, String cookie) throws IOException {
        return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Connection: close\r\n\r\n");
    }

    /** {@code lb=VALUE} from a Set-Cookie header. */
    static String cookieOf(RawHttp.Response r) {
        String set = r.header("Set-Cookie");
        assertThat(set).as("Set-Cookie").isNotNull().startsWith("lb=").contains("HttpOnly").contains("Path=/");
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void sessionsStickToOneInstanceEach() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b"); TestBackend c = new TestBackend("c");
             GatewayInstance gw = new GatewayInstance(dir, routes(a, b, c), "--modelgate.sticky.secret=" + SECRET)) {
            for (String session : new String[] {"alice", "bob"}) {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < 100; i++) {
                    RawHttp.Response r = get(gw, "/prodigy/?session=" + session, null);
                    assertThat(r.status()).isEqualTo(200);
                    seen.add(r.header("X-Backend"));
                }
                assertThat(seen).as("instances seen by %s", session).hasSize(1);
            }
            Set<String> anonymous = new HashSet<>();
            for (int i = 0; i < 9; i++) {
                anonymous.add(get(gw, "/prodigy/", null).header("X-Backend"));
            }
            assertThat(anonymous).as("no key: round robin").hasSize(3);
        }
    }

    @Test
    void cookieSticksAndFailsOverWithANewCookie() throws Exception {
        TestBackend a = new TestBackend("a");
        TestBackend b = new TestBackend("b");
        TestBackend c = new TestBackend("c");
        try (GatewayInstance gw = new GatewayInstance(dir, routes(a, b, c), "--modelgate.sticky.secret=" + SECRET)) {
            RawHttp.Response first = get(gw, "/annotate/", null);
            String cookie = cookieOf(first);
            String pinned = first.header("X-Backend");
            for (int i = 0; i < 100; i++) {
                RawHttp.Response r = get(gw, "/annotate/", cookie);
                assertThat(r.header("X-Backend")).isEqualTo(pinned);
                assertThat(r.header("Set-Cookie")).as("no new cookie while the server is there").isNull();
            }
            RawHttp.Response tampered = get(gw, "/annotate/", cookie.substring(0, cookie.length() - 2) + "xx");
            assertThat(tampered.status()).isEqualTo(200);
            cookieOf(tampered);

            // the pinned server goes away (as when its container stops and the provider drops it): the next
            // request is answered elsewhere, with a new cookie
            TestBackend[] rest = java.util.Arrays.stream(new TestBackend[] {a, b, c})
                    .filter(t -> !t.name().equals(pinned)).toArray(TestBackend[]::new);
            gw.writeRoutes(routes(rest));
            RawHttp.Response failover = get(gw, "/annotate/", cookie);
            assertThat(failover.status()).isEqualTo(200);
            assertThat(failover.header("X-Backend")).isNotEqualTo(pinned);
            String newCookie = cookieOf(failover);
            assertThat(newCookie).isNotEqualTo(cookie);
            RawHttp.Response after = get(gw, "/annotate/", newCookie);
            assertThat(after.header("X-Backend")).isEqualTo(failover.header("X-Backend"));
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }

    @Test
    void twoGatewaysWithTheSameSecretHonourEachOthersCookies() throws Exception {
        Path dir2 = Files.createDirectories(dir.resolve("second"));
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b"); TestBackend c = new TestBackend("c");
             GatewayInstance one = new GatewayInstance(dir, routes(a, b, c), "--modelgate.sticky.secret=" + SECRET);
             GatewayInstance two = new GatewayInstance(dir2, routes(a, b, c), "--modelgate.sticky.secret=" + SECRET)) {
            RawHttp.Response first = get(one, "/annotate/", null);
            String cookie = cookieOf(first);
            for (int i = 0; i < 10; i++) {
                RawHttp.Response r = get(two, "/annotate/", cookie);
                assertThat(r.header("X-Backend")).isEqualTo(first.header("X-Backend"));
                assertThat(r.header("Set-Cookie")).isNull();
            }
        }
    }

    @Test
    void dedicatedInstancesAreNeverShared() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b");
             GatewayInstance gw = new GatewayInstance(dir, routes(a, b), "--modelgate.sticky.secret=" + SECRET)) {
            String first = null;
            for (int i = 0; i < 10; i++) {
                RawHttp.Response r = user(gw, "u1");
                assertThat(r.status()).isEqualTo(200);
                first = first == null ? r.header("X-Backend") : first;
                assertThat(r.header("X-Backend")).isEqualTo(first);
            }
            RawHttp.Response second = user(gw, "u2");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.header("X-Backend")).as("u2 gets the other instance").isNotEqualTo(first);
            RawHttp.Response third = user(gw, "u3");
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.bodyText()).contains("no free instance");
            assertThat(RawHttp.exchange(gw.port(), "GET /watchful/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status())
                    .as("no key, no instance").isEqualTo(503);
            assertThat(user(gw, "u1").header("X-Backend")).isEqualTo(first);
        }
    }

    private static RawHttp.Response user(GatewayInstance gw, String user) throws IOException {
        return RawHttp.exchange(gw.port(), "GET /watchful/ HTTP/1.1\r\nHost: x\r\nX-User: " + user
                + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
    }
}
