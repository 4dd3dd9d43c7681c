package io.modelgate.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.StickySpec;
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

    static ServicePool cookiePool(List<UpstreamServer> servers) {
        StickySpec spec = new StickySpec(StickySpec.CookieSpec.defaults(), null);
        return ServicePool.of("annotate@docker", servers, true, Affinity.of(spec, "annotate@docker", servers, COOKIES));
    }

    static ServicePool keyPool(List<UpstreamServer> servers) {
        StickySpec spec = new StickySpec(null, "query:session");
        return ServicePool.of("prodigy@docker", servers, true, Affinity.of(spec, "prodigy@docker", servers, COOKIES));
    }

    @Test
    void cookieSetThenStickThenServerGoneThenRepickedWithANewCookie() {
        ServicePool pool = cookiePool(servers(3));
        UpstreamServer first = pool.pickSticky(null);
        String cookie = pool.affinity().cookieValues().get(first);
        for (int i = 0; i < 20; i++) {
            assertThat(pool.pickSticky(cookie)).isEqualTo(first);
        }
        // the server goes away: a new configuration without it
        List<UpstreamServer> rest = servers(3).stream().filter(s -> !s.equals(first)).toList();
        ServicePool after = cookiePool(rest);
        UpstreamServer repicked = after.pickSticky(cookie);
        assertThat(repicked).isIn(rest);
        assertThat(after.affinity().byCookie().get(cookie)).as("old cookie no longer names a server: a new one is set").isNull();
        String newCookie = after.affinity().cookieValues().get(repicked);
        assertThat(newCookie).isNotEqualTo(cookie);
        assertThat(after.pickSticky(newCookie)).isEqualTo(repicked);
    }

    @Test
    void aServerThatRefusedConnectionsLosesItsStickyClients() {
        ServicePool pool = cookiePool(servers(2));
        UpstreamServer s1 = server(1);
        pool.connectFailed(s1);
        assertThat(pool.pickSticky(pool.affinity().cookieValues().get(s1))).isEqualTo(server(2));
    }

    @Test
    void tamperedOrForeignCookiesCountAsNone() {
        ServicePool pool = cookiePool(servers(3));
        String genuine = pool.affinity().cookieValues().get(server(2));
        String tampered = genuine.substring(0, genuine.length() - 1) + (genuine.endsWith("A") ? "B" : "A");
        assertThat(pool.affinity().byCookie()).doesNotContainKey(tampered);
        StickyCookies other = new StickyCookies("another-secret-entirely".getBytes(StandardCharsets.UTF_8));
        assertThat(pool.affinity().byCookie()).doesNotContainKey(other.valueFor(server(2)));
        // a fallback pick, by round robin: every server in turn, not always the one the cookie tried to name
        Map<UpstreamServer, Integer> seen = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            seen.merge(pool.pickSticky(tampered), 1, Integer::sum);
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
        StickySpec spec = new StickySpec(new StickySpec.CookieSpec("lb", true, true, "lax", 3600, "/app", "example.com"), null);
        Affinity a = Affinity.of(spec, "s@file", servers(1), COOKIES);
        assertThat(a.setCookie(server(1))).isEqualTo("lb=" + COOKIES.valueFor(server(1))
                + "; Path=/app; Domain=example.com; Max-Age=3600; Secure; HttpOnly; SameSite=Lax");
        Affinity plain = Affinity.of(new StickySpec(StickySpec.CookieSpec.defaults(), null), "s@file", servers(1), COOKIES);
        assertThat(plain.setCookie(server(1))).isEqualTo("mg_s_file=" + COOKIES.valueFor(server(1)) + "; Path=/");
    }

    @Test
    void keysSpreadUniformlyOverServers() {
        ServicePool pool = keyPool(servers(4));
        Map<UpstreamServer, Integer> counts = new HashMap<>();
        for (int k = 0; k < 10_000; k++) {
            counts.merge(pool.pickSticky("session-" + k), 1, Integer::sum);
        }
        assertThat(counts).hasSize(4);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(2125, 2875)); // 2,500 ± 15%
    }

    @Test
    void aFifthServerTakesAtMostAQuarterOfTheKeysAndOnlyThose() {
        ServicePool four = keyPool(servers(4));
        ServicePool five = keyPool(servers(5));
        int moved = 0;
        for (int k = 0; k < 10_000; k++) {
            String key = "session-" + k;
            UpstreamServer before = four.pickSticky(key);
            UpstreamServer after = five.pickSticky(key);
            if (!before.equals(after)) {
                moved++;
                assertThat(after).as("a moved key only moves to the new server").isEqualTo(server(5));
            }
        }
        assertThat(moved).isLessThanOrEqualTo(2500).isGreaterThan(0);
    }

    @Test
    void aKeyIsStableAndSkipsAFailedServer() {
        ServicePool pool = keyPool(servers(3));
        UpstreamServer alice = pool.pickSticky("alice");
        for (int i = 0; i < 10; i++) {
            assertThat(pool.pickSticky("alice")).isEqualTo(alice);
        }
        pool.connectFailed(alice);
        assertThat(pool.pickSticky("alice")).isNotEqualTo(alice);
    }

    @Test
    void aDrainingServerKeepsItsCookieClientsButGetsNoNewOnes() {
        List<UpstreamServer> servers = List.of(server(1), UpstreamServer.of(new ServerSpec(
                java.net.URI.create("http://10.0.0.2:8000"), 1, true)));
        ServicePool pool = cookiePool(servers);
        for (int i = 0; i < 10; i++) {
            assertThat(pool.pickSticky(null)).as("new clients").isEqualTo(server(1));
        }
        String drainingCookie = pool.affinity().cookieValues().get(servers.get(1));
        assertThat(pool.pickSticky(drainingCookie)).as("its existing client").isEqualTo(servers.get(1));
    }
}
