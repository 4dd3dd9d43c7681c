package io.modelgate.gateway.traefik;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Translates one Traefik static configuration (already read into keys and values by {@link TraefikSources})
 * into modelgate properties. Pure: no I/O, so every option is table-tested. Besides the option-by-option
 * mapping of {@link TraefikOptions} it applies Traefik's own defaults where they differ from modelgate's, so
 * a Traefik {@code command:} behaves as it did: providers on when any of their options is given, Docker's
 * {@code exposedByDefault=true}, the access log off unless asked for, entry points exactly those declared
 * (Traefik's {@code http} on :80 when none is).
 */
public final class TraefikTranslator {

    private static final String EP = "modelgate.entrypoints.";
    private static final String DOCKER = "modelgate.providers.docker.";

    private TraefikTranslator() {
    }

    /**
     * One option as read.
     *
     * @param written the option as the operator wrote it, for messages ({@code --api.debug}, {@code TRAEFIK_API_DEBUG})
     * @param key     Traefik's key in lower case, without the {@code --} ({@code api.debug})
     * @param value   its value ({@code ""} for a flag given without one)
     */
    public record Option(String written, String key, String value) {
        public Option {
            key = key.toLowerCase(Locale.ROOT);
        }
    }

    /** @param source where the options came from, for the start-up lines ({@code flags}, {@code /etc/traefik/traefik.yml}) */
    public static TraefikTranslation translate(String source, List<Option> options) {
        if (options.isEmpty()) {
            return TraefikTranslation.none();
        }
        TraefikTranslation.Builder out = new TraefikTranslation.Builder();
        for (Option o : options) {
            one(o, out);
        }
        defaults(options, out);
        return out.build(source);
    }

    private static void one(Option o, TraefikTranslation.Builder out) {
        TraefikOption option = TraefikOptions.find(o.key());
        if (option == null) {
            out.error(o.written() + ": Traefik has no such static option (a typo?)");
            return;
        }
        if (o.key().startsWith("entrypoints.traefik.") && !o.key().equals("entrypoints.traefik.address")) {
            out.notice(o.written(), true, "the traefik entry point is modelgate's admin port; only its address maps");
            return;
        }
        if (option.support() == TraefikOption.Support.REFUSED) {
            out.notice(o.written(), true, option.note());
            return;
        }
        try {
            option.mapper().apply(option.match(o.key()), o.value(), out);
        } catch (IllegalArgumentException e) {
            out.error(o.written() + ": " + e.getMessage());
            return;
        }
        if (option.support() == TraefikOption.Support.DIFFERENT) {
            out.notice(o.written(), false, option.note());
        }
    }

    private static void defaults(List<Option> options, TraefikTranslation.Builder out) {
        Set<String> keys = new TreeSet<>();
        options.forEach(o -> keys.add(o.key()));
        // a section is on when any of its options is given (Traefik's rule), unless it is set to false
        boolean docker = section(keys, "providers.docker") || section(keys, "providers.swarm");
        if (docker) {
            if (out.get(DOCKER + "enabled") == null) {
                out.set(DOCKER + "enabled", "true");
            }
            if (section(keys, "providers.swarm") && out.get(DOCKER + "swarm-mode") == null) {
                out.set(DOCKER + "swarm-mode", "true");
            }
            if (out.get(DOCKER + "exposed-by-default") == null) {
                out.set(DOCKER + "exposed-by-default", "true"); // Traefik's default
            }
        } else {
            // Traefik runs only the providers its configuration names: a file-only Traefik on a host with the
            // socket must not pick up containers labeled for another one
            out.set(DOCKER + "enabled", "false");
        }
        if (keys.contains("providers.file.filename") && keys.contains("providers.file.directory")) {
            out.error("providers.file: filename and directory are mutually exclusive");
        } else if (section(keys, "providers.file") && out.get("modelgate.providers.file.path") == null) {
            out.error("providers.file: set providers.file.filename or providers.file.directory");
        }
        if (out.get("modelgate.upstream.response-timeout") == null) {
            // Traefik's responseHeaderTimeout is 0 unless set: a model that takes minutes to answer still answers
            out.set("modelgate.upstream.response-timeout", "0s");
        }
        if (!section(keys, "accesslog")) {
            out.set("modelgate.access-log.enabled", "false"); // Traefik writes none unless asked
        } else if (out.get("modelgate.access-log.enabled") == null) {
            out.set("modelgate.access-log.enabled", "true");
        }
        if ("true".equals(out.remove("traefik.api.insecure"))) {
            if (out.get("modelgate.admin.port") == null) {
                out.set("modelgate.admin.port", "8080"); // the traefik entry point's default address
            }
            if (out.get("server.address") == null) {
                // what api.insecure asks for: the API and dashboard on every interface, unauthenticated
                out.set("server.address", "0.0.0.0");
            }
        } else if (keys.contains("entrypoints.traefik.address") && out.get("server.address") == null) {
            // Traefik's `:9000` is every interface; the admin side shows the whole configuration, so without
            // api.insecure it is not opened wider than modelgate.admin.address unless asked by name
            out.notice("entrypoints.traefik.address", false, "without a host (and without api.insecure) the admin port"
                    + " listens on modelgate.admin.address, 127.0.0.1 unless set: write 0.0.0.0:"
                    + out.get("modelgate.admin.port") + " for every interface, and protect it (docs/admin-security.md)");
        }
        entryPoints(keys, out);
    }

    private static void entryPoints(Set<String> keys, TraefikTranslation.Builder out) {
        Set<String> declared = new TreeSet<>();
        for (String k : keys) {
            // -1: a key of dots only (`.:` in a traefik.yml, found by TraefikTranslatorFuzzTest) splits into
            // empty parts instead of no parts at all
            String[] parts = k.split("\\.", -1);
            if (parts[0].equals("entrypoints") && parts.length > 2 && !parts[1].equals("traefik")) {
                declared.add(parts[1]);
            }
        }
        if (declared.isEmpty()) {
            out.set(EP + "http.port", "80"); // Traefik's default entry point
        }
        if (!declared.contains("web")) {
            out.set(EP + "web.enabled", "false");
        }
        for (String name : declared) {
            String port = out.get(EP + name + ".port");
            if (port == null && !out.hasErrors()) { // a bad address was reported already
                out.error("entrypoints." + name + ": no address (write --entrypoints." + name + ".address=:PORT)");
            } else if ("443".equals(port) && out.get(EP + name + ".tls.enabled") == null) {
                out.set(EP + name + ".tls.enabled", "true");
                out.notice("entrypoints." + name, false, "port 443 terminates TLS: modelgate decides TLS per entry point "
                        + "(Traefik per router); set entrypoints." + name + ".http.tls=false to keep it plain");
            }
        }
    }

    private static boolean section(Set<String> keys, String section) {
        return keys.stream().anyMatch(k -> k.equals(section) || k.startsWith(section + "."));
    }
}
