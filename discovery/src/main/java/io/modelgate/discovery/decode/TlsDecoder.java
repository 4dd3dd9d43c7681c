package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.RouterTls;
import io.modelgate.discovery.config.TlsConfig;
import io.modelgate.discovery.decode.ConfigNode.MapNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traefik's TLS configuration from a tree: the top-level {@code tls:} section (certificates, the default store,
 * options) and a router's {@code tls} (options, certResolver, domains). What modelgate does not implement is
 * refused by name ({@code curvePreferences}, other stores, generated default certificates), never ignored.
 */
public final class TlsDecoder {

    /** A router's {@code tls} keys, as Traefik spells them. */
    public static final Set<String> ROUTER_KEYS = Set.of("options", "certResolver", "domains");

    /** Keys of one of a router's {@code tls.domains}. */
    public static final Set<String> DOMAIN_KEYS = Set.of("main", "sans");

    private static final Set<String> VERSIONS = Set.of("VersionTLS10", "VersionTLS11", "VersionTLS12", "VersionTLS13");
    private static final Set<String> CLIENT_AUTH = Set.of("NoClientCert", "VerifyClientCertIfGiven",
            "RequireAndVerifyClientCert");

    private TlsDecoder() {
    }

    /** The top-level {@code tls:} section; {@code null} node or an empty value is no TLS configuration. */
    public static TlsConfig section(ConfigNode node) {
        if (node == null || node instanceof ConfigNode.Scalar s && s.value() == null) {
            return TlsConfig.EMPTY;
        }
        MapNode m = Values.map(node, "tls");
        Values.onlyKeys(m, Set.of("certificates", "stores", "options"), "tls");
        List<TlsConfig.Certificate> certificates = new ArrayList<>();
        ConfigNode certs = m.get("certificates");
        if (certs instanceof ConfigNode.ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                MapNode c = Values.map(list.items().get(i), "tls.certificates[" + i + "]");
                Values.onlyKeys(c, Set.of("certFile", "keyFile", "stores"), "tls.certificates[" + i + "]");
                ConfigNode stores = c.get("stores");
                if (stores != null && !Values.strings(stores, "stores").stream().allMatch("default"::equals)) {
                    throw new ConfigException(stores.origin(), "only the default TLS store exists");
                }
                certificates.add(certificate(c, "tls.certificates[" + i + "]"));
            }
        } else if (certs != null && !(certs instanceof ConfigNode.Scalar s && s.value() == null)) {
            throw new ConfigException(certs.origin(), "tls.certificates must be a list, not " + certs.kind());
        }
        TlsConfig.Certificate defaultCertificate = null;
        ConfigNode stores = m.get("stores");
        if (stores != null) {
            MapNode all = Values.map(stores, "tls.stores");
            for (ConfigNode.Entry e : all.entries().values()) {
                if (!e.key().equals("default")) {
                    throw new ConfigException(e.value().origin(), "TLS store '" + e.key() + "': only the default store exists");
                }
                MapNode store = Values.map(e.value(), "tls.stores.default");
                for (ConfigNode.Entry o : store.entries().values()) {
                    if (o.key().equalsIgnoreCase("defaultGeneratedCert")) {
                        throw new ConfigException(o.value().origin(), "tls.stores.default.defaultGeneratedCert is not "
                                + "supported yet: give a defaultCertificate");
                    }
                }
                Values.onlyKeys(store, Set.of("defaultCertificate"), "tls.stores.default");
                ConfigNode dc = store.get("defaultCertificate");
                if (dc != null) {
                    MapNode c = Values.map(dc, "tls.stores.default.defaultCertificate");
                    Values.onlyKeys(c, Set.of("certFile", "keyFile"), "tls.stores.default.defaultCertificate");
                    defaultCertificate = certificate(c, "tls.stores.default.defaultCertificate");
                }
            }
        }
        Map<String, TlsConfig.TlsOptions> options = new LinkedHashMap<>();
        ConfigNode opts = m.get("options");
        if (opts != null) {
            for (ConfigNode.Entry e : Values.map(opts, "tls.options").entries().values()) {
                options.put(e.key(), options(e.key(), e.value()));
            }
        }
        return new TlsConfig(certificates, defaultCertificate, options);
    }

    private static TlsConfig.Certificate certificate(MapNode c, String what) {
        ConfigNode cert = c.get("certFile");
        ConfigNode key = c.get("keyFile");
        if (cert == null || key == null) {
            throw new ConfigException(c.origin(), what + " needs certFile and keyFile");
        }
        return new TlsConfig.Certificate(Values.string(cert, what + ".certFile").trim(),
                Values.string(key, what + ".keyFile").trim(), c.origin());
    }

    private static TlsConfig.TlsOptions options(String name, ConfigNode node) {
        String what = "tls.options." + name;
        MapNode m = node instanceof ConfigNode.Scalar s && s.value() == null ? new MapNode(Map.of(), node.origin())
                : Values.map(node, what);
        for (ConfigNode.Entry e : m.entries().values()) {
            if (e.key().equalsIgnoreCase("curvePreferences") || e.key().equalsIgnoreCase("preferServerCipherSuites")
                    || e.key().equalsIgnoreCase("disableSessionTickets")) {
                throw new ConfigException(e.value().origin(), what + "." + e.key() + " is not supported yet");
            }
        }
        Values.onlyKeys(m, Set.of("minVersion", "maxVersion", "cipherSuites", "alpnProtocols", "clientAuth", "sniStrict"),
                what);
        TlsConfig.TlsOptions d = TlsConfig.TlsOptions.DEFAULT;
        String min = version(m.get("minVersion"), what + ".minVersion", d.minVersion());
        String max = version(m.get("maxVersion"), what + ".maxVersion", null);
        ConfigNode ciphers = m.get("cipherSuites");
        ConfigNode alpn = m.get("alpnProtocols");
        List<String> protocols = alpn == null ? d.alpnProtocols() : Values.strings(alpn, what + ".alpnProtocols");
        for (String p : protocols) {
            if (!p.equals("h2") && !p.equals("http/1.1")) {
                throw new ConfigException(alpn.origin(), what + ".alpnProtocols: '" + p + "' is not supported (h2, http/1.1)");
            }
        }
        List<String> cas = List.of();
        String clientAuth = d.clientAuth();
        ConfigNode ca = m.get("clientAuth");
        if (ca != null) {
            MapNode c = Values.map(ca, what + ".clientAuth");
            Values.onlyKeys(c, Set.of("caFiles", "clientAuthType"), what + ".clientAuth");
            cas = c.get("caFiles") == null ? List.of() : Values.strings(c.get("caFiles"), what + ".clientAuth.caFiles");
            if (c.get("clientAuthType") != null) {
                clientAuth = Values.string(c.get("clientAuthType"), what + ".clientAuth.clientAuthType").trim();
                if (!CLIENT_AUTH.contains(clientAuth)) {
                    throw new ConfigException(c.get("clientAuthType").origin(), what + ".clientAuth.clientAuthType '"
                            + clientAuth + "' is not supported (supported: " + String.join(", ", new java.util.TreeSet<>(CLIENT_AUTH))
                            + "; RequestClientCert and RequireAnyClientCert accept unverified certificates)");
                }
            }
            if (!clientAuth.equals("NoClientCert") && cas.isEmpty()) {
                throw new ConfigException(c.origin(), what + ".clientAuth." + clientAuth + " needs caFiles");
            }
        }
        ConfigNode strict = m.get("sniStrict");
        return new TlsConfig.TlsOptions(min, max,
                ciphers == null ? List.of() : Values.strings(ciphers, what + ".cipherSuites"), protocols, cas, clientAuth,
                strict != null && Values.bool(strict, what + ".sniStrict"), m.origin());
    }

    private static String version(ConfigNode node, String what, String otherwise) {
        if (node == null) {
            return otherwise;
        }
        String v = Values.string(node, what).trim();
        if (!VERSIONS.contains(v)) {
            throw new ConfigException(node.origin(), what + " '" + v + "' is not one of " + new java.util.TreeSet<>(VERSIONS));
        }
        return v;
    }

    /**
     * A router's {@code tls}: {@code true}/{@code {}} for the defaults, or a map of {@code options},
     * {@code certResolver}, {@code domains}; {@code false} (labels) is no TLS.
     *
     * @return the router's TLS, or null for none
     */
    public static RouterTls router(ConfigNode node, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof ConfigNode.Scalar s) {
            if (s.value() == null || s.value().isBlank()) {
                return RouterTls.DEFAULT;
            }
            return Values.bool(node, what) ? RouterTls.DEFAULT : null;
        }
        MapNode m = Values.map(node, what);
        Values.onlyKeys(m, ROUTER_KEYS, what);
        ConfigNode options = m.get("options");
        ConfigNode resolver = m.get("certResolver");
        List<RouterTls.Domain> domains = new ArrayList<>();
        ConfigNode ds = m.get("domains");
        if (ds instanceof ConfigNode.ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                MapNode d = Values.map(list.items().get(i), what + ".domains[" + i + "]");
                Values.onlyKeys(d, DOMAIN_KEYS, what + ".domains[" + i + "]");
                if (d.get("main") == null) {
                    throw new ConfigException(d.origin(), what + ".domains[" + i + "] has no main");
                }
                domains.add(new RouterTls.Domain(Values.string(d.get("main"), "main").trim(),
                        d.get("sans") == null ? List.of() : Values.strings(d.get("sans"), "sans")));
            }
        } else if (ds != null) {
            throw new ConfigException(ds.origin(), what + ".domains must be a list, not " + ds.kind());
        }
        return new RouterTls(options == null ? null : Values.string(options, what + ".options").trim(),
                resolver == null ? null : Values.string(resolver, what + ".certResolver").trim(), domains);
    }
}
