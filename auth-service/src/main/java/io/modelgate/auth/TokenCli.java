package io.modelgate.auth;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar modelgate-auth.jar token …}: the same store the service uses (same configuration).
 * <pre>
 *   token create --user alice [--plan free] [--scopes a,b] [--expires 30d] prints the token, once
 *   token list                                                            id, user, plan, scopes, expiry, state
 *   token rotate &lt;id&gt; [--overlap 24h]                                  prints the successor, once
 *   token revoke &lt;id&gt;
 * </pre>
 */
final class TokenCli {

    static final String USAGE = """
            usage: java -jar modelgate-auth.jar token create --user NAME [--plan PLAN] [--scopes SCOPE,...] [--expires 30d]
                   java -jar modelgate-auth.jar token list
                   java -jar modelgate-auth.jar token rotate ID [--overlap 24h]
                   java -jar modelgate-auth.jar token revoke ID""";

    /** How long a rotated token keeps working when {@code --overlap} is not given. */
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    /** A parsed command line. */
    sealed interface Command extends Cli.Command {
        record Create(String user, String plan, List<String> scopes, Duration expires) implements Command {
        }

        record ListTokens() implements Command {
        }

        record Rotate(String id, Duration overlap) implements Command {
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
            throw new UsageException("expected 'token create', 'token list', 'token rotate' or 'token revoke'");
        }
        return switch (args[1]) {
            case "create" -> create(args);
            case "list" -> {
                CliOptions.parse("token list", args, 2, 0, "no arguments", Set.of());
                yield new Command.ListTokens();
            }
            case "rotate" -> {
                CliOptions o = CliOptions.parse("token rotate", args, 2, 1, "one token id", Set.of("--overlap"));
                yield new Command.Rotate(id(o.positional(0)), o.duration("--overlap", DEFAULT_OVERLAP, true));
            }
            case "revoke" -> new Command.Revoke(id(CliOptions.parse("token revoke", args, 2, 1, "one token id", Set.of())
                    .positional(0)));
            default -> throw new UsageException("unknown command 'token " + args[1] + "'");
        };
    }

    private static String id(String id) throws UsageException {
        if (!Tokens.isId(id)) {
            throw new UsageException("'" + id + "' is not a token id (16 hex digits, as 'token list' shows)");
        }
        return id;
    }

    private static Command create(String[] args) throws UsageException {
        CliOptions o = CliOptions.parse("token create", args, 2, 0, "only options",
                Set.of("--user", "--plan", "--scopes", "--expires"));
        if (o.get("--user") == null) {
            throw new UsageException("'token create' needs --user (and --plan for a user that does not exist yet)");
        }
        return new Command.Create(o.get("--user"), o.get("--plan"), AdminRoutes.split(o.get("--scopes")),
                o.duration("--expires", null, false));
    }

    /** Runs a command as {@code actor}; returns the exit code (bad input and refused actions: {@link Cli#run}). */
    static int run(Command command, Services s, String actor, PrintStream out, PrintStream err) {
        TokenService tokens = s.tokens();
        switch (command) {
            case Command.Create c -> {
                boolean newPlan = c.plan() != null && s.plans().find(c.plan()).isEmpty() && s.users().find(c.user()).isEmpty();
                Tokens.Issued issued = tokens.create(actor, c.user(), c.plan(), c.scopes(), c.expires());
                if (newPlan) {
                    err.println("note: plan " + c.plan() + " did not exist: made without limits ('plan update " + c.plan()
                            + " --rate … --quota …' sets them)");
                }
                String plan = tokens.find(issued.id()).map(TokenRecord::plan).orElse("?");
                out.println(issued.token());
                err.println("token " + issued.id() + " for " + c.user() + " (plan " + plan + "): shown once, store it now");
            }
            case Command.ListTokens l -> list(tokens.list(), s.clock().instant(), out);
            case Command.Rotate r -> {
                var rotation = tokens.rotate(actor, r.id(), r.overlap());
                if (rotation.isEmpty()) {
                    err.println("no token " + r.id());
                    return 1;
                }
                out.println(rotation.get().successor().token());
                err.println("token " + rotation.get().successor().id() + " replaces " + r.id() + ", which works until "
                        + rotation.get().old().end() + ": shown once, store it now");
            }
            case Command.Revoke r -> {
                if (!tokens.revoke(actor, r.id())) {
                    err.println("no token " + r.id());
                    return 1;
                }
                out.println("revoked " + r.id());
            }
        }
        return 0;
    }

    /** The token table: one line each, usage as of the last flush. */
    static void list(List<TokenRecord> tokens, Instant now, PrintStream out) {
        String format = "%-16s  %-20s  %-10s  %-30s  %-24s  %-24s  %8s  %s%n";
        out.printf(format, "ID", "USER", "PLAN", "SCOPES", "EXPIRES", "LAST USED", "REQUESTS", "STATE");
        for (TokenRecord t : tokens) {
            String state = t.state(now);
            if (t.replacedBy() != null) {
                state += " (by " + t.replacedBy() + ", until " + t.retires() + ")";
            } else if (t.revoked() != null) {
                state += " " + t.revoked();
            }
            out.printf(format, t.id(), t.user(), t.plan(), String.join(",", t.scopes()),
                    t.expires() == null ? "never" : t.expires(), t.lastUsed() == null ? "never" : t.lastUsed(),
                    t.requests(), state);
        }
    }
}
