package io.modelgate.gateway.middleware.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Redis commands Bucket4j's compare-and-swap takes, minus most reads: Bucket4j reads a bucket's state
 * ({@code GET}), computes, then swaps it if unchanged (a Lua compare-and-swap). This remembers the state this
 * gateway last read or wrote per bucket and answers the read from memory, so a request costs one round trip
 * (the swap). If another gateway changed the bucket meanwhile, the swap fails, the remembered state is dropped
 * and Bucket4j retries with a real read: never wrong, only slower under contention.
 */
final class RememberedStateApi implements RedisApi<Object> {

    private final RedisAsyncCommands<String, byte[]> redis;
    private final Cache<String, byte[]> states = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    RememberedStateApi(RedisAsyncCommands<String, byte[]> redis) {
        this.redis = redis;
    }

    @Override
    public RedisFuture<byte[]> get(Object key) {
        String k = (String) key;
        byte[] known = states.getIfPresent(k);
        Relay<byte[]> out = new Relay<>();
        if (known != null) {
            out.complete(known);
            return out;
        }
        redis.get(k).whenComplete((value, error) -> {
            if (error != null) {
                out.completeExceptionally(error);
                return;
            }
            if (value != null) {
                states.put(k, value);
            }
            out.complete(value);
        });
        return out;
    }

    /** Bucket4j's scripts: set-if-absent takes the new state first, compare-and-swap second (after the old one). */
    @Override
    @SuppressWarnings("unchecked")
    public <V> RedisFuture<V> eval(String script, ScriptOutputType type, Object[] keys, byte[][] params) {
        String k = (String) keys[0];
        byte[] written = newState(script, params);
        Relay<V> out = new Relay<>();
        RedisFuture<V> sent = redis.eval(script, type, Arrays.copyOf(keys, keys.length, String[].class), params);
        sent.whenComplete((result, error) -> {
            if (error == null && Boolean.TRUE.equals(result) && written != null) {
                states.put(k, written); // before Bucket4j sees the answer: its next read finds this state
            } else {
                states.invalidate(k); // lost the race (or failed): the next read goes to Redis
            }
            if (error != null) {
                out.completeExceptionally(error);
            } else {
                out.complete(result);
            }
        });
        return out;
    }

    private static byte[] newState(String script, byte[][] params) {
        int at = script.contains("'nx'") ? 0 : 1;
        return params.length > at ? params[at] : null;
    }

    @Override
    public RedisFuture<?> delete(Object key) {
        states.invalidate((String) key);
        return redis.del((String) key);
    }

    /** A future Bucket4j can wait on, completed by this class after it updated what it remembers. */
    private static final class Relay<V> extends CompletableFuture<V> implements RedisFuture<V> {

        @Override
        public String getError() {
            return null;
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                get(timeout, unit);
                return true;
            } catch (java.util.concurrent.ExecutionException e) {
                return true;
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
    }
}
