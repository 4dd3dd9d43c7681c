package io.modelgate.auth;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code java -jar modelgate-auth.jar token …}: the same store the service uses (same configuration).
 * <pre>
 *   token create --user alice --plan free [--scopes a,b] [--expires 30d]   prints the token, once
 *   token list                                                            id, user, plan, scopes, expiry, revoked
 *   token revoke &lt;id&gt;
 * </pre>
 */
final class TokenCli {

    static final String USAGE = """
            usage: java -jar modelgate-auth.jar token create --user NAME --plan PLAN [--scopes SCOPE,...] [--expires 30d]
                   java -jar modelgate-auth.jar token list
                   java -jar modelgate-auth.jar token revoke ID""";

    /** A parsed command line. */
    sealed interface Command {
        record Create(String user, String plan, List<String> scopes, Duration expires) implements Command {
        }

        record ListTokens() implements Command {
        }

        record Revoke(String id) implements Command {
        }
    }

    /** Bad arguments: the message says which, then the usage is shown. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private TokenCli() {
    }

    /**
     * True for a configuration argument ({@code --modelgate.auth.data-dir=…}, {@code --spring.datasource.url=…}):
     * those go to Spring, so the CLI opens the store the service uses; everything else is the command.
     */
    static boolean isSetting(String arg) {
        return arg.startsWith("--") && arg.contains("=") && arg.substring(2).matches("(modelgate|spring|server|logging)\\..*");
    }

    static Command parse(String[] args) throws UsageException {
        if (args.length < 2 || !args[0].equals("token")) {
            throw new UsageException("expected 'token create', 'token list' or 'token revoke'");
        }
        return switch (args[1]) {
            case "create" -> create(args);
            case "list" -> {
                if (args.length != 2) {
                    throw new UsageException("'token list' takes no arguments");
                }
                yield new Command.ListTokens();
            }
            case "revoke" -> {
                if (args.length != 3) {
                    throw new UsageException("'token revoke' takes one token id");
                }
                if (!Tokens.isId(args[2])) {
                    throw new UsageException("'" + args[2] + "' is not a token id (16 hex digits, as 'token list' shows)");
                }
                yield new Command.Revoke(args[2]);
            }
            default -> throw new UsageException("unknown command 'token " + args[1] + "'");
        };
    }

    private static Command create(String[] args) throws UsageException {
        String user = null;
        String plan = null;
        List<String> scopes = List.of();
        Duration expires = null;
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new UsageException("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--user" -> user = value;
                case "--plan" -> plan = value;
                case "--scopes" -> scopes = AdminRoutes.split(value);
                case "--expires" -> {
                    try {
                        expires = Durations.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        if (user == null || plan == null) {
            throw new UsageException("'token create' needs --user and --plan");
        }
        return new Command.Create(user, plan, scopes, expires);
    }

    /** Runs a command; returns the exit code. */
    static int run(Command command, TokenService tokens, PrintStream out, PrintStream err) {
        try {
            switch (command) {
                case Command.Create c -> {
                    Tokens.Issued issued = tokens.create(c.user(), c.plan(), c.scopes(), c.expires());
                    out.println(issued.token());
                    err.println("token " + issued.id() + " for " + c.user() + " (" + c.plan() + "): shown once, store it now");
                }
                case Command.ListTokens l -> {
                    out.printf("%-16s  %-20s  %-10s  %-20s  %-24s  %s%n", "ID", "USER", "PLAN", "SCOPES", "EXPIRES", "REVOKED");
                    for (TokenRecord t : tokens.list()) {
                        out.printf("%-16s  %-20s  %-10s  %-20s  %-24s  %s%n", t.id(), t.user(), t.plan(),
                                String.join(",", t.scopes()), t.expires() == null ? "never" : t.expires(),
                                t.revoked() == null ? "-" : t.revoked());
                    }
                }
                case Command.Revoke r -> {
                    if (!tokens.revoke(r.id())) {
                        err.println("no token " + r.id());
                        return 1;
                    }
                    out.println("revoked " + r.id());
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
