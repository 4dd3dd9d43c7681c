package io.modelgate.gateway.lb.sticky;

import io.modelgate.gateway.pipeline.Identity;
import io.modelgate.discovery.config.StickySpec;
import io.modelgate.gateway.lb.PassiveHealth;
import io.modelgate.gateway.lb.RoundRobinSelector;
import io.modelgate.gateway.lb.ServerSelector;
import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Traefik's sticky cookie: the cookie names a server by an HMAC of its URL ({@link StickyCookies}); a client
 * without a valid cookie, or whose server is gone or failing, is balanced by round robin and pinned to the
 * server that answers with a new {@code Set-Cookie}.
 */
public final class CookieSelector implements ServerSelector {

    private final RoundRobinSelector fallback;
    private final PassiveHealth health;
    private final String cookieName;
    private final Map<String, UpstreamServer> byCookie;
    private final Map<UpstreamServer, String> setCookie;

    public CookieSelector(StickySpec.CookieSpec cookie, String serviceName, List<UpstreamServer> servers,
                          StickyCookies cookies, RoundRobinSelector fallback, PassiveHealth health) {
        this.fallback = fallback;
        this.health = health;
        this.cookieName = cookie.name() != null ? cookie.name() : "mg_" + serviceName.replaceAll("[^A-Za-z0-9]+", "_");
        Map<String, UpstreamServer> by = new HashMap<>();
        Map<UpstreamServer, String> headers = new HashMap<>();
        for (UpstreamServer s : servers) {
            String value = cookies.valueFor(s);
            by.put(value, s);
            headers.put(s, setCookieValue(cookieName, value, cookie));
        }
        this.byCookie = Map.copyOf(by);
        this.setCookie = Map.copyOf(headers);
    }

    @Override
    public String affinity(HttpRequest request, Identity caller) {
        return AffinityKey.cookie(request, cookieName);
    }

    @Override
    public boolean binds(String affinity) {
        return affinity != null && byCookie.containsKey(affinity);
    }

    @Override
    public CompletionStage<UpstreamServer> select(String affinity, UpstreamServer excluded) {
        return CompletableFuture.completedFuture(pick(affinity, excluded));
    }

    /** The cookie's server if it is still there and healthy, else the next one by round robin. */
    public UpstreamServer pick(String affinity, UpstreamServer excluded) {
        UpstreamServer s = affinity == null ? null : byCookie.get(affinity);
        if (s != null && health.usable(s) && !s.equals(excluded)) {
            return s;
        }
        return fallback.pick(excluded);
    }

    /** A client whose cookie does not name the server that answered (new, or re-pinned) gets one that does. */
    @Override
    public void onResponse(HttpHeaders responseHeaders, UpstreamServer server, String affinity) {
        if (affinity == null || !server.equals(byCookie.get(affinity))) {
            String value = setCookie.get(server);
            if (value != null) {
                responseHeaders.add(HttpHeaderNames.SET_COOKIE, value);
            }
        }
    }

    /** The cookie value that names {@code server} (for tests and the API). */
    public String cookieValue(UpstreamServer server) {
        for (Map.Entry<String, UpstreamServer> e : byCookie.entrySet()) {
            if (e.getValue().equals(server)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The server a cookie value names, or null for a tampered, stale or foreign one (for tests and the API). */
    public UpstreamServer serverOf(String cookieValue) {
        return byCookie.get(cookieValue);
    }

    static String setCookieValue(String name, String value, StickySpec.CookieSpec cookie) {
        StringBuilder b = new StringBuilder(name).append('=').append(value).append("; Path=").append(cookie.path());
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
            String s = cookie.sameSite().toLowerCase(Locale.ROOT);
            b.append("; SameSite=").append(Character.toUpperCase(s.charAt(0))).append(s.substring(1));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "stickyCookie[" + cookieName + "]";
    }
}
