package io.modelgate.gateway.proxy.http;

import io.modelgate.gateway.pipeline.HeaderAliases;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Sets {@code X-Forwarded-For/-Proto/-Host/-Port/-Server} and {@code X-Real-Ip}. From an untrusted client
 * every client-sent {@code X-Forwarded-*}, {@code X-Real-Ip} and {@code Forwarded} header is removed first,
 * so identity headers such as {@code X-Forwarded-User} can never be spoofed; a trusted client (a load
 * balancer in front) keeps its values and {@code X-Forwarded-For} is appended to.
 */
public final class ForwardedHeaders {

    /** The request id header; cached: its hash is computed once, not on every header operation. */
    public static final AsciiString X_REQUEST_ID = AsciiString.cached("X-Request-Id");

    private static final AsciiString XFF = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString PORT = AsciiString.cached("X-Forwarded-Port");
    private static final AsciiString SERVER = AsciiString.cached("X-Forwarded-Server");
    private static final AsciiString REAL_IP = AsciiString.cached("X-Real-Ip");

    private final String serverName;

    public ForwardedHeaders(String serverName) {
        this.serverName = serverName;
    }

    public void apply(HttpHeaders headers, String clientIp, boolean trusted, String hostHeader) {
        apply(headers, clientIp, trusted, hostHeader, false);
    }

    /** @param tls the request came over TLS: {@code X-Forwarded-Proto: https} unless a trusted proxy said otherwise */
    public void apply(HttpHeaders headers, String clientIp, boolean trusted, String hostHeader, boolean tls) {
        if (!trusted) {
            removeClientSent(headers);
        }
        String xff = headers.get(XFF);
        headers.set(XFF, xff == null || xff.isBlank() ? clientIp : xff + ", " + clientIp);
        setIfAbsent(headers, PROTO, tls ? "https" : "http");
        if (hostHeader != null) {
            setIfAbsent(headers, HOST, hostHeader);
        }
        setIfAbsent(headers, PORT, Integer.toString(portOf(hostHeader, headers.get(PROTO))));
        headers.set(SERVER, serverName);
        setIfAbsent(headers, REAL_IP, clientIp);
    }

    /**
     * Every alias form counts ({@code X_Forwarded_User}, {@code x.real.ip}): a backend that folds {@code _} and
     * {@code .} into {@code -} would otherwise read the client's value as the gateway's.
     */
    private static void removeClientSent(HttpHeaders headers) {
        HeaderAliases.removeFrom(headers, ForwardedHeaders::clientMayNotSend);
    }

    private static boolean clientMayNotSend(CharSequence name) {
        if (AsciiString.regionMatches(name, true, 0, "x-forwarded-", 0, 12)
                || AsciiString.contentEqualsIgnoreCase(name, REAL_IP)
                || AsciiString.contentEqualsIgnoreCase(name, "forwarded")) {
            return true; // the common spellings, without building a canonical name
        }
        if (!AsciiString.contains(name, "_") && !AsciiString.contains(name, ".")) {
            return false;
        }
        String c = HeaderAliases.canonical(name);
        return c.startsWith("x-forwarded-") || c.equals("x-real-ip") || c.equals("forwarded") || c.equals("x-request-id");
    }

    private static void setIfAbsent(HttpHeaders headers, AsciiString name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }

    /** The port the client addressed: from the Host header, else the scheme's default (as Traefik does). */
    private static int portOf(String hostHeader, String proto) {
        if (hostHeader != null) {
            int colon = hostHeader.lastIndexOf(':');
            int bracket = hostHeader.lastIndexOf(']');
            if (colon > bracket && colon < hostHeader.length() - 1) {
                try {
                    return Integer.parseInt(hostHeader.substring(colon + 1));
                } catch (NumberFormatException ignored) {
                    // not a port: fall through to the entry point's
                }
            }
        }
        return "https".equalsIgnoreCase(proto) ? 443 : 80;
    }
}
