package io.modelgate.auth;

import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar modelgate-auth.jar user …|plan …|audit list}: users, plans and the admin audit, on the
 * store the service uses.
 */
final class AccountCli {

    static final String USAGE = """
                   java -jar modelgate-auth.jar user list|show NAME|suspend NAME|resume NAME
                   java -jar modelgate-auth.jar user create NAME --plan PLAN
                   java -jar modelgate-auth.jar user update NAME --plan PLAN
                   java -jar modelgate-auth.jar plan list
                   java -jar modelgate-auth.jar plan create|update NAME [--scopes SCOPE,...] [--rate 10/s|none] [--quota N|none]
                   java -jar modelgate-auth.jar audit list [--limit 50] [--target ID|USER|PLAN]""";

    /** A parsed command line. */
    sealed interface Command extends Cli.Command {
        record ListUsers() implements Command {
        }

        record ShowUser(String name) implements Command {
        }

        record CreateUser(String name, String plan) implements Command {
        }

        record UpdateUser(String name, String plan) implements Command {
        }

        record SetState(String name, UserRecord.State state) implements Command {
        }

        record ListPlans() implements Command {
        }

        record CreatePlan(String name, PlanService.Change change) implements Command {
        }

        record UpdatePlan(String name, PlanService.Change change) implements Command {
        }

        record ListAudit(int limit, String target) implements Command {
        }
    }

    private static final Set<String> PLAN_OPTIONS = Set.of("--scopes", "--rate", "--quota");

    private AccountCli() {
    }

    static Command parse(String[] args) throws TokenCli.UsageException {
        String sub = args.length < 2 ? "" : args[1];
        String name = args[0] + " " + sub;
        return switch (name) {
            case "user list" -> {
                CliOptions.parse(name, args, 2, 0, "no arguments", Set.of());
                yield new Command.ListUsers();
            }
            case "user show" -> new Command.ShowUser(CliOptions.parse(name, args, 2, 1, "one user name", Set.of()).positional(0));
            case "user suspend", "user resume" -> new Command.SetState(
                    CliOptions.parse(name, args, 2, 1, "one user name", Set.of()).positional(0),
                    sub.equals("suspend") ? UserRecord.State.SUSPENDED : UserRecord.State.ACTIVE);
            case "user create", "user update" -> {
                CliOptions o = CliOptions.parse(name, args, 2, 1, "one user name and --plan", Set.of("--plan"));
                yield sub.equals("create") ? new Command.CreateUser(o.positional(0), o.required("--plan"))
                        : new Command.UpdateUser(o.positional(0), o.required("--plan"));
            }
            case "plan list" -> {
                CliOptions.parse(name, args, 2, 0, "no arguments", Set.of());
                yield new Command.ListPlans();
            }
            case "plan create", "plan update" -> {
                CliOptions o = CliOptions.parse(name, args, 2, 1, "one plan name and options", PLAN_OPTIONS);
                var change = new PlanService.Change(o.get("--scopes") == null ? null : AdminRoutes.split(o.get("--scopes")),
                        o.get("--rate"), o.get("--quota"));
                yield sub.equals("create") ? new Command.CreatePlan(o.positional(0), change)
                        : new Command.UpdatePlan(o.positional(0), change);
            }
            case "audit list" -> {
                CliOptions o = CliOptions.parse(name, args, 2, 0, "only options", Set.of("--limit", "--target"));
                try {
                    yield new Command.ListAudit(AccountAdminRoutes.limit(Optional.ofNullable(o.get("--limit")).orElse("50")),
                            o.get("--target"));
                } catch (IllegalArgumentException e) {
                    throw new TokenCli.UsageException(e.getMessage());
                }
            }
            default -> throw new TokenCli.UsageException("unknown command '" + name.strip() + "'");
        };
    }

    /** Runs a command as {@code actor}; returns the exit code (1: no such user or plan). */
    static int run(Command command, Services s, String actor, PrintStream out, PrintStream err) {
        Optional<?> done = switch (command) {
            case Command.ListUsers l -> {
                String format = "%-20s  %-12s  %-10s  %12s  %s%n";
                out.printf(format, "USER", "PLAN", "STATE", "USED", "MONTHLY QUOTA");
                for (UserRecord u : s.users().list()) {
                    Long quota = s.plans().find(u.plan()).map(Plan::monthlyQuota).orElse(null);
                    out.printf(format, u.name(), u.plan(), u.state().text(), s.quotaUsed(u.name()), quota == null ? "none" : quota);
                }
                yield Optional.of(true);
            }
            case Command.ShowUser c -> s.users().find(c.name()).map(u -> {
                Plan plan = s.plans().find(u.plan()).orElseThrow();
                out.println("user     " + u.name() + " (id " + u.id() + ")");
                out.println("state    " + u.state().text());
                out.println("plan     " + PlanService.describe(plan).replace("; ", ", ") + " [" + plan.name() + "]");
                out.println("used     " + s.quotaUsed(u.name()) + " this month (as written; replicas flush every few seconds)");
                out.println("created  " + u.created() + ", changed " + u.updated());
                TokenCli.list(s.tokens().listOf(u.name()), s.clock().instant(), out);
                return u;
            });
            case Command.CreateUser c -> Optional.of(print(out, s.users().create(actor, c.name(), c.plan())));
            case Command.UpdateUser c -> s.users().setPlan(actor, c.name(), c.plan()).map(u -> print(out, u));
            case Command.SetState c -> s.users().setState(actor, c.name(), c.state()).map(u -> print(out, u));
            case Command.ListPlans l -> {
                String format = "%-12s  %-10s  %-14s  %s%n";
                out.printf(format, "PLAN", "RATE", "MONTHLY QUOTA", "SCOPES");
                for (Plan p : s.plans().list()) {
                    out.printf(format, p.name(), p.rate() == null ? "none" : p.rate(),
                            p.monthlyQuota() == null ? "none" : p.monthlyQuota(), String.join(",", p.scopes()));
                }
                yield Optional.of(true);
            }
            case Command.CreatePlan c -> Optional.of(print(out, s.plans().create(actor, c.name(), c.change())));
            case Command.UpdatePlan c -> s.plans().update(actor, c.name(), c.change()).map(p -> print(out, p));
            case Command.ListAudit c -> {
                String format = "%-24s  %-20s  %-13s  %-20s  %s%n";
                out.printf(format, "AT", "ACTOR", "ACTION", "TARGET", "DETAIL");
                for (AuditEntry e : s.audit().list(c.target(), c.limit())) {
                    out.printf(format, e.at(), e.actor(), e.action(), e.target(), e.detail());
                }
                yield Optional.of(true);
            }
        };
        if (done.isEmpty()) {
            err.println("no " + (command instanceof Command.UpdatePlan ? "plan" : "user") + " '" + name(command) + "'");
            return 1;
        }
        return 0;
    }

    private static String name(Command c) {
        return switch (c) {
            case Command.ShowUser u -> u.name();
            case Command.UpdateUser u -> u.name();
            case Command.SetState u -> u.name();
            case Command.UpdatePlan p -> p.name();
            default -> "?";
        };
    }

    private static UserRecord print(PrintStream out, UserRecord u) {
        out.println("user " + u.name() + ": plan " + u.plan() + ", " + u.state().text());
        return u;
    }

    private static Plan print(PrintStream out, Plan p) {
        out.println("plan " + p.name() + ": " + PlanService.describe(p));
        return p;
    }
}
