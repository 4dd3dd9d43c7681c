package io.modelgate.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The token format: {@code mgt_<id>_<secret>}: a 16-hex-digit public id (64 random bits) and a 43-character
 * base64url secret (256 random bits). Only the SHA-256 of the secret is stored. A slow password hash would
 * add nothing here: with 256 random bits there is nothing to guess, and SHA-256 keeps every {@code /auth}
 * call cheap. Lookups go by id, and the hashes are compared in constant time.
 */
public final class Tokens {

    static final String PREFIX = "mgt_";
    private static final int ID_BYTES = 8;
    private static final int SECRET_BYTES = 32;
    private static final int ID_CHARS = ID_BYTES * 2;
    private static final int SECRET_CHARS = 43; // base64url of 32 bytes, no padding
    /** A hash no secret has, compared against when the id is unknown, so both paths cost the same. */
    private static final String NO_HASH = "0".repeat(64);

    private Tokens() {
    }

    /**
     * A newly issued token.
     *
     * @param token the whole token, shown once
     * @param id    its public id
     * @param hash  what is stored
     */
    public record Issued(String token, String id, String hash) {

        @Override
        public String toString() {
            return "Issued[id=" + id + "]"; // never the token
        }
    }

    /** A token split into its parts; nothing is checked against the store yet. */
    public record Parts(String id, String secret) {

        @Override
        public String toString() {
            return "Parts[id=" + id + "]";
        }
    }

    public static Issued issue(SecureRandom random) {
        byte[] id = new byte[ID_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(id);
        random.nextBytes(secret);
        String idText = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(PREFIX + idText + "_" + secretText, idText, hash(secretText));
    }

    /** The parts of a well-formed token, or null for anything else. */
    public static Parts parse(String token) {
        if (token == null || token.length() != PREFIX.length() + ID_CHARS + 1 + SECRET_CHARS
                || !token.startsWith(PREFIX) || token.charAt(PREFIX.length() + ID_CHARS) != '_') {
            return null;
        }
        String id = token.substring(PREFIX.length(), PREFIX.length() + ID_CHARS);
        String secret = token.substring(PREFIX.length() + ID_CHARS + 1);
        if (!id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
                || !secret.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
            return null;
        }
        return new Parts(id, secret);
    }

    /** True if an id has the shape ids have (so CLI and admin input can be checked before a lookup). */
    public static boolean isId(String id) {
        return id != null && id.length() == ID_CHARS && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time: the secret's hash against the stored one (or against nothing, for an unknown id). */
    public static boolean matches(String secret, String storedHash) {
        byte[] expected = (storedHash == null ? NO_HASH : storedHash).getBytes(StandardCharsets.US_ASCII);
        boolean equal = MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII), expected);
        return equal && storedHash != null;
    }
}
