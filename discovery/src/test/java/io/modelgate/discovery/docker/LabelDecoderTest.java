package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Label sets to configuration, in Traefik's families. Each case lists workloads built with tiny fixture
 * functions and the expected configuration as readable lines:
 * {@code router <name>: <rule> -> <service> [middlewares]}, {@code service <name>: <urls>},
 * {@code middleware <name>: <type>}, and {@code problem <element>: <message fragment>}.
 */
class LabelDecoderTest {

    // ------------------------------------------------------------------ fixtures

    /** A workload under construction. */
    static final class W {
        String name = "c";
        boolean swarm;
        final Map<String, String> labels = new HashMap<>();
        final List<Workload.Instance> instances = new ArrayList<>();
        final Set<Integer> ports = new HashSet<>();
        final Map<String, String> vips = new HashMap<>();
        Map<String, String> nextNetworks = new HashMap<>();
        Workload.Health health = Workload.Health.NONE;
        boolean instancesSet;

        Workload build() {
            if (!instancesSet) {
                instances.add(new Workload.Instance(name + "-id", nextNetworks.isEmpty() ? Map.of("bridge", "172.17.0.2")
                        : nextNetworks, health));
            }
            return new Workload(name, name + "-id", swarm, labels, instances, ports, vips);
        }
    }

    @SafeVarargs
    static Workload container(Consumer<W>... parts) {
        W w = new W();
        w.ports.add(80);
        Arrays.stream(parts).forEach(p -> p.accept(w));
        return w.build();
    }

    @SafeVarargs
    static Workload service(Consumer<W>... parts) {
        W w = new W();
        w.swarm = true;
        w.instancesSet = true;
        Arrays.stream(parts).forEach(p -> p.accept(w));
        return w.build();
    }

    static Consumer<W> name(String n) {
        return w -> w.name = n;
    }

    static Consumer<W> label(String k, String v) {
        return w -> w.labels.put(k, v);
    }

    static Consumer<W> network(String net, String ip) {
        return w -> w.nextNetworks.put(net, ip);
    }

    static Consumer<W> ports(Integer... ports) {
        return w -> {
            w.ports.clear();
            w.ports.addAll(List.of(ports));
        };
    }

    static Consumer<W> health(Workload.Health h) {
        return w -> w.health = h;
    }

    static Consumer<W> task(String net, String ip) {
        return w -> w.instances.add(new Workload.Instance("task-" + ip, Map.of(net, ip), Workload.Health.NONE));
    }

    static Consumer<W> vip(String net, String ip) {
        return w -> w.vips.put(net, ip);
    }

    static LabelSettings defaults() {
        return LabelSettings.defaults();
    }

    static LabelSettings settings(Consumer<Map<String, Object>> change) {
        Map<String, Object> s = new HashMap<>();
        s.put("prefixes", List.of("modelgate", "traefik"));
        s.put("exposedByDefault", false);
        s.put("network", null);
        s.put("constraints", "");
        s.put("modelMiddlewares", List.of());
        s.put("modelStripPrefix", false);
        change.accept(s);
        @SuppressWarnings("unchecked")
        List<String> prefixes = (List<String>) s.get("prefixes");
        @SuppressWarnings("unchecked")
        List<String> mws = (List<String>) s.get("modelMiddlewares");
        return new LabelSettings(prefixes, (Boolean) s.get("exposedByDefault"), (String) s.get("network"),
                LabelSettings.DEFAULT_RULE, (String) s.get("constraints"), mws, (Boolean) s.get("modelStripPrefix"));
    }

    /** The test's own middleware decoder: stripprefix and headers options, anything else refused. */
    static MiddlewareSpec middleware(Map<String, String> options) {
        Map<String, String> req = new TreeMap<>();
        List<String> prefixes = null;
        for (var o : options.entrySet()) {
            if (o.getKey().equals("stripprefix.prefixes")) {
                prefixes = List.of(o.getValue().split(","));
            } else if (o.getKey().startsWith("headers.customrequestheaders.")) {
                req.put(o.getKey().substring("headers.customrequestheaders.".length()), o.getValue());
            } else {
                throw new IllegalArgumentException("unknown middleware option " + o.getKey());
            }
        }
        return prefixes != null ? new StripPrefixSpec(prefixes) : new HeadersSpec(req, Map.of());
    }

    /** The snapshot as sorted readable lines. */
    static List<String> lines(ProviderSnapshot s) {
        List<String> out = new ArrayList<>();
        s.config().routers().forEach((n, r) -> out.add("router " + n + ": " + r.rule() + " -> " + r.service()
                + (r.middlewares().isEmpty() ? "" : " " + r.middlewares()) + (r.priority() == null ? "" : " p" + r.priority())));
        s.config().services().forEach((n, svc) -> out.add("service " + n + ": " + String.join(",",
                svc.loadBalancer().servers().stream().map(x -> x.url().toString()).toList())
                + (svc.loadBalancer().passHostHeader() ? "" : " nohost")));
        s.config().middlewares().forEach((n, m) -> out.add("middleware " + n + ": " + m.type()));
        return out.stream().sorted().toList();
    }

    static Arguments of(String name, LabelSettings settings, List<Workload> workloads, List<String> config,
                        List<String> problems) {
        return Arguments.of(Named.of(name, settings), workloads, config, problems);
    }

    static Arguments of(String name, List<Workload> workloads, List<String> config, List<String> problems) {
        return of(name, defaults(), workloads, config, problems);
    }

    static Arguments of(String name, Workload w, List<String> config) {
        return of(name, defaults(), List.of(w), config, List.of());
    }

    // ------------------------------------------------------------------ cases

    static Stream<Arguments> cases() {
        return Stream.of(
                // single container
                of("router label on a single container: implicit service from the exposed port",
                        container(name("m1"), label("traefik.http.routers.m1.rule", "PathPrefix(`/m1`)")),
                        List.of("router m1: PathPrefix(`/m1`) -> m1", "service m1: http://172.17.0.2:80")),
                of("enable=true alone: implicit router with the default rule",
                        container(name("web"), label("traefik.enable", "true")),
                        List.of("router web: Host(`web`) -> web", "service web: http://172.17.0.2:80")),
                of("implicit names are normalized",
                        container(name("my_app.v2"), label("traefik.enable", "true")),
                        List.of("router my-app-v2: Host(`my-app-v2`) -> my-app-v2", "service my-app-v2: http://172.17.0.2:80")),
                of("compose service and project name the implicit elements",
                        container(name("proj-web-1"), label("traefik.enable", "true"),
                                label("com.docker.compose.service", "web"), label("com.docker.compose.project", "proj")),
                        List.of("router web-proj: Host(`web-proj`) -> web-proj", "service web-proj: http://172.17.0.2:80")),
                // explicit and implicit names
                of("explicit service name, implicit router",
                        container(name("c1"), label("traefik.http.services.api.loadbalancer.server.port", "8000")),
                        List.of("router c1: Host(`c1`) -> api", "service api: http://172.17.0.2:8000")),
                of("explicit router and service, router names the service",
                        container(name("c1"), label("traefik.http.routers.r.rule", "Path(`/r`)"),
                                label("traefik.http.routers.r.service", "api"),
                                label("traefik.http.services.api.loadbalancer.server.port", "9000")),
                        List.of("router r: Path(`/r`) -> api", "service api: http://172.17.0.2:9000")),
                of("router with no rule gets the default rule",
                        container(name("c1"), label("traefik.http.routers.r.service", "c1")),
                        List.of("router r: Host(`c1`) -> c1", "service c1: http://172.17.0.2:80")),
                of("priority and entrypoints are read",
                        container(name("c1"), label("traefik.http.routers.r.rule", "Path(`/r`)"),
                                label("traefik.http.routers.r.priority", "42"), label("traefik.http.routers.r.entrypoints", "web")),
                        List.of("router r: Path(`/r`) -> c1 p42", "service c1: http://172.17.0.2:80")),
                // two routers, one service
                of("two routers share the lone service",
                        container(name("c1"), label("traefik.http.routers.a.rule", "Path(`/a`)"),
                                label("traefik.http.routers.b.rule", "Path(`/b`)")),
                        List.of("router a: Path(`/a`) -> c1", "router b: Path(`/b`) -> c1", "service c1: http://172.17.0.2:80")),
                of("two services and a router without service is a problem",
                        List.of(container(name("c1"), label("traefik.http.routers.r.rule", "Path(`/r`)"),
                                label("traefik.http.services.s1.loadbalancer.server.port", "80"),
                                label("traefik.http.services.s2.loadbalancer.server.port", "81"))),
                        List.of("service s1: http://172.17.0.2:80", "service s2: http://172.17.0.2:81"),
                        List.of("router r@docker: could not choose a service")),
                of("two services, routers naming them",
                        container(name("c1"), label("traefik.http.routers.a.rule", "Path(`/a`)"),
                                label("traefik.http.routers.a.service", "s1"),
                                label("traefik.http.routers.b.rule", "Path(`/b`)"), label("traefik.http.routers.b.service", "s2"),
                                label("traefik.http.services.s1.loadbalancer.server.port", "80"),
                                label("traefik.http.services.s2.loadbalancer.server.port", "81")),
                        List.of("router a: Path(`/a`) -> s1", "router b: Path(`/b`) -> s2",
                                "service s1: http://172.17.0.2:80", "service s2: http://172.17.0.2:81")),
                // middlewares on a router
                of("middleware defined and used on the same container",
                        container(name("c1"), label("traefik.http.routers.r.rule", "PathPrefix(`/r`)"),
                                label("traefik.http.routers.r.middlewares", "strip, auth@file"),
                                label("traefik.http.middlewares.strip.stripprefix.prefixes", "/r")),
                        List.of("middleware strip: stripPrefix", "router r: PathPrefix(`/r`) -> c1 [strip, auth@file]",
                                "service c1: http://172.17.0.2:80")),
                of("headers middleware from labels",
                        container(name("c1"), label("traefik.http.middlewares.h.headers.customrequestheaders.X-Tier", "gold")),
                        List.of("middleware h: headers", "router c1: Host(`c1`) -> c1", "service c1: http://172.17.0.2:80")),
                of("a middleware the decoder refuses is reported and left out",
                        List.of(container(name("c1"), label("traefik.http.middlewares.a.forwardauth.address", "http://auth"))),
                        List.of("router c1: Host(`c1`) -> c1", "service c1: http://172.17.0.2:80"),
                        List.of("middleware a@docker: unknown middleware option")),
                // replicas merged
                of("replicas of one service are merged",
                        List.of(container(name("m-1"), label("traefik.http.routers.m.rule", "Path(`/m`)"),
                                        label("traefik.http.services.m.loadbalancer.server.port", "8000"), network("bridge", "172.17.0.2")),
                                container(name("m-2"), label("traefik.http.routers.m.rule", "Path(`/m`)"),
                                        label("traefik.http.services.m.loadbalancer.server.port", "8000"), network("bridge", "172.17.0.3")),
                                container(name("m-3"), label("traefik.http.routers.m.rule", "Path(`/m`)"),
                                        label("traefik.http.services.m.loadbalancer.server.port", "8000"), network("bridge", "172.17.0.4"))),
                        List.of("router m: Path(`/m`) -> m",
                                "service m: http://172.17.0.2:8000,http://172.17.0.3:8000,http://172.17.0.4:8000"),
                        List.of()),
                of("compose replicas share the implicit service",
                        List.of(container(name("p-web-1"), label("traefik.enable", "true"), label("com.docker.compose.service", "web"),
                                        label("com.docker.compose.project", "p"), network("bridge", "172.17.0.2")),
                                container(name("p-web-2"), label("traefik.enable", "true"), label("com.docker.compose.service", "web"),
                                        label("com.docker.compose.project", "p"), network("bridge", "172.17.0.3"))),
                        List.of("router web-p: Host(`web-p`) -> web-p", "service web-p: http://172.17.0.2:80,http://172.17.0.3:80"),
                        List.of()),
                // conflicting and identical definitions
                of("identical router definitions across containers merge",
                        List.of(container(name("a"), label("traefik.http.routers.r.rule", "Path(`/r`)"),
                                        label("traefik.http.routers.r.service", "s"),
                                        label("traefik.http.services.s.loadbalancer.server.port", "80"), network("bridge", "172.17.0.2")),
                                container(name("b"), label("traefik.http.routers.r.rule", "Path(`/r`)"),
                                        label("traefik.http.routers.r.service", "s"),
                                        label("traefik.http.services.s.loadbalancer.server.port", "80"), network("bridge", "172.17.0.3"))),
                        List.of("router r: Path(`/r`) -> s", "service s: http://172.17.0.2:80,http://172.17.0.3:80"), List.of()),
                of("conflicting router definitions are dropped and reported",
                        List.of(container(name("a"), label("traefik.http.routers.r.rule", "Path(`/a`)"), label("traefik.http.routers.r.service", "s"),
                                        label("traefik.http.services.s.loadbalancer.server.port", "80")),
                                container(name("b"), label("traefik.http.routers.r.rule", "Path(`/b`)"), label("traefik.http.routers.r.service", "s"),
                                        label("traefik.http.services.s.loadbalancer.server.port", "80"), network("bridge", "172.17.0.3"))),
                        List.of("service s: http://172.17.0.2:80,http://172.17.0.3:80"),
                        List.of("router r@docker: conflicting definitions in container a, container b")),
                of("conflicting middleware definitions are dropped",
                        List.of(container(name("a"), label("traefik.http.middlewares.m.stripprefix.prefixes", "/a")),
                                container(name("b"), label("traefik.http.middlewares.m.stripprefix.prefixes", "/b"),
                                        network("bridge", "172.17.0.3"))),
                        List.of("router a: Host(`a`) -> a", "router b: Host(`b`) -> b",
                                "service a: http://172.17.0.2:80", "service b: http://172.17.0.3:80"),
                        List.of("middleware m@docker: conflicting definitions")),
                of("services disagreeing on passHostHeader conflict",
                        List.of(container(name("a"), label("traefik.http.services.s.loadbalancer.passhostheader", "false")),
                                container(name("b"), label("traefik.http.services.s.loadbalancer.passhostheader", "true"),
                                        network("bridge", "172.17.0.3"))),
                        List.of("router a: Host(`a`) -> s", "router b: Host(`b`) -> s"),
                        List.of("service s@docker: conflicting definitions")),
                // unknown and bad keys
                of("typo in a router option drops the router",
                        List.of(container(name("c1"), label("traefik.http.routers.r.rulle", "Path(`/r`)"))),
                        List.of("service c1: http://172.17.0.2:80"),
                        List.of("router r@docker: unknown key 'rulle'")),
                of("typo in middlewares drops the router (fail closed)",
                        List.of(container(name("c1"), label("traefik.http.routers.r.rule", "Path(`/r`)"),
                                label("traefik.http.routers.r.middlewarez", "auth@file"))),
                        List.of("service c1: http://172.17.0.2:80"),
                        List.of("router r@docker: unknown key 'middlewarez'")),
                of("unknown top-level key skips the workload",
                        List.of(container(name("c1"), label("traefik.htp.routers.r.rule", "Path(`/r`)"))),
                        List.of(), List.of("container c1: unknown key")),
                of("tcp labels are not supported",
                        List.of(container(name("c1"), label("traefik.tcp.routers.r.rule", "HostSNI(`*`)"))),
                        List.of(), List.of("container c1: TCP, UDP and TLS configuration is not supported")),
                of("bad port value drops the service",
                        List.of(container(name("c1"), label("traefik.http.services.s.loadbalancer.server.port", "eighty"))),
                        List.of(), List.of("service s@docker: port 'eighty' is not a TCP port")),
                of("bad priority drops the router",
                        List.of(container(name("c1"), label("traefik.http.routers.r.rule", "Path(`/r`)"),
                                label("traefik.http.routers.r.priority", "high"))),
                        List.of("service c1: http://172.17.0.2:80"), List.of("router r@docker: priority 'high' is not an integer")),
                of("bad enable value is a problem",
                        List.of(container(name("c1"), label("traefik.enable", "yes"))),
                        List.of(), List.of("container c1: 'yes' is not a boolean")),
                of("sticky is reported but the service is kept",
                        List.of(container(name("c1"), label("traefik.http.services.s.loadbalancer.sticky.cookie", "true"))),
                        List.of("router c1: Host(`c1`) -> s", "service s: http://172.17.0.2:80"),
                        List.of("service s@docker: option not supported yet: loadbalancer.sticky.cookie")),
                of("https scheme",
                        container(name("c1"), label("traefik.http.services.s.loadbalancer.server.scheme", "https"),
                                label("traefik.http.services.s.loadbalancer.server.port", "8443")),
                        List.of("router c1: Host(`c1`) -> s", "service s: https://172.17.0.2:8443")),
                of("passHostHeader=false is kept",
                        container(name("c1"), label("traefik.http.services.s.loadbalancer.passhostheader", "false")),
                        List.of("router c1: Host(`c1`) -> s", "service s: http://172.17.0.2:80 nohost")),
                // port detection
                of("several exposed ports and no port label: port is missing",
                        List.of(container(name("c1"), ports(8000, 9000), label("traefik.enable", "true"))),
                        List.of(), List.of("service c1@docker: port is missing: the container exposes ports [8000, 9000]")),
                of("no exposed port and no label: port is missing",
                        List.of(container(name("c1"), ports(), label("traefik.enable", "true"))),
                        List.of(), List.of("service c1@docker: port is missing: the container exposes no port")),
                of("the port label chooses among several exposed ports",
                        container(name("c1"), ports(8000, 9000), label("traefik.http.services.c1.loadbalancer.server.port", "9000")),
                        List.of("router c1: Host(`c1`) -> c1", "service c1: http://172.17.0.2:9000")),
                // network selection
                of("the only network is used",
                        container(name("c1"), network("ml", "10.0.0.5"), label("traefik.enable", "true")),
                        List.of("router c1: Host(`c1`) -> c1", "service c1: http://10.0.0.5:80")),
                of("several networks and none chosen is a problem",
                        List.of(container(name("c1"), network("ml", "10.0.0.5"), network("db", "10.1.0.5"), label("traefik.enable", "true"))),
                        List.of(), List.of("container c1: attached to several networks (db, ml) and none chosen")),
                of("the network label chooses",
                        container(name("c1"), network("ml", "10.0.0.5"), network("db", "10.1.0.5"), label("traefik.enable", "true"),
                                label("traefik.docker.network", "ml")),
                        List.of("router c1: Host(`c1`) -> c1", "service c1: http://10.0.0.5:80")),
                of("the network setting chooses",
                        settings(s -> s.put("network", "db")),
                        List.of(container(name("c1"), network("ml", "10.0.0.5"), network("db", "10.1.0.5"), label("traefik.enable", "true"))),
                        List.of("router c1: Host(`c1`) -> c1", "service c1: http://10.1.0.5:80"), List.of()),
                of("a chosen network the container is not on is a problem",
                        List.of(container(name("c1"), network("ml", "10.0.0.5"), label("traefik.enable", "true"),
                                label("traefik.docker.network", "other"))),
                        List.of(), List.of("container c1: not attached to network 'other'")),
                // health states
                of("starting containers get no traffic",
                        container(name("c1"), health(Workload.Health.STARTING), label("traefik.enable", "true")),
                        List.of("router c1: Host(`c1`) -> c1", "service c1: ")),
                of("unhealthy containers get no traffic",
                        container(name("c1"), health(Workload.Health.UNHEALTHY), label("traefik.enable", "true")),
                        List.of("router c1: Host(`c1`) -> c1", "service c1: ")),
                of("healthy containers do",
                        container(name("c1"), health(Workload.Health.HEALTHY), label("traefik.enable", "true")),
                        List.of("router c1: Host(`c1`) -> c1", "service c1: http://172.17.0.2:80")),
                // exposed-by-default and enable
                of("unlabeled containers are not exposed by default",
                        container(name("postgres")), List.of()),
                of("exposed-by-default exposes unlabeled containers",
                        settings(s -> s.put("exposedByDefault", true)), List.of(container(name("web"))),
                        List.of("router web: Host(`web`) -> web", "service web: http://172.17.0.2:80"), List.of()),
                of("enable=false wins over router labels",
                        container(name("c1"), label("traefik.enable", "false"), label("traefik.http.routers.r.rule", "Path(`/r`)")),
                        List.of()),
                of("enable=false wins over exposed-by-default",
                        settings(s -> s.put("exposedByDefault", true)), List.of(container(name("c1"), label("traefik.enable", "false"))),
                        List.of(), List.of()),
                // constraints
                of("constraints keep matching workloads",
                        settings(s -> s.put("constraints", "Label(`team`,`ml`)")),
                        List.of(container(name("a"), label("team", "ml"), label("traefik.enable", "true")),
                                container(name("b"), label("team", "web"), label("traefik.enable", "true"), network("bridge", "172.17.0.3"))),
                        List.of("router a: Host(`a`) -> a", "service a: http://172.17.0.2:80"), List.of()),
                of("LabelRegex, negation and or",
                        settings(s -> s.put("constraints", "LabelRegex(`env`,`prod.*`) || !Label(`tier`,`batch`)")),
                        List.of(container(name("a"), label("env", "prod-eu"), label("tier", "batch"), label("traefik.enable", "true")),
                                container(name("b"), label("env", "dev"), label("tier", "batch"), label("traefik.enable", "true"),
                                        network("bridge", "172.17.0.3"))),
                        List.of("router a: Host(`a`) -> a", "service a: http://172.17.0.2:80"), List.of()),
                // swarm tasks and lbswarm
                of("swarm: servers are the running tasks' IPs",
                        List.of(service(name("sentiment"), label("traefik.http.routers.s.rule", "PathPrefix(`/s`)"),
                                label("traefik.http.services.s.loadbalancer.server.port", "8000"),
                                task("models", "10.0.9.3"), task("models", "10.0.9.4"), vip("models", "10.0.9.2"))),
                        List.of("router s: PathPrefix(`/s`) -> s", "service s: http://10.0.9.3:8000,http://10.0.9.4:8000"), List.of()),
                of("swarm: lbswarm uses the VIP",
                        List.of(service(name("sentiment"), label("traefik.http.routers.s.rule", "PathPrefix(`/s`)"),
                                label("traefik.http.services.s.loadbalancer.server.port", "8000"), label("traefik.docker.lbswarm", "true"),
                                task("models", "10.0.9.3"), task("models", "10.0.9.4"), vip("models", "10.0.9.2"))),
                        List.of("router s: PathPrefix(`/s`) -> s", "service s: http://10.0.9.2:8000"), List.of()),
                of("swarm: a missing port label is reported and the service skipped",
                        List.of(service(name("sentiment"), label("traefik.http.routers.s.rule", "PathPrefix(`/s`)"),
                                task("models", "10.0.9.3"))),
                        List.of(), List.of("service sentiment@docker: port is missing")),
                of("swarm: no running task means no servers",
                        List.of(service(name("idle"), label("traefik.http.services.idle.loadbalancer.server.port", "80"))),
                        List.of("router idle: Host(`idle`) -> idle", "service idle: "), List.of()),
                // model convention
                of("model label: router and service model-<name>",
                        container(name("sentiment-1"), label("modelgate.model", "sentiment")),
                        List.of("router model-sentiment: PathPrefix(`/api/v1/sentiment`) -> model-sentiment",
                                "service model-sentiment: http://172.17.0.2:80")),
                of("model containers with the same name form one service",
                        List.of(container(name("s-1"), label("modelgate.model", "sentiment")),
                                container(name("s-2"), label("modelgate.model", "sentiment"), network("bridge", "172.17.0.3"))),
                        List.of("router model-sentiment: PathPrefix(`/api/v1/sentiment`) -> model-sentiment",
                                "service model-sentiment: http://172.17.0.2:80,http://172.17.0.3:80"), List.of()),
                of("model middlewares and strip prefix from the settings",
                        settings(s -> {
                            s.put("modelMiddlewares", List.of("auth@file", "errors@file"));
                            s.put("modelStripPrefix", true);
                        }),
                        List.of(container(name("ner-1"), label("modelgate.model", "ner"))),
                        List.of("middleware model-ner-strip: stripPrefix",
                                "router model-ner: PathPrefix(`/api/v1/ner`) -> model-ner [model-ner-strip, auth@file, errors@file]",
                                "service model-ner: http://172.17.0.2:80"), List.of()),
                of("model.port chooses the port",
                        container(name("m-1"), ports(8000, 9000), label("modelgate.model", "m"), label("modelgate.model.port", "9000")),
                        List.of("router model-m: PathPrefix(`/api/v1/m`) -> model-m", "service model-m: http://172.17.0.2:9000")),
                of("swarm model without model.port is a problem",
                        List.of(service(name("m"), label("modelgate.model", "m"), task("models", "10.0.9.3"))),
                        List.of(), List.of("service model-m@docker: port is missing: set modelgate.model.port")),
                of("an invalid model name is a problem",
                        List.of(container(name("c1"), label("modelgate.model", "bad name!"))),
                        List.of(), List.of("container c1: model name 'bad name!'")),
                of("model label plus router labels: both routes",
                        container(name("m-1"), label("modelgate.model", "m"), label("traefik.http.routers.extra.rule", "Host(`m.example`)")),
                        List.of("router extra: Host(`m.example`) -> m-1",
                                "router model-m: PathPrefix(`/api/v1/m`) -> model-m",
                                "service m-1: http://172.17.0.2:80", "service model-m: http://172.17.0.2:80")),
                of("traefik.model is not our convention",
                        List.of(container(name("c1"), label("traefik.model", "m"))),
                        List.of(), List.of("container c1: unknown key")),
                // mixed-case keys
                of("keys are case-insensitive, names keep their case",
                        container(name("c1"), label("Traefik.HTTP.Routers.MyRouter.Rule", "Path(`/r`)"),
                                label("TRAEFIK.http.services.MySvc.LoadBalancer.Server.Port", "81")),
                        List.of("router MyRouter: Path(`/r`) -> MySvc", "service MySvc: http://172.17.0.2:81")),
                // both prefixes on one container
                of("modelgate. wins over traefik. for the same key",
                        container(name("c1"), label("traefik.http.routers.r.rule", "Path(`/traefik`)"),
                                label("modelgate.http.routers.r.rule", "Path(`/modelgate`)")),
                        List.of("router r: Path(`/modelgate`) -> c1", "service c1: http://172.17.0.2:80")),
                of("keys under both prefixes combine",
                        container(name("c1"), label("traefik.http.routers.r.rule", "Path(`/r`)"),
                                label("modelgate.http.routers.r.priority", "9")),
                        List.of("router r: Path(`/r`) -> c1 p9", "service c1: http://172.17.0.2:80")),
                of("only the configured prefixes are read",
                        settings(s -> s.put("prefixes", List.of("modelgate"))),
                        List.of(container(name("c1"), label("traefik.http.routers.r.rule", "Path(`/r`)"))),
                        List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodes(LabelSettings settings, List<Workload> workloads, List<String> config, List<String> problems) {
        ProviderSnapshot s = new LabelDecoder(settings, LabelDecoderTest::middleware).decode(workloads);
        assertThat(lines(s)).containsExactlyInAnyOrderElementsOf(config);
        List<String> actual = s.problems().stream().map(p -> p.element() + ": " + p.message()).toList();
        assertThat(actual).as("problems").hasSameSizeAs(problems);
        for (String expected : problems) {
            assertThat(actual).anySatisfy(a -> assertThat(a).contains(expected));
        }
    }

    @ParameterizedTest(name = "problem origins name the container and the label as written")
    @MethodSource("originCases")
    void problemOriginsNameTheWorkloadAndLabel(Workload w, String origin) {
        ProviderSnapshot s = new LabelDecoder(defaults(), LabelDecoderTest::middleware).decode(List.of(w));
        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.provider()).isEqualTo("docker");
            assertThat(p.origin()).isEqualTo(origin);
        });
    }

    static Stream<Arguments> originCases() {
        return Stream.of(
                Arguments.of(container(name("c9"), label("traefik.http.routers.R.Rulle", "x")),
                        "container c9, label traefik.http.routers.R.Rulle"),
                Arguments.of(container(name("c9"), label("Traefik.Enable", "maybe")), "container c9, label Traefik.Enable"),
                Arguments.of(service(name("s9"), label("traefik.enable", "true"), task("n", "10.0.0.1")), "service s9"));
    }

}
