package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.InFlightReqSpec;
import io.modelgate.discovery.config.RateLimitSpec;
import io.modelgate.discovery.config.SourceCriterion;
import io.modelgate.discovery.decode.ConfigNode.MapNode;
import io.modelgate.discovery.rule.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The options of the two limiting middlewares, {@code rateLimit} and {@code inFlightReq}, from a tree. */
final class LimitDecoder {

    private static final Set<String> LIMIT_KEYS = Set.of("average", "period", "burst");
    private static final Set<String> IN_FLIGHT_KEYS = Set.of("amount", "sourceCriterion");
    private static final Set<String> CRITERION_KEYS = Set.of("ipStrategy", "requestHeaderName", "requestHost", "user");
    private static final Set<String> IP_STRATEGY_KEYS = Set.of("depth", "excludedIPs");

    private LimitDecoder() {
    }

    /** rateLimit's and inFlightReq's options for {@link MiddlewareDecoder#labelKeys()}. */
    static void labelKeys(List<String> keys) {
        MiddlewareDecoder.under("rateLimit", LIMIT_KEYS, keys);
        MiddlewareDecoder.under("rateLimit.plans.<name>", LIMIT_KEYS, keys);
        criterionKeys("rateLimit.sourceCriterion", keys);
        IN_FLIGHT_KEYS.stream().filter(k -> !k.equals("sourceCriterion")).forEach(k -> keys.add("inFlightReq." + k));
        criterionKeys("inFlightReq.sourceCriterion", keys);
    }

    private static void criterionKeys(String prefix, List<String> keys) {
        CRITERION_KEYS.stream().filter(k -> !k.equals("ipStrategy")).forEach(k -> keys.add(prefix + "." + k));
        MiddlewareDecoder.under(prefix + ".ipStrategy", IP_STRATEGY_KEYS, keys);
    }

    static RateLimitSpec rateLimit(MapNode o) {
        Set<String> known = new java.util.HashSet<>(LIMIT_KEYS);
        known.addAll(Set.of("sourceCriterion", "plans"));
        Values.onlyKeys(o, known, "rateLimit");
        Map<String, RateLimitSpec.Limit> plans = new LinkedHashMap<>();
        ConfigNode p = o.get("plans");
        if (p != null) {
            for (ConfigNode.Entry e : Values.map(p, "rateLimit.plans").entries().values()) {
                MapNode plan = Values.map(e.value(), "rateLimit.plans." + e.key());
                Values.onlyKeys(plan, LIMIT_KEYS, "rateLimit.plans." + e.key());
                if (plan.get("average") == null) {
                    throw new ConfigException(plan.origin(), "rateLimit.plans." + e.key() + " needs an average");
                }
                plans.put(e.key().toLowerCase(Locale.ROOT), limit(plan, "rateLimit.plans." + e.key()));
            }
        }
        ConfigNode criterion = o.get("sourceCriterion");
        try {
            return new RateLimitSpec(limit(o, "rateLimit"), criterion == null ? null : criterion(criterion), plans);
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(o.origin(), "rateLimit: " + e.getMessage());
        }
    }

    static InFlightReqSpec inFlightReq(MapNode o) {
        Values.onlyKeys(o, IN_FLIGHT_KEYS, "inFlightReq");
        ConfigNode amount = o.get("amount");
        if (amount == null) {
            throw new ConfigException(o.origin(), "inFlightReq needs an amount");
        }
        ConfigNode criterion = o.get("sourceCriterion");
        try {
            return new InFlightReqSpec(number(amount, "inFlightReq.amount"), criterion == null ? null : criterion(criterion));
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(o.origin(), e.getMessage());
        }
    }

    private static RateLimitSpec.Limit limit(MapNode o, String what) {
        ConfigNode average = o.get("average");
        ConfigNode period = o.get("period");
        ConfigNode burst = o.get("burst");
        try {
            return new RateLimitSpec.Limit(average == null ? 0 : number(average, what + ".average"),
                    period == null ? null : duration(period, what + ".period"),
                    burst == null ? 1 : number(burst, what + ".burst"));
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(o.origin(), what + "." + e.getMessage());
        }
    }

    /** Traefik's {@code period}: a duration ({@code 1s}, {@code 1m}) or a bare number of seconds. */
    private static Duration duration(ConfigNode node, String what) {
        String v = Values.string(node, what).trim();
        try {
            return v.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v)) : StickyDecoder.duration(v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.origin(), what + ": " + e.getMessage());
        }
    }

    private static long number(ConfigNode node, String what) {
        String v = Values.string(node, what).trim();
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(node.origin(), what + " must be a non-negative integer, got '" + v + "'");
        }
    }

    private static SourceCriterion criterion(ConfigNode node) {
        MapNode c = Values.map(node, "sourceCriterion");
        Values.onlyKeys(c, CRITERION_KEYS, "sourceCriterion");
        ConfigNode ip = c.get("ipStrategy");
        ConfigNode header = c.get("requestHeaderName");
        ConfigNode host = c.get("requestHost");
        ConfigNode user = c.get("user");
        SourceCriterion.IpStrategy strategy = null;
        if (ip != null) {
            MapNode s = ip instanceof ConfigNode.Scalar sc && sc.value() == null
                    ? new MapNode(Map.of(), ip.origin()) : Values.map(ip, "sourceCriterion.ipStrategy");
            Values.onlyKeys(s, IP_STRATEGY_KEYS, "sourceCriterion.ipStrategy");
            ConfigNode depth = s.get("depth");
            ConfigNode excluded = s.get("excludedIPs");
            List<Cidr> cidrs = new ArrayList<>();
            if (excluded != null) {
                for (String text : Values.strings(excluded, "sourceCriterion.ipStrategy.excludedIPs")) {
                    try {
                        cidrs.add(Cidr.parse(text));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(excluded.origin(), "sourceCriterion.ipStrategy.excludedIPs: " + e.getMessage());
                    }
                }
            }
            strategy = new SourceCriterion.IpStrategy(depth == null ? 0 : Values.integer(depth, "ipStrategy.depth"), cidrs);
        }
        try {
            return new SourceCriterion(strategy, header == null ? null : Values.string(header, "requestHeaderName").trim(),
                    host != null && Values.bool(host, "requestHost"), user != null && Values.bool(user, "user"));
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(c.origin(), e.getMessage());
        }
    }
}
