package io.modelgate.gateway.lb.sticky;

import io.modelgate.gateway.lb.UpstreamServer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sticky cookie values: an HMAC-SHA256 of the server's identity under a secret shared by all gateway
 * replicas, so any replica honours any replica's cookie and a client learns nothing about the server's
 * address. A value that is not the HMAC of a current server (tampered, stale, or from another secret) is
 * treated as no cookie.
 */
public final class StickyCookies {

    private final byte[] secret;

    public StickyCookies(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the sticky secret needs at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /** The cookie value for a server: 128 bits of HMAC, base64url. */
    public String valueFor(UpstreamServer server) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] full = mac.doFinal(server.url().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
