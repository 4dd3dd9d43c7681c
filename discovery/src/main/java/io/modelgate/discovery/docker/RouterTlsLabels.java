package io.modelgate.discovery.docker;

import io.modelgate.discovery.config.RouterTls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A router's {@code tls}, {@code tls.options}, {@code tls.certresolver} and {@code tls.domains[n].main|sans}
 * labels, collected and turned into one {@link RouterTls}. Any {@code tls.*} label makes the router a TLS
 * router, as in Traefik; {@code tls=false} alone leaves it plain.
 */
final class RouterTlsLabels {

    private static final Pattern DOMAIN = Pattern.compile("tls\\.domains\\[(\\d+)]\\.(main|sans)");

    private Boolean enabled;
    private boolean any;
    private String options;
    private String resolver;
    private final TreeMap<Integer, String> mains = new TreeMap<>();
    private final TreeMap<Integer, List<String>> sans = new TreeMap<>();

    /** @return false if the key is not a router TLS key */
    boolean add(String key, String value) {
        switch (key) {
            case "tls" -> {
                String v = value.toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("tls must be true or false, got '" + value + "'");
                }
                enabled = Boolean.parseBoolean(v);
            }
            case "tls.options" -> options = value;
            case "tls.certresolver" -> resolver = value;
            default -> {
                Matcher m = DOMAIN.matcher(key);
                if (!m.matches()) {
                    return false;
                }
                int i = Integer.parseInt(m.group(1));
                if (m.group(2).equals("main")) {
                    mains.put(i, value);
                } else {
                    sans.put(i, List.of(value.split("\\s*,\\s*")));
                }
            }
        }
        any |= !key.equals("tls");
        return true;
    }

    /** The router's TLS, or null for a plain router. */
    RouterTls build() {
        if (!any && !Boolean.TRUE.equals(enabled)) {
            return null;
        }
        if (Boolean.FALSE.equals(enabled)) {
            throw new IllegalArgumentException("tls=false contradicts the router's other tls.* labels");
        }
        List<RouterTls.Domain> domains = new ArrayList<>();
        for (Integer i : sans.keySet()) {
            if (!mains.containsKey(i)) {
                throw new IllegalArgumentException("tls.domains[" + i + "].sans without tls.domains[" + i + "].main");
            }
        }
        mains.forEach((i, main) -> domains.add(new RouterTls.Domain(main, sans.getOrDefault(i, List.of()))));
        return new RouterTls(options, resolver, domains);
    }
}
