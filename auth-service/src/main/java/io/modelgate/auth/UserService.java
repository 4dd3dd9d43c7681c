package io.modelgate.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;

/** Creating users, moving them between plans, suspending and resuming them. Blocking. */
public class UserService {

    private final Db db;
    private final UserStore users;
    private final PlanService plans;
    private final AuditLog audit;
    private final Clock clock;

    public UserService(Db db, UserStore users, PlanService plans, AuditLog audit, Clock clock) {
        this.db = db;
        this.users = users;
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param actor who does it, for the audit @throws IllegalArgumentException for bad input, a user that exists or a plan that does not */
    public UserRecord create(String actor, String name, String plan) {
        Names.user(name);
        requirePlan(plan);
        return db.inTransaction(() -> {
            if (users.find(name).isPresent()) {
                throw new IllegalArgumentException("user '" + name + "' exists");
            }
            UserRecord user = users.insert(name, plan, clock.instant());
            audit.record(actor, "user.create", name, "plan " + plan);
            return user;
        });
    }

    /**
     * The user a new token is for. A user that does not exist yet is created on {@code plan} (required then;
     * a plan that does not exist is created without limits, as issuing a token with a plan name always
     * worked). For a user that exists, {@code plan} may be left out; given, it must be the user's plan.
     *
     * @throws IllegalArgumentException naming the problem
     */
    UserRecord forNewToken(String actor, String name, String plan) {
        Names.user(name);
        Optional<UserRecord> found = users.find(name);
        if (found.isPresent()) {
            if (plan != null && !plan.equals(found.get().plan())) {
                throw new IllegalArgumentException("user '" + name + "' is on plan '" + found.get().plan() + "', not '" + plan
                        + "': leave --plan out, or move the user first ('user update " + name + " --plan " + plan + "')");
            }
            return found.get();
        }
        if (plan == null) {
            throw new IllegalArgumentException("user '" + name + "' does not exist yet: give its plan (--plan)");
        }
        plans.ensure(actor, plan);
        try {
            UserRecord user = users.insert(name, plan, clock.instant());
            audit.record(actor, "user.create", name, "plan " + plan + " (for a new token)");
            return user;
        } catch (DataIntegrityViolationException e) {
            return users.find(name).orElseThrow(() -> e); // made meanwhile, by another call
        }
    }

    /** The moved user; empty if there is no such user. @throws IllegalArgumentException for a plan that does not exist */
    public Optional<UserRecord> setPlan(String actor, String name, String plan) {
        requirePlan(plan);
        return db.inTransaction(() -> users.find(name).map(old -> {
            users.setPlan(name, plan, clock.instant());
            audit.record(actor, "user.plan", name, old.plan() + " -> " + plan);
            return users.find(name).orElseThrow();
        }));
    }

    /** Suspends (all the user's tokens refused) or resumes; the user as it is now, empty if there is none. */
    public Optional<UserRecord> setState(String actor, String name, UserRecord.State state) {
        return db.inTransaction(() -> users.find(name).map(old -> {
            users.setState(name, state, clock.instant());
            audit.record(actor, state == UserRecord.State.SUSPENDED ? "user.suspend" : "user.resume", name,
                    old.state().text() + " -> " + state.text());
            return users.find(name).orElseThrow();
        }));
    }

    public Optional<UserRecord> find(String name) {
        return users.find(name);
    }

    public List<UserRecord> list() {
        return users.list();
    }

    private void requirePlan(String plan) {
        if (plan == null || plans.find(plan).isEmpty()) {
            throw new IllegalArgumentException("no plan '" + plan + "' ('plan list' shows the plans; 'plan create' makes one)");
        }
    }
}
