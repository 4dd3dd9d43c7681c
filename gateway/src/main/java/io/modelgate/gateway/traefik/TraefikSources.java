package io.modelgate.gateway.traefik;

import io.modelgate.gateway.traefik.TraefikTranslator.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Finds Traefik's static configuration where Traefik looks for it, and reads it into options. As in
 * Traefik, one source is used: a configuration file ({@code --configFile}, else {@code traefik.toml},
 * {@code .yaml} or {@code .yml} in {@code /etc/traefik}, {@code $XDG_CONFIG_HOME}, {@code $HOME/.config}, the
 * working directory), else the CLI flags, else the {@code TRAEFIK_*} variables; the others are named as
 * ignored. Arguments that are not Traefik's ({@code --modelgate.…}, {@code --spring.…}) go on to Spring.
 */
public final class TraefikSources {

    /**
     * @param source     the source used ({@code flags}, {@code environment}, a path), or null if none
     * @param options    its options, in order
     * @param springArgs the arguments that are not Traefik's
     * @param ignored    sources Traefik would ignore too, with a short reason
     * @param errors     a configuration file that cannot be read or parsed
     */
    public record Read(String source, List<Option> options, String[] springArgs, List<String> ignored, List<String> errors) {
    }

    private TraefikSources() {
    }

    /** Turns the translation off (a host that has a Traefik file of its own in {@code /etc/traefik}). */
    static final String OFF_FLAG = "--modelgate.traefik.enabled=false";
    static final String OFF_VARIABLE = "MODELGATE_TRAEFIK_ENABLED";

    /** @param readFile a file's text, or null if it does not exist */
    public static Read read(String[] args, Map<String, String> env, Function<Path, String> readFile) {
        List<Option> flags = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        if (List.of(args).contains(OFF_FLAG) || "false".equalsIgnoreCase(env.get(OFF_VARIABLE))) {
            return new Read(null, List.of(), args, List.of(), List.of());
        }
        flags(args, flags, spring);
        List<Option> environment = environment(env);
        List<String> errors = new ArrayList<>();
        String configFile = flags.stream().filter(o -> o.key().equals("configfile")).map(Option::value).findFirst()
                .orElse(environment.stream().filter(o -> o.key().equals("configfile")).map(Option::value).findFirst().orElse(null));
        Path file = null;
        String text = null;
        if (configFile != null) {
            file = path(configFile, "");
            text = file == null ? null : readFile.apply(file);
            if (text == null) {
                errors.add("configFile " + configFile + (file == null ? ": not a valid path" : ": no such file"));
            }
        } else {
            for (Path candidate : candidates(env)) {
                text = readFile.apply(candidate);
                if (text != null) {
                    file = candidate;
                    break;
                }
            }
        }
        List<String> ignored = new ArrayList<>();
        if (text != null) {
            Path used = file;
            List<Option> fromFile = new ArrayList<>();
            try {
                parse(file, text, fromFile);
            } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
                errors.add(file + ": line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? "" : e.getMessage();
                errors.add(file + ": " + message.lines().findFirst().orElse("cannot be parsed"));
            }
            flags.stream().filter(o -> !o.key().equals("configfile")).findFirst()
                    .ifPresent(o -> ignored.add("Traefik flags (" + o.written() + " …): " + used + " is used, as Traefik does"));
            environment.stream().filter(o -> !o.key().equals("configfile")).findFirst()
                    .ifPresent(o -> ignored.add("TRAEFIK_* variables (" + o.written() + " …): " + used + " is used, as Traefik does"));
            return new Read(file.toString(), fromFile, spring.toArray(String[]::new), ignored, errors);
        }
        if (!flags.isEmpty()) {
            if (!environment.isEmpty()) {
                ignored.add("TRAEFIK_* variables (" + environment.getFirst().written() + " …): the flags are used, as Traefik does");
            }
            return new Read("flags", flags, spring.toArray(String[]::new), ignored, errors);
        }
        return new Read(environment.isEmpty() ? null : "environment", environment, spring.toArray(String[]::new), ignored, errors);
    }

    private static void flags(String[] args, List<Option> flags, List<String> spring) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i == 0 && a.equals("traefik")) {
                continue; // command: traefik --… (the Traefik image's entrypoint accepts it too)
            }
            String name = a.startsWith("--") ? a.substring(2) : a.startsWith("-") ? a.substring(1) : null;
            if (name == null || !TraefikOptions.ROOTS.contains(root(name))) {
                spring.add(a);
                continue;
            }
            int eq = name.indexOf('=');
            if (eq >= 0) {
                flags.add(new Option(a, name.substring(0, eq), name.substring(eq + 1)));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                flags.add(new Option(a, name, args[++i]));
            } else {
                flags.add(new Option(a, name, ""));
            }
        }
    }

    private static String root(String name) {
        int end = name.length();
        for (char c : new char[] {'.', '='}) {
            int at = name.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return name.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static List<Option> environment(Map<String, String> env) {
        List<Option> out = new ArrayList<>();
        env.entrySet().stream().filter(e -> e.getKey().toUpperCase(Locale.ROOT).startsWith("TRAEFIK_"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(new Option(e.getKey(), e.getKey().substring(8).replace('_', '.'), e.getValue())));
        return out;
    }

    private static List<Path> candidates(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/etc/traefik")));
        if (env.get("XDG_CONFIG_HOME") != null) {
            dirs.add(path(env.get("XDG_CONFIG_HOME"), ""));
        }
        if (env.get("HOME") != null) {
            dirs.add(path(env.get("HOME"), ".config"));
        }
        dirs.add(Path.of("."));
        dirs.removeIf(java.util.Objects::isNull);
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            for (String n : List.of("traefik.toml", "traefik.yaml", "traefik.yml")) {
                out.add(d.resolve(n));
            }
        }
        return out;
    }

    /**
     * A path, or null when the text cannot be one (a NUL byte: found by TraefikTranslatorFuzzTest, a variable
     * holding one made the start fail with an InvalidPathException instead of skipping that place).
     */
    private static Path path(String first, String more) {
        try {
            return Path.of(first, more);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** A YAML or TOML document → options keyed like Traefik's flags ({@code entrypoints.web.address}). */
    static void parse(Path file, String text, List<Option> out) {
        Object root;
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".toml")) {
            TomlParseResult toml = Toml.parse(text);
            if (toml.hasErrors()) {
                throw new IllegalArgumentException(toml.errors().getFirst().toString());
            }
            root = toml.toMap();
        } else {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        }
        if (root != null) {
            flatten("", root, 0, file.getFileName().toString(), out);
        }
    }

    /*
     * Traefik's static configuration is a few levels deep; the limits stop a YAML alias that contains itself
     * (`a: &x {b: *x}`, found by TraefikTranslatorFuzzTest: the recursion overflowed the stack) and an alias
     * bomb (aliases of aliases multiply the options) with one line instead of a crash or minutes of work.
     */
    static final int MAX_DEPTH = 32;
    static final int MAX_OPTIONS = 10_000;

    private static void flatten(String key, Object value, int depth, String file, List<Option> out) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " levels at " + key + " (an alias that contains itself?)");
        }
        if (out.size() > MAX_OPTIONS) {
            throw new IllegalArgumentException("more than " + MAX_OPTIONS + " options (aliases that multiply?)");
        }
        Object v = value instanceof TomlTable t ? t.toMap() : value instanceof TomlArray a ? a.toList() : value;
        if (v instanceof Map<?, ?> map) {
            if (map.isEmpty() && !key.isEmpty()) {
                out.add(new Option(key + " (" + file + ")", key, "")); // `api: {}` turns a section on
            }
            map.forEach((k, child) -> flatten(key.isEmpty() ? String.valueOf(k) : key + "." + k, child, depth + 1, file, out));
        } else if (v instanceof List<?> list) {
            if (list.stream().anyMatch(e -> e instanceof Map<?, ?> || e instanceof TomlTable)) {
                for (int i = 0; i < list.size(); i++) {
                    flatten(key + "[" + i + "]", list.get(i), depth + 1, file, out);
                }
            } else {
                out.add(new Option(key + " (" + file + ")", key, String.join(",", list.stream().map(String::valueOf).toList())));
            }
        } else if (!key.isEmpty()) {
            out.add(new Option(key + " (" + file + ")", key, v == null ? "" : String.valueOf(v)));
        }
    }
}
