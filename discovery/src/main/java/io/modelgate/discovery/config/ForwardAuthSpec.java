package io.modelgate.discovery.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Traefik's {@code forwardAuth}: ask an auth service before forwarding.
 *
 * @param address                  the auth endpoint (GET), http or https
 * @param trustForwardHeader       pass the client's own {@code X-Forwarded-*} to the auth service (default false)
 * @param authResponseHeaders      headers copied from a 2xx auth response onto the request (client values removed first)
 * @param authResponseHeadersRegex the same, by regular expression; null for none
 * @param authRequestHeaders       only these client headers go to the auth service; empty means all
 * @param timeout                  auth service timeout, then 503 (default 5 s)
 * @param maxCacheTtl              upper bound on caching a 2xx decision (its {@code Cache-Control: max-age}); 0 disables
 * @param tls                      how an https address is verified; null for the JVM's default trust store
 * @param credentialCookie         a cookie that carries the credential, for keying cached decisions (modelgate's
 *                                 extension; null for none: Authorization, X-API-Key and api_key are always used)
 */
public record ForwardAuthSpec(URI address, boolean trustForwardHeader, List<String> authResponseHeaders,
                              String authResponseHeadersRegex, List<String> authRequestHeaders, Duration timeout,
                              Duration maxCacheTtl, Tls tls, String credentialCookie) implements MiddlewareSpec {

    /**
     * Verification of an https auth service.
     *
     * @param ca                 PEM file of the certificate authorities to trust instead of the JVM's; null for the JVM's
     * @param insecureSkipVerify trust any certificate and host name (tests only: the token goes to whoever answers)
     */
    public record Tls(String ca, boolean insecureSkipVerify) {
    }

    public ForwardAuthSpec(URI address, boolean trustForwardHeader, List<String> authResponseHeaders,
                           String authResponseHeadersRegex, List<String> authRequestHeaders, Duration timeout,
                           Duration maxCacheTtl) {
        this(address, trustForwardHeader, authResponseHeaders, authResponseHeadersRegex, authRequestHeaders, timeout,
                maxCacheTtl, null, null);
    }

    public ForwardAuthSpec(URI address, boolean trustForwardHeader, List<String> authResponseHeaders,
                           String authResponseHeadersRegex, List<String> authRequestHeaders, Duration timeout,
                           Duration maxCacheTtl, Tls tls) {
        this(address, trustForwardHeader, authResponseHeaders, authResponseHeadersRegex, authRequestHeaders, timeout,
                maxCacheTtl, tls, null);
    }

    public ForwardAuthSpec {
        if (address == null || address.getHost() == null
                || !("http".equalsIgnoreCase(address.getScheme()) || "https".equalsIgnoreCase(address.getScheme()))) {
            throw new IllegalArgumentException("forwardAuth.address must be an absolute http(s) URL, got '" + address + "'");
        }
        authResponseHeaders = List.copyOf(authResponseHeaders);
        authRequestHeaders = List.copyOf(authRequestHeaders);
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        maxCacheTtl = maxCacheTtl == null ? Duration.ofMinutes(5) : maxCacheTtl;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("forwardAuth.timeout must be positive");
        }
        if (authResponseHeadersRegex != null) {
            java.util.regex.Pattern.compile(authResponseHeadersRegex); // fails early with the regex error
        }
    }

    @Override
    public String type() {
        return "forwardAuth";
    }
}
