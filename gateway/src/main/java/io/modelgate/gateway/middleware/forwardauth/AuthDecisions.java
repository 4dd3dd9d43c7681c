package io.modelgate.gateway.middleware.forwardauth;

import io.modelgate.gateway.pipeline.Identity;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cached 2xx decisions: each lives for the {@code max-age} of the auth response's {@code Cache-Control},
 * bounded by the configured maximum; nothing is cached without {@code max-age}, or with {@code no-store}
 * or {@code no-cache}. Keys are the credential the request carries plus host, so revoking a token takes
 * effect within {@code max-age}.
 */
final class AuthDecisions {

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*(?:s-)?max-age\\s*=\\s*(\\d+)");

    /** A cached 2xx: the headers to copy onto the request, who the caller is (or null), how long it may be reused. */
    record Decision(Map<String, String> headers, Identity identity, long ttlNanos) {
    }

    private final Cache<String, Decision> cache;
    private final long maxTtlNanos;

    AuthDecisions(Duration maxTtl, Ticker ticker) {
        this.maxTtlNanos = maxTtl.toNanos();
        this.cache = Caffeine.newBuilder().maximumSize(50_000).ticker(ticker).executor(Runnable::run)
                .expireAfter(new Expiry<String, Decision>() {
                    @Override
                    public long expireAfterCreate(String key, Decision d, long now) {
                        return d.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Decision d, long now, long current) {
                        return d.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Decision d, long now, long current) {
                        return current;
                    }
                }).build();
    }

    Decision get(String key) {
        return key == null ? null : cache.getIfPresent(key);
    }

    /** Remembers a 2xx decision if its Cache-Control allows; returns whether it did. */
    boolean remember(String key, List<String> cacheControl, Map<String, String> headers, Identity identity) {
        long ttl = ttlFor(cacheControl);
        if (key == null || ttl <= 0) {
            return false;
        }
        cache.put(key, new Decision(Map.copyOf(headers), identity, ttl));
        return true;
    }

    /** Whether a 2xx with this Cache-Control would be remembered. */
    boolean keeps(List<String> cacheControl) {
        return ttlFor(cacheControl) > 0;
    }

    /** How long a 2xx with this Cache-Control is kept: its max-age, at most the configured maximum. */
    private long ttlFor(List<String> cacheControl) {
        return Math.min(ttlNanos(cacheControl), maxTtlNanos);
    }

    /** {@code max-age} in nanoseconds, or 0 when the response may not be reused. */
    static long ttlNanos(List<String> cacheControl) {
        long seconds = 0;
        for (String value : cacheControl) {
            String v = value.toLowerCase(Locale.ROOT);
            if (v.contains("no-store") || v.contains("no-cache") || v.contains("private=")) {
                return 0;
            }
            Matcher m = MAX_AGE.matcher(v);
            if (m.find()) {
                seconds = Math.max(seconds, Long.parseLong(m.group(1)));
            }
        }
        return Duration.ofSeconds(seconds).toNanos();
    }
}
