package io.modelgate.gateway.middleware.basicauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.Md5Crypt;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * One stored htpasswd hash and how to check a password against it. The formats are the ones Traefik's
 * basicAuth accepts: bcrypt ({@code $2y$}, {@code htpasswd -B}), Apache MD5 ({@code $apr1$}, htpasswd's
 * default) and SHA1 ({@code {SHA}}, {@code htpasswd -s}). MD5 and SHA1 are fast hashes and weak against
 * offline guessing; they are accepted because operators' existing htpasswd files use them (docs/admin-security.md).
 */
public record HtpasswdHash(String stored, Kind kind) {

    /** The hash families; {@link #slow()} says whether checking one costs enough CPU to keep it off an event loop. */
    public enum Kind {
        BCRYPT(true), APR1(false), SHA1(false);

        private final boolean slow;

        Kind(boolean slow) {
            this.slow = slow;
        }

        public boolean slow() {
            return slow;
        }
    }

    /** {@code user:hash} lines (blank lines and {@code #} comments skipped) → users; the first bad line is named. */
    public static Map<String, HtpasswdHash> parseLines(List<String> lines) {
        Map<String, HtpasswdHash> out = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("user entry is not name:hash: '" + line + "'");
            }
            String name = line.substring(0, colon);
            out.put(name, parse(name, line.substring(colon + 1)));
        }
        return Map.copyOf(out);
    }

    /** The stored value's format, or {@link IllegalArgumentException} saying which formats are accepted. */
    public static HtpasswdHash parse(String user, String stored) {
        if (stored.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            return new HtpasswdHash(stored, Kind.BCRYPT);
        }
        if (stored.matches("\\$apr1\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{22}")) {
            return new HtpasswdHash(stored, Kind.APR1);
        }
        if (stored.matches("\\{SHA\\}[A-Za-z0-9+/]{27}=")) {
            return new HtpasswdHash(stored, Kind.SHA1);
        }
        throw new IllegalArgumentException("user '" + user + "': the hash is not bcrypt ($2y$, htpasswd -B), "
                + "Apache MD5 ($apr1$, htpasswd -m) or SHA1 ({SHA}, htpasswd -s); plain text and crypt() are refused");
    }

    /** True if {@code password} hashes to the stored value (compared in constant time). */
    public boolean matches(String password) {
        return switch (kind) {
            case BCRYPT -> BCrypt.checkpw(password, stored);
            case APR1 -> same(Md5Crypt.apr1Crypt(password.getBytes(StandardCharsets.UTF_8), stored), stored);
            case SHA1 -> same("{SHA}" + Base64.getEncoder().encodeToString(sha1(password)), stored);
        };
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha1(String password) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
