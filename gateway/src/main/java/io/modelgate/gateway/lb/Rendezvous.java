package io.modelgate.gateway.lb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * Rendezvous (highest random weight) hashing: a key goes to the server with the highest hash of
 * (server, key). Every gateway replica computes the same answer with no shared state, and when a server
 * joins or leaves only the keys that belong to it move.
 */
public final class Rendezvous {

    private Rendezvous() {
    }

    /** The usable server the key belongs to, or null if none is usable. */
    public static <T> T pick(String key, List<T> servers, long[] serverHashes, Predicate<T> usable) {
        long k = hash(key);
        T best = null;
        long bestScore = 0;
        for (int i = 0; i < servers.size(); i++) {
            T s = servers.get(i);
            if (!usable.test(s)) {
                continue;
            }
            long score = mix(k ^ serverHashes[i]);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    /** 64-bit FNV-1a over UTF-8; stable across JVMs and releases (unlike String.hashCode's 32 bits). */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finalizer: spreads the combined hash so scores are uniform. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
