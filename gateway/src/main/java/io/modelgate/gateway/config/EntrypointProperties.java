package io.modelgate.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** The settings of one entry point, {@code modelgate.entrypoints.<name>.…}, and the records they are made of. */
public final class EntrypointProperties {

    private EntrypointProperties() {
    }

    /**
     * An entry point ({@code modelgate.entrypoints.<name>.…}). {@code web} exists by default (port 8080, set in
     * {@code application.properties}); any other name adds one. Routers choose them by name in {@code entryPoints}.
     *
     * @param enabled          listen at all ({@code false} removes {@code web}, e.g. when only {@code websecure} is wanted)
     * @param address          address to bind; {@code 0.0.0.0} listens on every interface
     * @param port             TCP port (0 picks a free one, reported in the log)
     * @param maxHeaderBytes   largest request header block; larger gets 431 and the connection closed
     * @param maxInitialLine   longest request line; longer gets 414 and the connection closed
     * @param idleTimeout      a keep-alive connection with no request in progress for this long is closed
     * @param readTimeout      a request whose client sends nothing for this long (headers or body) gets 408
     * @param maxPipelined     requests a client may pipeline before the gateway stops reading from it
     * @param headTimeout      a request head (request line and headers) must be complete this long after its first
     *                         byte, however the bytes trickle in (slowloris); late: 408 and the connection closed; 0 for none
     * @param minBodyRate      a request body must average at least this many bytes per second over each
     *                         {@code minBodyRateWindow} while the gateway reads it (time the gateway itself pauses
     *                         reading does not count); slower: 408 and the connection closed; 0B for none
     * @param minBodyRateWindow the window the body rate is averaged over
     * @param forwardedHeaders which clients may set {@code X-Forwarded-*} themselves
     * @param tls              TLS termination on this entry point
     * @param http2            HTTP/2 (negotiated by ALPN on a TLS entry point)
     * @param http             Traefik's {@code entryPoints.<name>.http}: the entry point's redirection
     */
    public record Web(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.0.0.0") @NotNull String address,
            @DefaultValue("8080") @Min(0) @Max(65535) int port,
            @DefaultValue("32KB") @NotNull DataSize maxHeaderBytes,
            @DefaultValue("8KB") @NotNull DataSize maxInitialLine,
            @DefaultValue("180s") @NotNull Duration idleTimeout,
            @DefaultValue("60s") @NotNull Duration readTimeout,
            @DefaultValue("16") @Min(1) int maxPipelined,
            @DefaultValue("10s") @NotNull Duration headTimeout,
            @DefaultValue("128B") @NotNull DataSize minBodyRate,
            @DefaultValue("60s") @NotNull Duration minBodyRateWindow,
            @Valid @NotNull @DefaultValue ForwardedHeaders forwardedHeaders,
            @Valid @NotNull @DefaultValue EntrypointTls tls,
            @Valid @NotNull @DefaultValue Http2 http2,
            @Valid @NotNull @DefaultValue Http http) {
    }

    /**
     * TLS on an entry point (Traefik's {@code entryPoints.<name>.http.tls}): every router on it serves HTTPS.
     *
     * @param enabled terminate TLS; certificates and options come from the file provider's {@code tls:} section
     * @param options      TLS options ({@code name@file}) for names no router chose options for; unset: the
     *                     {@code default} options if a provider defines them, else TLS 1.2+, ALPN h2 and http/1.1
     * @param certResolver the ACME resolver of the routers on this entry point that have no {@code tls} of their
     *                     own (Traefik's {@code http.tls.certResolver}: a router's own {@code tls} replaces it whole)
     * @param domains      what that resolver orders for such routers instead of their rule's hosts
     *                     (Traefik's {@code http.tls.domains})
     */
    public record EntrypointTls(@DefaultValue("false") boolean enabled, String options, String certResolver,
                                List<TlsDomain> domains) {

        public EntrypointTls {
            domains = domains == null ? List.of() : List.copyOf(domains);
        }
    }

    /**
     * One {@code tls.domains[i]} entry of an entry point.
     *
     * @param main the certificate's subject name
     * @param sans further names on it
     */
    public record TlsDomain(String main, List<String> sans) {

        public TlsDomain {
            sans = sans == null ? List.of() : List.copyOf(sans);
        }
    }

    /**
     * HTTP/2 on a TLS entry point.
     *
     * @param enabled              offer {@code h2} by ALPN
     * @param maxConcurrentStreams streams a client may have open on one connection (Traefik's default, 250)
     */
    public record Http2(@DefaultValue("true") boolean enabled, @DefaultValue("250") @Min(1) int maxConcurrentStreams) {
    }

    /**
     * @param redirections      Traefik's {@code http.redirections}
     * @param encodedCharacters Traefik v3's {@code http.encodedCharacters}: which percent-encoded characters paths may carry
     */
    public record Http(@Valid @NotNull @DefaultValue Redirections redirections,
                       @Valid @NotNull @DefaultValue EncodedCharacters encodedCharacters) {
    }

    /**
     * Percent-encoded characters allowed in request paths; all refused (400) by default, since a backend that decodes
     * them reaches paths the gateway never routed. Encoded dot segments ({@code /%2e%2e/}) are always refused.
     *
     * @param allowEncodedSlash         {@code %2F}
     * @param allowEncodedBackSlash     {@code %5C}
     * @param allowEncodedDot           {@code %2E} inside a segment (ours; Traefik has no such option)
     * @param allowEncodedNullCharacter {@code %00}
     */
    public record EncodedCharacters(@DefaultValue("false") boolean allowEncodedSlash,
                                    @DefaultValue("false") boolean allowEncodedBackSlash,
                                    @DefaultValue("false") boolean allowEncodedDot,
                                    @DefaultValue("false") boolean allowEncodedNullCharacter) {
    }

    /** @param entryPoint redirect every request on this entry point to another one */
    public record Redirections(@Valid @NotNull @DefaultValue EntryPointRedirect entryPoint) {
    }

    /**
     * Traefik's {@code http.redirections.entryPoint}.
     *
     * @param to        the target entry point's name (its port goes in {@code Location}), or a port number; unset: none
     * @param scheme    the target scheme
     * @param permanent 301/308 rather than 302/307
     */
    public record EntryPointRedirect(String to, @DefaultValue("https") String scheme, @DefaultValue("true") boolean permanent) {
    }

    /**
     * Trust for client-sent forwarding headers.
     *
     * @param trustedIps IPs or CIDRs (e.g. a load balancer in front) whose {@code X-Forwarded-*} headers are
     *                   kept and appended to; from everyone else they are replaced
     */
    public record ForwardedHeaders(@DefaultValue List<String> trustedIps) {
    }
}
