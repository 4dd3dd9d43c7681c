package io.modelgate.discovery.docker;

import io.modelgate.discovery.decode.AdmissionDecoder;
import io.modelgate.discovery.decode.HealthCheckDecoder;
import io.modelgate.discovery.decode.MiddlewareDecoder;
import io.modelgate.discovery.decode.RouterDecoder;
import io.modelgate.discovery.decode.ServiceDecoder;
import io.modelgate.discovery.decode.StickyDecoder;
import io.modelgate.discovery.decode.TlsDecoder;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every label key the Docker provider understands, for the label reference ({@code docs/labels.md}, tested
 * against this list). Router, service and middleware keys are read off the decoders that validate them, so the
 * reference cannot drift from what is accepted; only the workload-level keys are Docker's own and listed here.
 * Keys are written in lower case, after the prefix ({@code modelgate.} or {@code traefik.});
 * {@code <r>}, {@code <s>}, {@code <m>} and {@code <name>} stand for names.
 */
public final class LabelKeys {

    private LabelKeys() {
    }

    /** Keys directly under a prefix. */
    public static final Set<String> WORKLOAD = Set.of("enable", "docker.network", "docker.lbswarm", "swarm.network", "swarm.lbswarm");

    /** Keys under {@code modelgate.} only (our model convention). */
    public static final Set<String> MODEL = Set.of("model", "model.port");

    /** Options after {@code http.routers.<r>.}: the router decoder's keys, {@code tls} spelled out as labels write it. */
    public static final Set<String> ROUTER = routerKeys();

    /**
     * Options after {@code http.services.<s>.}: the service decoder's keys as labels write them (its {@code server}
     * has the instances' port and scheme instead of a file's {@code servers} list).
     */
    public static final Set<String> SERVICE = serviceKeys();

    /** Option prefixes after {@code http.services.<s>.} that are accepted, reported and ignored for now. */
    public static final Set<String> SERVICE_LATER = lower(ServiceDecoder.LATER.stream().map(k -> "loadbalancer." + k));

    /** Options after {@code http.middlewares.<m>.}: every implemented type's, read off the middleware decoder. */
    public static final List<String> MIDDLEWARE = MiddlewareDecoder.labelKeys();

    private static Set<String> routerKeys() {
        Stream<String> plain = RouterDecoder.KEYS.stream();
        Stream<String> tls = TlsDecoder.ROUTER_KEYS.stream().flatMap(k -> k.equals("domains")
                ? TlsDecoder.DOMAIN_KEYS.stream().map(d -> "tls.domains[0]." + d) : Stream.of("tls." + k));
        return lower(Stream.concat(plain, tls));
    }

    private static Set<String> serviceKeys() {
        Stream<String> lb = ServiceDecoder.LOAD_BALANCER_KEYS.stream()
                .filter(k -> !Set.of("servers", "server", "sticky", "queue", "healthCheck", "passiveHealthCheck").contains(k))
                .filter(k -> !ServiceDecoder.LATER.contains(k));
        Stream<String> server = ServiceDecoder.SERVER_KEYS.stream().map(k -> "server." + k);
        Stream<String> sticky = StickyDecoder.KEYS.stream().map(k -> "sticky." + k);
        Stream<String> queue = AdmissionDecoder.KEYS.stream().filter(k -> k.startsWith("queue."));
        Stream<String> active = Stream.concat(HealthCheckDecoder.ACTIVE_KEYS.stream(), Stream.of("headers.<name>"))
                .map(k -> "healthcheck." + k);
        Stream<String> passive = HealthCheckDecoder.PASSIVE_KEYS.stream().map(k -> "passivehealthcheck." + k);
        return lower(Stream.of(lb, server, sticky, queue, active, passive).flatMap(s -> s).map(k -> "loadbalancer." + k));
    }

    private static Set<String> lower(Stream<String> keys) {
        return keys.map(k -> k.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Every key in reference form, for the documentation test. */
    public static List<String> reference() {
        List<String> keys = new java.util.ArrayList<>();
        WORKLOAD.forEach(k -> keys.add("<p>." + k));
        MODEL.forEach(k -> keys.add("modelgate." + k));
        ROUTER.forEach(k -> keys.add("<p>.http.routers.<r>." + k));
        SERVICE.forEach(k -> keys.add("<p>.http.services.<s>." + k));
        SERVICE_LATER.forEach(k -> keys.add("<p>.http.services.<s>." + k + ".*"));
        MIDDLEWARE.forEach(k -> keys.add("<p>.http.middlewares.<m>." + k));
        return keys.stream().sorted().toList();
    }
}
