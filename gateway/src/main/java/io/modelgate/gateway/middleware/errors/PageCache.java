package io.modelgate.gateway.middleware.errors;

import io.modelgate.gateway.pipeline.Page;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Fetched error pages, so an error burst costs one fetch per page, not one per error. Concurrent misses
 * for the same page share one fetch. "No page" (service missing, down, or answering badly) is remembered
 * too, briefly, so a dead error service is not asked on every error; it is retried after {@link #MISS_TTL}.
 * Kept across configuration reloads while the middleware's spec is unchanged.
 */
public final class PageCache {

    /** How long a fetched page is served before it is fetched again. */
    public static final Duration PAGE_TTL = Duration.ofSeconds(10);
    /** How long "no page" is remembered. */
    public static final Duration MISS_TTL = Duration.ofSeconds(1);

    private static final Page NONE = new Page("none", new byte[0]);

    private final AsyncCache<Key, Page> cache;

    public PageCache(Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(512)
                .expireAfter(Expiry.<Key, Page>writing((k, page) -> page == NONE ? MISS_TTL : PAGE_TTL))
                .buildAsync();
    }

    /** The page for {@code key}, loading it on a miss; completes with {@code null} for "no page". */
    CompletableFuture<Page> get(Key key, Supplier<CompletableFuture<Page>> load) {
        return cache.get(key, (k, executor) -> load.get()
                        .exceptionally(e -> null)
                        .thenApply(p -> p == null ? NONE : p))
                .thenApply(p -> p == NONE ? null : p);
    }

    /**
     * One page: the path asked for, and what it is for. The status is part of the key even when the path
     * has no {@code {status}}: the answer may be "no page", and then the built-in page depends on it.
     */
    record Key(int status, String path, boolean json) {
    }
}
