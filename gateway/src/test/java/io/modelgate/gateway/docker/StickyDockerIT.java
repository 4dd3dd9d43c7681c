package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sticky sessions on real containers: three replicas of a stateful server that counts requests per
 * {@code ?session=}; key affinity and cookie affinity from labels; a stopped instance; two gateways.
 */
class StickyDockerIT {

    static final String SECRET = "docker-it-sticky-secret";

    @TempDir
    static Path dir;
    static DockerLab lab;
    static String image;
    static GatewayInstance gw;
    static GatewayInstance gw2;
    static Map<String, String> instanceToContainer = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        lab = new DockerLab();
        image = lab.buildModelImage("1");
        String prefix = "traefik.http.services.";
        for (int i = 1; i <= 3; i++) {
            Map<String, String> labels = new HashMap<>(lab.label());
            String key = "key-" + lab.run();
            String cookie = "cookie-" + lab.run();
            labels.put("traefik.http.routers." + key + ".rule", "PathPrefix(`/" + key + "`)");
            labels.put("traefik.http.routers." + key + ".service", key);
            labels.put(prefix + key + ".loadbalancer.server.port", "8000");
            labels.put(prefix + key + ".loadbalancer.sticky.key", "query:session");
            labels.put("traefik.http.routers." + cookie + ".rule", "PathPrefix(`/" + cookie + "`)");
            labels.put("traefik.http.routers." + cookie + ".service", cookie);
            labels.put(prefix + cookie + ".loadbalancer.server.port", "8000");
            labels.put(prefix + cookie + ".loadbalancer.sticky.cookie.name", "annotate");
            String id = lab.docker().createContainerCmd(image).withName(lab.run() + "-s" + i).withLabels(labels)
                    .withHostConfig(HostConfig.newHostConfig()).exec().getId();
            lab.docker().startContainerCmd(id).exec();
            instanceToContainer.put(id.substring(0, 12), id);
        }
        gw = new GatewayInstance(dir, "http: {}\n", "--modelgate.providers.docker.enabled=true",
                "--modelgate.sticky.secret=" + SECRET);
        gw2 = new GatewayInstance(Files.createDirectories(dir.resolve("two")), "http: {}\n",
                "--modelgate.providers.docker.enabled=true", "--modelgate.sticky.secret=" + SECRET);
        for (GatewayInstance g : new GatewayInstance[] {gw, gw2}) {
            await().atMost(Duration.ofSeconds(30)).until(() -> servers(g, "cookie-" + lab.run()) == 3
                    && servers(g, "key-" + lab.run()) == 3);
        }
    }

    @AfterAll
    static void stop() {
        for (GatewayInstance g : new GatewayInstance[] {gw, gw2}) {
            if (g != null) {
                g.close();
            }
        }
        lab.close();
    }

    static int servers(GatewayInstance g, String service) {
        try {
            return g.admin("/api/http/services/" + service + "@docker").path("loadBalancer").path("servers").size();
        } catch (Exception e) {
            return -1;
        }
    }

    static RawHttp.Response get(GatewayInstance g, String path, String cookie) throws IOException {
        return RawHttp.exchange(g.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Connection: close\r\n\r\n");
    }

    static int count(RawHttp.Response r) {
        return Integer.parseInt(r.bodyText().replaceAll("(?s).*\"count\":(\\d+).*", "$1"));
    }

    @Test
    void eachSessionSeesOneInstanceAndItsCounterReaches100() throws IOException {
        for (String session : new String[] {"alice", "bob"}) {
            Set<String> instances = new HashSet<>();
            RawHttp.Response last = null;
            for (int i = 0; i < 100; i++) {
                last = get(gw, "/key-" + lab.run() + "/?session=" + session, null);
                assertThat(last.status()).isEqualTo(200);
                instances.add(last.header("X-Instance"));
            }
            assertThat(instances).as("instances %s saw", session).hasSize(1);
            assertThat(count(last)).as("%s's counter on its instance", session).isEqualTo(100);
        }
    }

    @Test
    void cookieSessionsStickAcrossGatewaysAndFailOverWhenTheInstanceStops() throws Exception {
        String path = "/cookie-" + lab.run() + "/?session=carol";
        RawHttp.Response first = get(gw, path, null);
        String cookie = first.header("Set-Cookie").split(";")[0];
        String pinned = first.header("X-Instance");
        RawHttp.Response last = first;
        for (int i = 0; i < 99; i++) {
            GatewayInstance g = i % 2 == 0 ? gw : gw2; // both gateways honour the cookie
            last = get(g, path, cookie);
            assertThat(last.header("X-Instance")).isEqualTo(pinned);
            assertThat(last.header("Set-Cookie")).isNull();
        }
        assertThat(count(last)).isEqualTo(100);

        lab.docker().stopContainerCmd(instanceToContainer.get(pinned)).withTimeout(2).exec();
        await().atMost(Duration.ofSeconds(10)).until(() -> servers(gw, "cookie-" + lab.run()) == 2);
        RawHttp.Response failover = get(gw, path, cookie);
        assertThat(failover.status()).isEqualTo(200);
        assertThat(failover.header("X-Instance")).isNotEqualTo(pinned);
        assertThat(failover.header("Set-Cookie")).startsWith("annotate=").doesNotContain(cookie);
        assertThat(count(failover)).as("a new instance starts the session over").isEqualTo(1);
    }
}
