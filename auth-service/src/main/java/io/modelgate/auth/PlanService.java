package io.modelgate.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Creating, changing and listing plans, every input checked. Blocking. */
public class PlanService {

    /**
     * What to set on a plan, as operators write it; null keeps (or, on create, takes the default).
     *
     * @param scopes       {@link Scope}s; default {@code *}
     * @param rate         {@code 10/s}, {@code 600/m}, {@code 5000/h} or {@code none}; default none
     * @param monthlyQuota requests per month per user, or {@code none} (unlimited); default unlimited
     */
    public record Change(List<String> scopes, String rate, String monthlyQuota) {

        static final Change NONE = new Change(null, null, null);
    }

    private final Db db;
    private final PlanStore plans;
    private final AuditLog audit;
    private final Clock clock;

    public PlanService(Db db, PlanStore plans, AuditLog audit, Clock clock) {
        this.db = db;
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param actor who does it, for the audit @throws IllegalArgumentException for bad input or a plan that exists */
    public Plan create(String actor, String name, Change change) {
        Names.plan(name);
        Instant now = clock.instant();
        Plan plan = apply(new Plan(name, List.of("*"), null, null, now, now), change, now);
        return db.inTransaction(() -> {
            if (plans.find(name).isPresent()) {
                throw new IllegalArgumentException("plan '" + name + "' exists: change it with 'plan update'");
            }
            plans.insert(plan);
            audit.record(actor, "plan.create", name, describe(plan));
            return plan;
        });
    }

    /** A plan's limits in words, for the audit. */
    static String describe(Plan p) {
        return "scopes " + String.join(",", p.scopes()) + "; rate " + (p.rate() == null ? "none" : p.rate())
                + "; monthly quota " + (p.monthlyQuota() == null ? "none" : p.monthlyQuota());
    }

    /** The changed plan; empty if there is none of that name. @throws IllegalArgumentException for bad input */
    public Optional<Plan> update(String actor, String name, Change change) {
        return db.inTransaction(() -> plans.find(name).map(old -> {
            Plan plan = apply(old, change, clock.instant());
            plans.update(plan);
            audit.record(actor, "plan.update", name, describe(old) + " -> " + describe(plan));
            return plan;
        }));
    }

    /** The plan of that name, created without limits when there is none (issuing a token names its plan). */
    Plan ensure(String actor, String name) {
        Optional<Plan> found = plans.find(Names.plan(name));
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return create(actor, name, Change.NONE);
        } catch (IllegalArgumentException | org.springframework.dao.DataIntegrityViolationException e) {
            return plans.find(name).orElseThrow(() -> e); // made meanwhile, by another call
        }
    }

    public Optional<Plan> find(String name) {
        return plans.find(name);
    }

    public List<Plan> list() {
        return plans.list();
    }

    private static Plan apply(Plan p, Change c, Instant now) {
        List<String> scopes = c.scopes() == null ? p.scopes() : Scope.parseAll(c.scopes()).stream().map(Scope::toString).toList();
        if (String.join(",", scopes).length() > 4000) {
            throw new IllegalArgumentException("the scopes are longer than 4000 characters together");
        }
        Plan.Rate rate = c.rate() == null ? p.rate() : none(c.rate()) ? null : Plan.Rate.parse(c.rate());
        Long quota = c.monthlyQuota() == null ? p.monthlyQuota() : none(c.monthlyQuota()) ? null : quota(c.monthlyQuota());
        return new Plan(p.name(), scopes, rate, quota, p.created(), now);
    }

    private static boolean none(String text) {
        return text.isBlank() || text.equalsIgnoreCase("none") || text.equalsIgnoreCase("unlimited");
    }

    private static Long quota(String text) {
        try {
            long q = Long.parseLong(text.trim());
            if (q > 0) {
                return q;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("monthly quota must be a positive number of requests (or none), got '" + text + "'");
    }
}
