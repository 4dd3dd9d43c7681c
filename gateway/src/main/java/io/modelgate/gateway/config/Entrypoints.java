package io.modelgate.gateway.config;

import io.modelgate.discovery.config.RouterTls;
import io.modelgate.gateway.proxy.EdgeLimits;
import io.modelgate.gateway.proxy.Entrypoint;
import io.modelgate.gateway.proxy.http.EncodedCharacters;
import io.modelgate.gateway.proxy.EntrypointSettings;
import io.modelgate.gateway.runtime.EntryPoint;
import io.modelgate.gateway.tls.CertificateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code modelgate.entrypoints.*} checked and turned into what routing ({@link EntryPoint}) and the data plane
 * ({@link Entrypoint}) take. A bad setting stops the start with one line naming the property.
 */
final class Entrypoints {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final Map<String, EntrypointProperties.Web> enabled = new TreeMap<>();
    private final ModelgateProperties props;

    Entrypoints(ModelgateProperties props) {
        this.props = props;
        props.entrypoints().forEach((name, web) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("modelgate.entrypoints." + name + ": an entry point name is letters, "
                        + "digits, '-' and '_'");
            }
            if (web.enabled()) {
                enabled.put(name, web);
            }
        });
        if (enabled.isEmpty()) {
            throw new IllegalArgumentException("modelgate.entrypoints: no entry point is enabled");
        }
        enabled.forEach(this::checkRedirect);
        enabled.forEach(Entrypoints::checkRoutersTls);
    }

    /** The default resolver and its domains need a TLS entry point, and domains a resolver to order them. */
    private static void checkRoutersTls(String name, EntrypointProperties.Web web) {
        EntrypointProperties.EntrypointTls t = web.tls();
        String at = "modelgate.entrypoints." + name + ".tls.";
        boolean resolver = t.certResolver() != null && !t.certResolver().isBlank();
        if ((resolver || !t.domains().isEmpty()) && !t.enabled()) {
            throw new IllegalArgumentException(at + (resolver ? "cert-resolver" : "domains")
                    + " is set but the entry point does not terminate TLS: set " + at + "enabled=true");
        }
        if (!t.domains().isEmpty() && !resolver) {
            throw new IllegalArgumentException(at + "domains choose what a certificate resolver orders: set "
                    + at + "cert-resolver too");
        }
        for (int i = 0; i < t.domains().size(); i++) {
            EntrypointProperties.TlsDomain d = t.domains().get(i);
            if (d.main() == null || d.main().isBlank()) {
                throw new IllegalArgumentException(at + "domains[" + i + "].main is missing");
            }
            if (d.main().startsWith("*.") || d.sans().stream().anyMatch(n -> n.startsWith("*."))) {
                throw new IllegalArgumentException(at + "domains[" + i + "]: wildcard names need the DNS-01 challenge, "
                        + "which is not supported");
            }
        }
    }

    /** The entry points' default certificate resolvers, by entry point (only those that have one). */
    Map<String, String> defaultResolvers() {
        Map<String, String> out = new TreeMap<>();
        enabled.forEach((name, web) -> {
            if (web.tls().certResolver() != null && !web.tls().certResolver().isBlank()) {
                out.put(name, web.tls().certResolver().trim());
            }
        });
        return out;
    }

    private void checkRedirect(String name, EntrypointProperties.Web web) {
        EntrypointProperties.EntryPointRedirect r = web.http().redirections().entryPoint();
        if (r.to() == null || r.to().isBlank()) {
            return;
        }
        String at = "modelgate.entrypoints." + name + ".http.redirections.entry-point";
        if (!r.scheme().equals("https") && !r.scheme().equals("http")) {
            throw new IllegalArgumentException(at + ".scheme must be http or https, not '" + r.scheme() + "'");
        }
        if (!enabled.containsKey(r.to()) && !r.to().matches("\\d{1,5}")) {
            throw new IllegalArgumentException(at + ".to '" + r.to() + "' is neither an enabled entry point (" 
                    + String.join(", ", enabled.keySet()) + ") nor a port number");
        }
        if (r.to().equals(name)) {
            throw new IllegalArgumentException(at + ".to names the entry point itself");
        }
    }

    boolean anyTls() {
        return enabled.values().stream().anyMatch(w -> w.tls().enabled());
    }

    /** What routing knows about each entry point. */
    List<EntryPoint> routing() {
        List<EntryPoint> out = new ArrayList<>();
        enabled.forEach((name, web) -> out.add(new EntryPoint(name, web.tls().enabled(), redirect(web), routersTls(web))));
        return out;
    }

    /** Traefik's entry-point {@code http.tls} model for routers without their own, or null without a resolver. */
    private static RouterTls routersTls(EntrypointProperties.Web web) {
        String resolver = web.tls().certResolver();
        if (resolver == null || resolver.isBlank()) {
            return null;
        }
        List<RouterTls.Domain> domains = web.tls().domains().stream()
                .map(d -> new RouterTls.Domain(d.main().trim(), d.sans().stream().map(String::trim).toList())).toList();
        return new RouterTls(null, resolver.trim(), domains);
    }

    private EntryPoint.Redirect redirect(EntrypointProperties.Web web) {
        EntrypointProperties.EntryPointRedirect r = web.http().redirections().entryPoint();
        if (r.to() == null || r.to().isBlank()) {
            return null;
        }
        EntrypointProperties.Web target = enabled.get(r.to());
        String port = target == null ? r.to() : Integer.toString(target.port());
        return new EntryPoint.Redirect(r.to(), r.scheme(), port, r.permanent());
    }

    /** The data plane's entry points; {@code certificates} null when no entry point terminates TLS. */
    List<Entrypoint> dataPlane(CertificateStore certificates) {
        List<Entrypoint> out = new ArrayList<>();
        // web first: it is the one port() reports when a test asks for "the" port
        enabled.entrySet().stream()
                .sorted((a, b) -> a.getKey().equals("web") ? -1 : b.getKey().equals("web") ? 1 : a.getKey().compareTo(b.getKey()))
                .forEach(e -> out.add(entrypoint(e.getKey(), e.getValue(), certificates)));
        return out;
    }

    private static EdgeLimits edge(String name, EntrypointProperties.Web web) {
        EntrypointProperties.EncodedCharacters enc = web.http().encodedCharacters();
        try {
            return new EdgeLimits(web.headTimeout(), web.minBodyRate().toBytes(), web.minBodyRateWindow(),
                    new EncodedCharacters(enc.allowEncodedSlash(), enc.allowEncodedBackSlash(), enc.allowEncodedDot(),
                            enc.allowEncodedNullCharacter()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("modelgate.entrypoints." + name + ".head-timeout, .min-body-rate and "
                    + ".min-body-rate-window must not be negative, and a min-body-rate needs a window above 0s", e);
        }
    }

    private Entrypoint entrypoint(String name, EntrypointProperties.Web web, CertificateStore certificates) {
        ModelgateProperties.Upstream up = props.upstream();
        long maxBody = props.maxRequestBodyBytes() == null ? 0 : props.maxRequestBodyBytes().toBytes();
        EntrypointSettings settings = new EntrypointSettings(name, web.address(), web.port(),
                (int) web.maxHeaderBytes().toBytes(), (int) web.maxInitialLine().toBytes(), web.idleTimeout(),
                web.readTimeout(), web.maxPipelined(), maxBody, up.connectTimeout(), up.responseTimeout(),
                up.poolIdleTimeout(), up.maxIdlePerServer(), edge(name, web));
        TrustedNetworks trusted;
        try {
            trusted = new TrustedNetworks(web.forwardedHeaders().trustedIps());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("entrypoints.web.", "entrypoints." + name + "."), e);
        }
        Entrypoint.Tls tls = null;
        if (web.tls().enabled()) {
            String options = web.tls().options();
            if (options != null && !options.isBlank() && !options.contains("@")) {
                options = options + "@file";
            }
            tls = new Entrypoint.Tls(certificates, options == null || options.isBlank() ? null : options);
        }
        return new Entrypoint(settings, trusted, tls, web.http2().enabled() ? web.http2().maxConcurrentStreams() : 0);
    }
}
