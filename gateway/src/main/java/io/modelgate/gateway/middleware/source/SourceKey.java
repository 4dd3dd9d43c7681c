package io.modelgate.gateway.middleware.source;

import io.modelgate.discovery.config.SourceCriterion;
import io.modelgate.discovery.rule.Cidr;
import io.modelgate.gateway.pipeline.Identity;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.util.List;

/**
 * The source of a request under one {@link SourceCriterion}, as a string key. Requests with equal keys share
 * a bucket or a counter. A source that cannot be found (no such header, an {@code X-Forwarded-For} shorter
 * than the depth) is the empty key, shared by all such requests, as in Traefik.
 *
 * <p>The client IP comes from {@code X-Forwarded-For} as the gateway forwards it: the entry point has already
 * removed what an untrusted client sent and appended the connecting peer, so the last entry is the peer and the
 * ones before it are what trusted proxies said (Traefik's depth counts those).
 */
public final class SourceKey {

    private final SourceCriterion criterion;

    public SourceKey(SourceCriterion criterion) {
        this.criterion = criterion;
    }

    /** The key of {@code request}, whose caller an auth middleware may have identified ({@code identity}, or null). */
    public String of(HttpRequest request, Identity identity) {
        if (criterion.user()) {
            return identity != null ? "user:" + identity.user() : "ip:" + peer(request);
        }
        if (criterion.requestHeaderName() != null) {
            String v = request.headers().get(criterion.requestHeaderName());
            return v == null ? "" : v;
        }
        if (criterion.requestHost()) {
            String host = request.headers().get(HttpHeaderNames.HOST);
            return host == null ? "" : host;
        }
        return ip(request, criterion.ipStrategy());
    }

    private static String peer(HttpRequest request) {
        String xff = request.headers().get("X-Forwarded-For");
        if (xff == null) {
            return "";
        }
        int comma = xff.lastIndexOf(',');
        return (comma < 0 ? xff : xff.substring(comma + 1)).trim();
    }

    private static String ip(HttpRequest request, SourceCriterion.IpStrategy strategy) {
        if (strategy.depth() == 0 && strategy.excludedIps().isEmpty()) {
            return peer(request); // the common case: no list to build
        }
        String xff = request.headers().get("X-Forwarded-For");
        List<String> entries = xff == null ? List.of()
                : java.util.Arrays.stream(xff.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> received = entries.isEmpty() ? entries : entries.subList(0, entries.size() - 1); // minus the peer
        if (strategy.depth() > 0) { // Traefik: a depth wins over excludedIPs
            return strategy.depth() <= received.size() ? received.get(received.size() - strategy.depth()) : "";
        }
        for (int i = received.size() - 1; i >= 0; i--) {
            if (!excluded(received.get(i), strategy.excludedIps())) {
                return received.get(i);
            }
        }
        return "";
    }

    private static boolean excluded(String ip, List<Cidr> cidrs) {
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(ip);
        } catch (IllegalArgumentException e) {
            return false; // not an address (a proxy wrote garbage): not one of ours, so it is the source
        }
        for (Cidr c : cidrs) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
