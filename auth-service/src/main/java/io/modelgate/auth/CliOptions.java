package io.modelgate.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's words after its name: positional arguments and {@code --option value} pairs, checked against
 * what the command takes, every mistake a {@link TokenCli.UsageException} naming it.
 */
final class CliOptions {

    private final String command;
    private final List<String> positional;
    private final Map<String, String> options;

    private CliOptions(String command, List<String> positional, Map<String, String> options) {
        this.command = command;
        this.positional = positional;
        this.options = options;
    }

    /**
     * @param command    the command's name, for messages ({@code token rotate})
     * @param args       the whole command line (without settings)
     * @param from       where the command's own words start
     * @param positional how many positional arguments it takes, and what they are ({@code "one token id"})
     * @param allowed    the options it knows
     */
    static CliOptions parse(String command, String[] args, int from, int positional, String what, Set<String> allowed)
            throws TokenCli.UsageException {
        List<String> pos = new java.util.ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (!allowed.contains(args[i])) {
                    throw new TokenCli.UsageException("unknown option " + args[i] + " for '" + command + "'");
                }
                if (i + 1 >= args.length) {
                    throw new TokenCli.UsageException("option " + args[i] + " needs a value");
                }
                opts.put(args[i], args[++i]);
            } else {
                pos.add(args[i]);
            }
        }
        if (pos.size() != positional) {
            throw new TokenCli.UsageException("'" + command + "' takes " + what);
        }
        return new CliOptions(command, List.copyOf(pos), opts);
    }

    String positional(int i) {
        return positional.get(i);
    }

    String get(String option) {
        return options.get(option);
    }

    String required(String option) throws TokenCli.UsageException {
        String v = options.get(option);
        if (v == null) {
            throw new TokenCli.UsageException("'" + command + "' needs " + option);
        }
        return v;
    }

    /** A duration option, or the default when absent. */
    Duration duration(String option, Duration absent, boolean zeroAllowed) throws TokenCli.UsageException {
        String v = options.get(option);
        if (v == null) {
            return absent;
        }
        try {
            return Durations.parse(v, option.substring(2), zeroAllowed);
        } catch (IllegalArgumentException e) {
            throw new TokenCli.UsageException(e.getMessage());
        }
    }
}
