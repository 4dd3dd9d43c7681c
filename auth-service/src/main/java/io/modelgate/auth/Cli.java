package io.modelgate.auth;

import java.io.PrintStream;

/**
 * The jar's commands ({@code token …}, {@code user …}, {@code plan …}, {@code audit list}) on the store the
 * service uses. Every change is recorded in the audit as {@code cli:<os user>}.
 */
final class Cli {

    static final String USAGE = TokenCli.USAGE + "\n" + AccountCli.USAGE.indent(7).stripTrailing();

    /** A parsed command line, of any of the command groups. */
    interface Command {
    }

    private Cli() {
    }

    /** The actor the audit records for the CLI: {@code cli:} and the operating system's user. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** Parses a command line (settings already taken out). */
    static Command parse(String[] args) throws TokenCli.UsageException {
        String group = args.length == 0 ? "" : args[0];
        return switch (group) {
            case "token" -> TokenCli.parse(args);
            case "user", "plan", "audit" -> AccountCli.parse(args);
            default -> throw new TokenCli.UsageException("unknown command '" + group + "': expected token, user, plan or audit");
        };
    }

    /**
     * Runs a command; returns the exit code: 0 done, 1 not found or refused by the thing's state (a revoked
     * token cannot be rotated), 2 bad input.
     */
    static int run(Command command, Services s, String actor, PrintStream out, PrintStream err) {
        try {
            return switch (command) {
                case TokenCli.Command t -> TokenCli.run(t, s, actor, out, err);
                case AccountCli.Command a -> AccountCli.run(a, s, actor, out, err);
                default -> throw new IllegalStateException("no runner for " + command);
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
