package io.modelgate.discovery.docker;

import java.util.List;
import java.util.Set;

/**
 * Every label key the Docker provider understands, in one place: the decoder validates against these
 * and the label reference ({@code docs/labels.md}) is tested against them, so the two cannot drift.
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

    /** Options after {@code http.routers.<r>.}. */
    public static final Set<String> ROUTER = Set.of("rule", "rulesyntax", "priority", "middlewares", "service", "entrypoints",
            "tls", "tls.options", "tls.certresolver", "tls.domains[0].main", "tls.domains[0].sans");

    /** Options after {@code http.services.<s>.}. */
    public static final Set<String> SERVICE = Set.of("loadbalancer.server.port", "loadbalancer.server.scheme",
            "loadbalancer.passhostheader", "loadbalancer.sticky.cookie", "loadbalancer.sticky.cookie.name",
            "loadbalancer.sticky.cookie.secure", "loadbalancer.sticky.cookie.httponly", "loadbalancer.sticky.cookie.samesite",
            "loadbalancer.sticky.cookie.maxage", "loadbalancer.sticky.cookie.path", "loadbalancer.sticky.cookie.domain",
            "loadbalancer.sticky.key", "loadbalancer.sticky.dedicated", "loadbalancer.sticky.dedicated.idle",
            "loadbalancer.server.maxinflight", "loadbalancer.queue.size", "loadbalancer.queue.timeout",
            "loadbalancer.healthcheck.path", "loadbalancer.healthcheck.method", "loadbalancer.healthcheck.interval",
            "loadbalancer.healthcheck.unhealthyinterval", "loadbalancer.healthcheck.timeout", "loadbalancer.healthcheck.scheme",
            "loadbalancer.healthcheck.port", "loadbalancer.healthcheck.hostname", "loadbalancer.healthcheck.headers.<name>",
            "loadbalancer.healthcheck.status", "loadbalancer.healthcheck.followredirects", "loadbalancer.healthcheck.mode",
            "loadbalancer.passivehealthcheck.failurewindow", "loadbalancer.passivehealthcheck.maxfailedattempts",
            "loadbalancer.passivehealthcheck.status", "loadbalancer.passivehealthcheck.maxejection");

    /** Option prefixes after {@code http.services.<s>.} that are accepted, reported and ignored for now. */
    public static final Set<String> SERVICE_LATER = Set.of("loadbalancer.responseforwarding", "loadbalancer.serverstransport");

    /** Options after {@code http.middlewares.<m>.}, per implemented middleware type. */
    public static final List<String> MIDDLEWARE = List.of("stripprefix.prefixes", "stripprefix.forceslash",
            "headers.customrequestheaders.<name>", "headers.customresponseheaders.<name>", "chain.middlewares",
            "buffering.maxrequestbodybytes", "buffering.maxresponsebodybytes", "buffering.memrequestbodybytes",
            "buffering.memresponsebodybytes", "basicauth.users", "basicauth.usersfile", "basicauth.realm",
            "basicauth.removeheader", "basicauth.headerfield", "forwardauth.address", "forwardauth.trustforwardheader",
            "forwardauth.authresponseheaders", "forwardauth.authresponseheadersregex", "forwardauth.authrequestheaders",
            "forwardauth.timeout", "forwardauth.maxcachettl", "forwardauth.tls.ca", "forwardauth.tls.insecureskipverify",
            "forwardauth.credentialcookie",
            "errors.status", "errors.service", "errors.query",
            "redirectscheme.scheme", "redirectscheme.port", "redirectscheme.permanent",
            "ratelimit.average", "ratelimit.period", "ratelimit.burst", "ratelimit.sourcecriterion.ipstrategy.depth",
            "ratelimit.sourcecriterion.ipstrategy.excludedips", "ratelimit.sourcecriterion.requestheadername",
            "ratelimit.sourcecriterion.requesthost", "ratelimit.sourcecriterion.user", "ratelimit.plans.<name>.average",
            "ratelimit.plans.<name>.period", "ratelimit.plans.<name>.burst",
            "inflightreq.amount", "inflightreq.sourcecriterion.ipstrategy.depth",
            "inflightreq.sourcecriterion.ipstrategy.excludedips", "inflightreq.sourcecriterion.requestheadername",
            "inflightreq.sourcecriterion.requesthost", "inflightreq.sourcecriterion.user",
            "circuitbreaker.expression", "circuitbreaker.checkperiod", "circuitbreaker.fallbackduration",
            "circuitbreaker.recoveryduration", "circuitbreaker.responsecode",
            "retry.attempts", "retry.initialinterval", "retry.methods");

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
