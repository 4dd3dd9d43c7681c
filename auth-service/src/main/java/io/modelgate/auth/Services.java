package io.modelgate.auth;

import java.time.Clock;

/** What the admin API and the CLI act on: the same services, the same store. */
record Services(TokenService tokens, UserService users, PlanService plans, QuotaStore quotas, AuditLog audit, Clock clock) {

    /** The user's count for the current period, as every replica has written it. */
    long quotaUsed(String user) {
        return quotas.used(user, QuotaCounter.period(clock.instant()).toString());
    }
}
