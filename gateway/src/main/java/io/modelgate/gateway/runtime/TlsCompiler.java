package io.modelgate.gateway.runtime;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.QualifiedName;
import io.modelgate.discovery.config.RouterTls;
import io.modelgate.discovery.config.TlsConfig;
import io.modelgate.discovery.rule.IndexKey;
import io.modelgate.discovery.rule.Rule;
import io.modelgate.gateway.tls.TlsSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The TLS part of a compile: every provider's certificates and options together, and the checks of each
 * router's {@code tls} (its options exist; the hosts of its rule use them at the handshake, as Traefik maps
 * TLS options to SNI names through the routers' {@code Host} rules).
 */
final class TlsCompiler {

    private final List<TlsConfig.Certificate> certificates = new ArrayList<>();
    private final Map<String, TlsConfig.TlsOptions> options = new LinkedHashMap<>();
    private final Map<String, String> optionsByHost = new TreeMap<>();
    private TlsConfig.Certificate defaultCertificate;
    private final List<Problem> problems;
    private final Set<String> resolvers;
    private final Map<Set<String>, TlsSetup.AcmeRequest> acme = new LinkedHashMap<>();

    /** @param resolvers the certificate resolvers that exist (modelgate.certificates-resolvers.*) */
    TlsCompiler(List<Problem> problems, Set<String> resolvers) {
        this.problems = problems;
        this.resolvers = resolvers;
    }

    void collect(ProviderSnapshot s) {
        TlsConfig tls = s.config().tls();
        certificates.addAll(tls.certificates());
        if (tls.defaultCertificate() != null) {
            if (defaultCertificate == null) {
                defaultCertificate = tls.defaultCertificate();
            } else {
                problems.add(new Problem(s.provider(), "tls.stores.default", tls.defaultCertificate().origin(),
                        "a second default certificate (the first is at " + defaultCertificate.origin() + "): ignored"));
            }
        }
        tls.options().forEach((name, o) -> options.put(name + "@" + s.provider(), o));
    }

    /** Checks a router's TLS: a missing options name is an error; a certificate resolver a warning. */
    void router(String router, String provider, RouterTls tls, Rule rule, List<String> errors, List<String> warnings) {
        if (tls == null) {
            return;
        }
        if (tls.options() != null) {
            String q = QualifiedName.qualify(tls.options(), provider);
            if (!options.containsKey(q)) {
                errors.add("TLS options " + q + " do not exist");
            } else if (rule != null) {
                for (IndexKey key : rule.indexKeys()) {
                    if (key.host() == null) {
                        warnings.add("tls.options " + q + " apply by SNI to the hosts of the rule, and the rule names none: "
                                + "handshakes use the default options");
                        continue;
                    }
                    String before = optionsByHost.putIfAbsent(key.host(), q);
                    if (before != null && !before.equals(q)) {
                        warnings.add("host " + key.host() + " already uses TLS options " + before + " (another router): "
                                + q + " is not used for it");
                    }
                }
            }
        }
        if (tls.certResolver() != null) {
            certificateFor(router, tls, rule, errors, warnings);
        } else if (!tls.domains().isEmpty()) {
            warnings.add("tls.domains only choose what a certresolver requests, and the router has none: ignored");
        }
    }

    /** What the router's resolver must get: a certificate for {@code tls.domains}, else for the rule's hosts. */
    private void certificateFor(String router, RouterTls tls, Rule rule, List<String> errors, List<String> warnings) {
        if (!resolvers.contains(tls.certResolver())) {
            warnings.add("certificate resolver '" + tls.certResolver() + "' is not configured or cannot order (see /api/problems; "
                    + "modelgate.certificates-resolvers."
                    + tls.certResolver() + ".acme.*" + (resolvers.isEmpty() ? "" : "; known: " + String.join(", ", resolvers))
                    + "): the router is served with the other certificates");
            return;
        }
        List<String> domains = new ArrayList<>();
        for (RouterTls.Domain d : tls.domains()) {
            domains.add(d.main());
            domains.addAll(d.sans());
        }
        if (domains.isEmpty() && rule != null) {
            rule.indexKeys().stream().map(IndexKey::host).filter(h -> h != null).distinct().forEach(domains::add);
        }
        if (domains.isEmpty()) {
            warnings.add("tls.certresolver " + tls.certResolver() + ": the rule names no Host and there are no tls.domains, "
                    + "so there is nothing to ask a certificate for");
            return;
        }
        if (domains.stream().anyMatch(d -> d.startsWith("*."))) {
            errors.add("tls.certresolver " + tls.certResolver() + ": wildcard names need the DNS-01 challenge, which is not supported");
            return;
        }
        acme.putIfAbsent(Set.copyOf(domains), new TlsSetup.AcmeRequest(tls.certResolver(), domains, router));
    }

    TlsSetup result() {
        return new TlsSetup(certificates, defaultCertificate, options, optionsByHost, List.copyOf(acme.values()));
    }
}
