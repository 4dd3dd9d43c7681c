package io.modelgate.discovery.config;

import java.util.Locale;

/**
 * Session affinity of a load balancer: Traefik's sticky cookie, or our key affinity. Exactly one of
 * {@code cookie} and {@code key} is set.
 *
 * @param cookie cookie stickiness (Traefik's {@code sticky.cookie}), or null
 * @param key    key affinity source: {@code query:<name>}, {@code header:<name>}, {@code cookie:<name>} or
 *               {@code user}; or null
 * @param dedicated each key holds an instance no other key holds (needs a key; default {@code user})
 * @param dedicatedIdle a dedicated lease not used for this long is released
 */
public record StickySpec(CookieSpec cookie, String key, boolean dedicated, java.time.Duration dedicatedIdle) {

    public static final java.time.Duration DEFAULT_DEDICATED_IDLE = java.time.Duration.ofMinutes(30);

    public StickySpec {
        if (dedicated && cookie != null) {
            throw new IllegalArgumentException("sticky.dedicated works with a key, not with a cookie");
        }
        if (dedicated && key == null) {
            key = "user";
        }
        if ((cookie == null) == (key == null)) {
            throw new IllegalArgumentException("sticky needs either cookie or key, not both");
        }
        if (key != null) {
            validateKey(key);
        }
        dedicatedIdle = dedicatedIdle == null ? DEFAULT_DEDICATED_IDLE : dedicatedIdle;
        if (dedicatedIdle.isNegative() || dedicatedIdle.isZero()) {
            throw new IllegalArgumentException("sticky.dedicated.idle must be positive");
        }
    }

    public StickySpec(CookieSpec cookie, String key) {
        this(cookie, key, false, null);
    }

    /** @throws IllegalArgumentException unless {@code key} is {@code query:x}, {@code header:x}, {@code cookie:x} or {@code user} */
    public static void validateKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        boolean ok = k.equals("user") || ((k.startsWith("query:") || k.startsWith("header:") || k.startsWith("cookie:"))
                && key.indexOf(':') < key.length() - 1);
        if (!ok) {
            throw new IllegalArgumentException("sticky key '" + key + "' must be query:<name>, header:<name>, cookie:<name> or user");
        }
    }

    /**
     * Traefik's sticky cookie options.
     *
     * @param name     cookie name (Traefik's default is derived from the service; ours: {@code mg_<service>})
     * @param secure   Secure attribute
     * @param httpOnly HttpOnly attribute
     * @param sameSite {@code none}, {@code lax}, {@code strict}, or empty for none set
     * @param maxAge   Max-Age in seconds; 0 for a session cookie
     * @param path     Path attribute (default {@code /})
     * @param domain   Domain attribute, or empty
     */
    public record CookieSpec(String name, boolean secure, boolean httpOnly, String sameSite, int maxAge, String path,
                             String domain) {

        public CookieSpec {
            sameSite = sameSite == null ? "" : sameSite;
            path = path == null || path.isEmpty() ? "/" : path;
            domain = domain == null ? "" : domain;
            if (!sameSite.isEmpty() && !sameSite.equalsIgnoreCase("none") && !sameSite.equalsIgnoreCase("lax")
                    && !sameSite.equalsIgnoreCase("strict")) {
                throw new IllegalArgumentException("sameSite must be none, lax or strict, got '" + sameSite + "'");
            }
            if (maxAge < 0) {
                throw new IllegalArgumentException("maxAge must be >= 0, got " + maxAge);
            }
            if (name != null && !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("cookie name '" + name + "' is not a valid cookie name");
            }
        }

        public static CookieSpec defaults() {
            return new CookieSpec(null, false, false, "", 0, "/", "");
        }
    }
}
