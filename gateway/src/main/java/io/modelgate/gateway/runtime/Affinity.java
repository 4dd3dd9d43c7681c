package io.modelgate.gateway.runtime;

import io.modelgate.discovery.config.StickySpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's compiled session affinity: cookie values (or key hashes) precomputed for its servers, so a
 * request only does a map lookup or an HRW scan.
 *
 * @param cookie       cookie options, or null for key affinity
 * @param cookieName   the cookie's name
 * @param keySource    {@code query:x}, {@code header:x}, {@code cookie:x} or {@code user}; null in cookie mode
 * @param byCookie     server by cookie value
 * @param cookieValues cookie value by server
 * @param hashes       server hashes for HRW, in server order
 * @param leases       dedicated leases, or null unless the service is dedicated
 */
public record Affinity(StickySpec.CookieSpec cookie, String cookieName, String keySource,
                       Map<String, UpstreamServer> byCookie, Map<UpstreamServer, String> cookieValues, long[] hashes,
                       DedicatedLeases leases) {

    static Affinity of(StickySpec spec, String serviceName, List<UpstreamServer> servers, StickyCookies cookies) {
        return of(spec, serviceName, servers, cookies, null);
    }

    static Affinity of(StickySpec spec, String serviceName, List<UpstreamServer> servers, StickyCookies cookies,
                       LeaseRegistry leases) {
        long[] hashes = servers.stream().mapToLong(s -> Rendezvous.hash(s.url())).toArray();
        if (spec.cookie() == null) {
            DedicatedLeases dedicated = spec.dedicated() && leases != null
                    ? leases.forService(serviceName, spec.dedicatedIdle()) : null;
            if (spec.dedicated() && dedicated == null) {
                throw new IllegalStateException("dedicated affinity needs a lease registry");
            }
            return new Affinity(null, null, spec.key(), Map.of(), Map.of(), hashes, dedicated);
        }
        Map<String, UpstreamServer> byCookie = new HashMap<>();
        Map<UpstreamServer, String> values = new HashMap<>();
        for (UpstreamServer s : servers) {
            String v = cookies.valueFor(s);
            byCookie.put(v, s);
            values.put(s, v);
        }
        String name = spec.cookie().name() != null ? spec.cookie().name()
                : "mg_" + serviceName.replaceAll("[^A-Za-z0-9]+", "_");
        return new Affinity(spec.cookie(), name, null, Map.copyOf(byCookie), Map.copyOf(values), hashes, null);
    }

    /** The {@code Set-Cookie} header value that pins a client to {@code server}. */
    public String setCookie(UpstreamServer server) {
        StringBuilder b = new StringBuilder(cookieName).append('=').append(cookieValues.get(server))
                .append("; Path=").append(cookie.path());
        if (!cookie.domain().isEmpty()) {
            b.append("; Domain=").append(cookie.domain());
        }
        if (cookie.maxAge() > 0) {
            b.append("; Max-Age=").append(cookie.maxAge());
        }
        if (cookie.secure()) {
            b.append("; Secure");
        }
        if (cookie.httpOnly()) {
            b.append("; HttpOnly");
        }
        if (!cookie.sameSite().isEmpty()) {
            String s = cookie.sameSite().toLowerCase(java.util.Locale.ROOT);
            b.append("; SameSite=").append(Character.toUpperCase(s.charAt(0))).append(s.substring(1));
        }
        return b.toString();
    }
}
