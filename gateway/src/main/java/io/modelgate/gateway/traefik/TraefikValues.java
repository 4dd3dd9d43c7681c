package io.modelgate.gateway.traefik;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Traefik's value formats read into modelgate's: booleans (a bare flag is {@code true}), Go durations and
 * plain seconds, {@code [host]:port} addresses, comma lists, log levels. Each refusal is one
 * {@link IllegalArgumentException} line that says what to write instead.
 */
final class TraefikValues {

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    private TraefikValues() {
    }

    static String bool(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("true")) {
            return "true";
        }
        if (s.equals("false")) {
            return "false";
        }
        throw new IllegalArgumentException("'" + v + "' is not true or false");
    }

    static String integer(String v) {
        if (!INTEGER.matcher(v.trim()).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number");
        }
        return v.trim();
    }

    /** Traefik's durations: Go's {@code 1m30s}, {@code 500ms}, or a number of seconds. As milliseconds. */
    static String duration(String v) {
        String s = v.trim();
        if (INTEGER.matcher(s).matches()) {
            return s + "s";
        }
        Matcher m = GO_DURATION.matcher(s);
        double millis = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            millis += n * switch (m.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                case "s" -> 1000;
                case "ms" -> 1;
                default -> 0.001; // micro- and nanoseconds: below what a timeout here can mean
            };
            at = m.end();
        }
        if (at == 0 || at != s.length()) {
            throw new IllegalArgumentException("'" + v + "' is not a duration (write 30s, 1m30s, 500ms or a number of seconds)");
        }
        return Math.round(millis) + "ms";
    }

    /** A number of seconds (Traefik's {@code …refreshSeconds}) as a duration. */
    static String seconds(String v) {
        return integer(v) + "s";
    }

    /** A comma list with blanks around items removed. */
    static String list(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.joining(","));
    }

    /**
     * An entry point's {@code http.tls.<option>}: sets it, and makes the entry point a TLS one unless
     * {@code http.tls} says otherwise (in Traefik any {@code http.tls} option turns the section on).
     */
    static TraefikOption.Mapper entryPointTls(String property) {
        return (names, v, out) -> {
            String at = "modelgate.entrypoints." + names.get(0) + ".tls.";
            out.set(at + property, v.trim());
            if (out.get(at + "enabled") == null) {
                out.set(at + "enabled", "true");
            }
        };
    }

    private static final Pattern DOMAIN = Pattern.compile(
            "domains(?:\\[(\\d+)]|\\.(\\d+))\\.(main|sans)");

    /** {@code http.tls.domains[i].main|sans} (flags, files) or {@code …domains.i.main|sans} ({@code TRAEFIK_*}). */
    static void entryPointDomains(List<String> names, String v, TraefikTranslation.Builder out) {
        Matcher m = DOMAIN.matcher(names.get(1));
        if (!m.matches()) {
            throw new IllegalArgumentException("write http.tls.domains[<i>].main or http.tls.domains[<i>].sans");
        }
        String index = m.group(1) != null ? m.group(1) : m.group(2);
        boolean main = m.group(3).equals("main");
        entryPointTls("domains[" + index + "]." + m.group(3)).apply(names, main ? v.trim() : list(v), out);
    }

    /** {@code entryPoints.<n>.address}: {@code [host]:port[/tcp]}; the {@code traefik} entry point is the admin port. */
    static void address(List<String> names, String v, TraefikTranslation.Builder out) {
        String s = v.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith("/udp")) {
            throw new IllegalArgumentException("UDP entry points are not supported");
        }
        if (lower.endsWith("/tcp")) {
            s = s.substring(0, s.length() - 4);
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + v + "' is not an address (write :80 or 10.0.0.1:80)");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String portText = s.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port '" + portText + "' in '" + v + "' is not 0-65535");
        }
        String name = names.getFirst();
        if (name.equals("traefik")) {
            out.set("modelgate.admin.port", Integer.toString(port));
            if (!host.isEmpty()) {
                out.set("server.address", host);
            }
            return;
        }
        out.set("modelgate.entrypoints." + name + ".port", Integer.toString(port));
        if (!host.isEmpty()) {
            out.set("modelgate.entrypoints." + name + ".address", host);
        }
    }

    /** {@code entryPoints.<n>.transport.lifecycle.graceTimeout}: one grace for all, the largest. */
    static void graceTimeout(List<String> names, String v, TraefikTranslation.Builder out) {
        String grace = duration(v);
        String before = out.get("modelgate.shutdown.grace");
        if (before == null || millis(grace) > millis(before)) {
            out.set("modelgate.shutdown.grace", grace);
        }
    }

    private static long millis(String ms) {
        return Long.parseLong(ms.substring(0, ms.length() - 2));
    }

    static void alwaysWatch(List<String> names, String v, TraefikTranslation.Builder out) {
        alwaysOn("watch", v);
    }

    static void alwaysOn(String what, String v) {
        if (bool(v).equals("false")) {
            throw new IllegalArgumentException(what + "=false is not supported: modelgate keeps it on (remove the option)");
        }
    }

    /** {@code ping.entryPoint}, {@code metrics.prometheus.entryPoint}: only the admin port. */
    static void adminEntryPoint(List<String> names, String v, TraefikTranslation.Builder out) {
        if (!v.trim().equalsIgnoreCase("traefik")) {
            throw new IllegalArgumentException("'" + v + "': /ping and /metrics are served on the admin port only "
                    + "(the traefik entry point); remove the option");
        }
    }

    static void jsonOnly(List<String> names, String v, TraefikTranslation.Builder out) {
        if (!v.trim().equalsIgnoreCase("json")) {
            throw new IllegalArgumentException("'" + v + "': modelgate writes the access log as JSON only (accesslog.format=json)");
        }
    }

    /** Traefik's levels onto the gateway's own logger. */
    static void logLevel(List<String> names, String v, TraefikTranslation.Builder out) {
        String level = switch (v.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "DEBUG", "INFO", "WARN", "ERROR" -> v.trim().toUpperCase(Locale.ROOT);
            case "FATAL", "PANIC" -> "ERROR";
            default -> throw new IllegalArgumentException("'" + v + "' is not a log level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, PANIC)");
        };
        out.set("logging.level.io.modelgate", level);
    }
}
