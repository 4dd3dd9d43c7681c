package io.modelgate.gateway.traefik;

import io.modelgate.discovery.Problem;
import io.modelgate.gateway.status.LiveProblems;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * The start-up hook: reads Traefik's static configuration, prints one line per option that does not map as
 * written, stops with one line per error (no stack trace), and hands the translated properties to Spring
 * above {@code application.properties} but below explicit {@code modelgate.*} flags and variables, which
 * win. Options that do not map are also listed in {@code /api/problems}.
 */
public final class TraefikStartup {

    /** The property source's name, as {@code /actuator/env} would show it. */
    public static final String PROPERTY_SOURCE = "traefikStaticConfiguration";

    private TraefikStartup() {
    }

    /**
     * @return the arguments left for Spring, or empty if the configuration has errors (printed to {@code err})
     */
    public static Optional<String[]> prepare(SpringApplication app, String[] args, Map<String, String> env, PrintStream err) {
        TraefikSources.Read read = TraefikSources.read(args, env, TraefikStartup::readFile);
        TraefikTranslation t = TraefikTranslator.translate(read.source(), read.options());
        List<String> errors = new java.util.ArrayList<>(read.errors());
        errors.addAll(t.errors());
        if (!errors.isEmpty()) {
            errors.forEach(e -> err.println("modelgate: Traefik static configuration: " + e));
            return Optional.empty();
        }
        if (t.source() == null) {
            return Optional.of(read.springArgs());
        }
        err.println("modelgate: Traefik static configuration from " + t.source() + ": " + read.options().size()
                + " options, " + t.properties().size() + " modelgate properties");
        read.ignored().forEach(i -> err.println("modelgate: ignored " + i));
        t.notices().forEach(n -> err.println("modelgate: " + n));
        Map<String, Object> properties = new HashMap<>(t.properties());
        app.addListeners(event -> {
            if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
                MutablePropertySources sources = prepared.getEnvironment().getPropertySources();
                MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, properties);
                if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                    sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
                } else {
                    sources.addFirst(source);
                }
            } else if (event instanceof ApplicationStartedEvent started) {
                started.getApplicationContext().getBeanProvider(LiveProblems.class).ifAvailable(live -> report(t, live));
            }
        });
        return Optional.of(read.springArgs());
    }

    private static void report(TraefikTranslation t, LiveProblems live) {
        int i = 0;
        for (TraefikTranslation.Notice n : t.notices()) {
            if (n.refused()) {
                live.report(String.format("traefik-static-%03d", i++),
                        new Problem("traefik", "static option " + n.key(), t.source(), "not supported, ignored: " + n.message()));
            }
        }
    }

    /**
     * The admin port a gateway started with these arguments listens on, for the image's health check (which
     * runs beside it and sees only its command line): {@code --modelgate.admin.port}, else
     * {@code MODELGATE_ADMIN_PORT}, else the Traefik configuration's, else 8081.
     */
    public static String adminPort(String[] args, Map<String, String> env) {
        for (String a : args) {
            if (a.startsWith("--modelgate.admin.port=")) {
                return a.substring("--modelgate.admin.port=".length());
            }
        }
        if (env.get("MODELGATE_ADMIN_PORT") != null) {
            return env.get("MODELGATE_ADMIN_PORT");
        }
        TraefikSources.Read read = TraefikSources.read(args, env, TraefikStartup::readFile);
        String port = TraefikTranslator.translate(read.source(), read.options()).properties().get("modelgate.admin.port");
        return port != null ? port : "8081";
    }

    private static String readFile(Path p) {
        try {
            return Files.readString(p);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (!Files.exists(p)) {
                return null;
            }
            throw new UncheckedIOException(p + ": cannot be read", e);
        }
    }
}
