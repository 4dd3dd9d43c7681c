package io.modelgate.gateway.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that signs checkpoints (HMAC-SHA256). Its {@link #id()} is written beside every signature, so a
 * verifier holding several keys (old and new, after a rotation) knows which one to use, and a wrong key is
 * named as such rather than reported as tampering. The id is a hash of the key and reveals nothing about it.
 */
public final class AuditKey {

    /** HMAC-SHA256 keys shorter than the hash (32 bytes) weaken it (RFC 2104, section 3). */
    static final int MIN_BYTES = 32;

    private final SecretKeySpec key;
    private final String id;

    AuditKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the key has " + secret.length + " bytes, at least " + MIN_BYTES
                    + " are needed");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        byte[] idInput = new byte[secret.length + 1];
        System.arraycopy(secret, 0, idInput, 1, secret.length);
        idInput[0] = 'k';
        this.id = AuditLines.sha256Hex(idInput).substring(0, 16);
        Arrays.fill(idInput, (byte) 0);
    }

    /**
     * Reads a key file: its bytes are the key, less trailing whitespace (so {@code openssl rand -base64 48 > FILE}
     * and a Docker secret with a final newline both work).
     *
     * @throws IllegalArgumentException with one line saying what is wrong with the file
     */
    public static AuditKey load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("key file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("key file " + file + " cannot be read: " + e.getMessage());
        }
        int end = bytes.length;
        while (end > 0 && Character.isWhitespace(bytes[end - 1])) {
            end--;
        }
        byte[] secret = Arrays.copyOf(bytes, end);
        Arrays.fill(bytes, (byte) 0);
        try {
            return new AuditKey(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + " is too short: " + e.getMessage()
                    + " (make one with: openssl rand -base64 48 > " + file + ")");
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** 16 hex digits that name this key in checkpoints. */
    public String id() {
        return id;
    }

    /** HMAC-SHA256 of the text, in hex. */
    String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AuditKey[" + id + "]";
    }
}
