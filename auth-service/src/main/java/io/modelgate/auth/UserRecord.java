package io.modelgate.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A user: the tokens' owner, on one plan.
 *
 * @param id      a number the database gives it
 * @param name    its name ({@code X-Auth-User}), unique
 * @param plan    its plan's name
 * @param state   active, or suspended: all its tokens refused at once
 * @param created when it was created
 * @param updated when its plan or state last changed
 */
public record UserRecord(long id, String name, String plan, State state, Instant created, Instant updated) {

    /** Whether a user's tokens work. */
    public enum State {
        ACTIVE, SUSPENDED;

        /** As stored and shown: {@code active}, {@code suspended}. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public UserRecord {
        requireNonNull(name, "name");
        requireNonNull(plan, "plan");
        requireNonNull(state, "state");
        requireNonNull(created, "created");
        requireNonNull(updated, "updated");
    }
}
