package io.modelgate.gateway.lb.sticky;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.StickySpec;
import io.modelgate.gateway.lb.PassiveHealth;
import io.modelgate.gateway.lb.RoundRobinSelector;
import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sticky selection as pure algorithms: no server, no network. */
class StickySelectionTest {

    static final StickyCookies COOKIES = new StickyCookies("a-shared-secret-of-16+".getBytes(StandardCharsets.UTF_8));

    static UpstreamServer server(int i) {
        return UpstreamServer.of(ServerSpec.of("http://10.0.0." + i + ":8000"));
    }

    static List<UpstreamServer> servers(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(StickySelectionTest::server).toList();
    }

    private final PassiveHealth health = PassiveHealth.system();

    CookieSelector cookiePool(List<UpstreamServer> servers) {
        return cookiePool(servers, StickySpec.CookieSpec.defaults(), "annotate@docker");
    }

    CookieSelector cookiePool(List<UpstreamServer> servers, StickySpec.CookieSpec spec, String service) {
        return new CookieSelector(spec, service, servers, COOKIES, new RoundRobinSelector(servers, health), health);
    }

    KeySelector keyPool(List<UpstreamServer> servers) {
        return new KeySelector(AffinityKey.parse("query:session"), servers, new RoundRobinSelector(servers, health), health);
    }

    static String setCookie(CookieSelector s, UpstreamServer server, String requestCookie) {
        HttpHeaders h = new DefaultHttpHeaders();
        s.onResponse(h, server, requestCookie);
        return h.get("Set-Cookie");
    }

    @Test
    void anAffinityBindsARequestToItsServerOnlyWhenItNamesOne() {
        // under admission control a bound request waits for its server instead of moving to a free one
        var cookies = cookiePool(servers(2));
        assertThat(cookies.binds(cookies.cookieValue(server(1)))).isTrue();
        assertThat(cookies.binds(null)).as("no cookie yet: any server will do").isFalse();
        assertThat(cookies.binds("stale-or-forged")).as("a cookie naming no server binds nothing").isFalse();
        var keys = keyPool(servers(2));
        assertThat(keys.binds("session-7")).isTrue();
        assertThat(keys.binds(null)).isFalse();
        assertThat(new RoundRobinSelector(servers(2), health).binds("anything")).isFalse();
    }

    @Test
    void cookieSetThenStickThenServerGoneThenRepickedWithANewCookie() {
        var pool = cookiePool(servers(3));
        UpstreamServer first = pool.pick(null, null);
        String cookie = pool.cookieValue(first);
        for (int i = 0; i < 20; i++) {
            assertThat(pool.pick(cookie, null)).isEqualTo(first);
        }
        // the server goes away: a new configuration without it
        List<UpstreamServer> rest = servers(3).stream().filter(s -> !s.equals(first)).toList();
        var after = cookiePool(rest);
        UpstreamServer repicked = after.pick(cookie, null);
        assertThat(repicked).isIn(rest);
        assertThat(after.serverOf(cookie)).as("old cookie no longer names a server: a new one is set").isNull();
        String newCookie = after.cookieValue(repicked);
        assertThat(newCookie).isNotEqualTo(cookie);
        assertThat(after.pick(newCookie, null)).isEqualTo(repicked);
    }

    @Test
    void aServerThatRefusedConnectionsLosesItsStickyClients() {
        var pool = cookiePool(servers(2));
        UpstreamServer s1 = server(1);
        health.failed(s1);
        assertThat(pool.pick(pool.cookieValue(s1), null)).isEqualTo(server(2));
    }

    @Test
    void tamperedOrForeignCookiesCountAsNone() {
        var pool = cookiePool(servers(3));
        String genuine = pool.cookieValue(server(2));
        String tampered = genuine.substring(0, genuine.length() - 1) + (genuine.endsWith("A") ? "B" : "A");
        assertThat(pool.serverOf(tampered)).isNull();
        StickyCookies other = new StickyCookies("another-secret-entirely".getBytes(StandardCharsets.UTF_8));
        assertThat(pool.serverOf(other.valueFor(server(2)))).isNull();
        // a fallback pick, by round robin: every server in turn, not always the one the cookie tried to name
        Map<UpstreamServer, Integer> seen = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            seen.merge(pool.pick(tampered, null), 1, Integer::sum);
        }
        assertThat(seen).hasSize(3);
    }

    @Test
    void cookieValuesRevealNoAddressAndAgreeAcrossReplicas() {
        String v = COOKIES.valueFor(server(1));
        assertThat(v).doesNotContain("10.0.0.1").matches("[A-Za-z0-9_-]{22}");
        StickyCookies sameSecretOtherReplica = new StickyCookies("a-shared-secret-of-16+".getBytes(StandardCharsets.UTF_8));
        assertThat(sameSecretOtherReplica.valueFor(server(1))).isEqualTo(v);
    }

    @Test
    void setCookieCarriesTheConfiguredAttributes() {
        var a = cookiePool(servers(1), new StickySpec.CookieSpec("lb", true, true, "lax", 3600, "/app", "example.com"), "s@file");
        assertThat(setCookie(a, server(1), null)).isEqualTo("lb=" + COOKIES.valueFor(server(1))
                + "; Path=/app; Domain=example.com; Max-Age=3600; Secure; HttpOnly; SameSite=Lax");
        var plain = cookiePool(servers(1), StickySpec.CookieSpec.defaults(), "s@file");
        assertThat(setCookie(plain, server(1), null)).isEqualTo("mg_s_file=" + COOKIES.valueFor(server(1)) + "; Path=/");
        assertThat(setCookie(plain, server(1), COOKIES.valueFor(server(1)))).as("already pinned there: no new cookie").isNull();
    }

    @Test
    void keysSpreadUniformlyOverServers() {
        var pool = keyPool(servers(4));
        Map<UpstreamServer, Integer> counts = new HashMap<>();
        for (int k = 0; k < 10_000; k++) {
            counts.merge(pool.pick("session-" + k, null), 1, Integer::sum);
        }
        assertThat(counts).hasSize(4);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(2125, 2875)); // 2,500 ± 15%
    }

    @Test
    void aFifthServerTakesAtMostAQuarterOfTheKeysAndOnlyThose() {
        var four = keyPool(servers(4));
        var five = keyPool(servers(5));
        int moved = 0;
        for (int k = 0; k < 10_000; k++) {
            String key = "session-" + k;
            UpstreamServer before = four.pick(key, null);
            UpstreamServer after = five.pick(key, null);
            if (!before.equals(after)) {
                moved++;
                assertThat(after).as("a moved key only moves to the new server").isEqualTo(server(5));
            }
        }
        assertThat(moved).isLessThanOrEqualTo(2500).isGreaterThan(0);
    }

    @Test
    void aKeyIsStableAndSkipsAFailedServer() {
        var pool = keyPool(servers(3));
        UpstreamServer alice = pool.pick("alice", null);
        for (int i = 0; i < 10; i++) {
            assertThat(pool.pick("alice", null)).isEqualTo(alice);
        }
        health.failed(alice);
        assertThat(pool.pick("alice", null)).isNotEqualTo(alice);
    }

    @Test
    void aDrainingServerKeepsItsCookieClientsButGetsNoNewOnes() {
        List<UpstreamServer> servers = List.of(server(1), UpstreamServer.of(new ServerSpec(
                java.net.URI.create("http://10.0.0.2:8000"), 1, true)));
        var pool = cookiePool(servers);
        for (int i = 0; i < 10; i++) {
            assertThat(pool.pick(null, null)).as("new clients").isEqualTo(server(1));
        }
        String drainingCookie = pool.cookieValue(servers.get(1));
        assertThat(pool.pick(drainingCookie, null)).as("its existing client").isEqualTo(servers.get(1));
    }

    @Test
    void theUserKeyIsTheIdentifiedCallerElseTheHeaderAnAuthMiddlewareSet() {
        AffinityKey user = AffinityKey.parse("user");
        var request = new io.netty.handler.codec.http.DefaultHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.GET, "/");
        assertThat(user.read(request, null)).isNull();
        request.headers().set("X-Forwarded-User", "bob");
        assertThat(user.read(request, null)).isEqualTo("bob");
        assertThat(user.read(request, new io.modelgate.gateway.pipeline.Identity("alice", "pro", null))).isEqualTo("alice");
    }
}
