package io.modelgate.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the admin API shows of tokens, users, plans and audit entries (never a token's secret or hash). */
final class AdminViews {

    private AdminViews() {
    }

    static Map<String, Object> token(TokenRecord t, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("user", t.user());
        m.put("plan", t.plan());
        m.put("scopes", t.scopes());
        m.put("state", t.state(now));
        m.put("created", text(t.created()));
        m.put("expires", text(t.expires()));
        m.put("revoked", text(t.revoked()));
        m.put("replacedBy", t.replacedBy());
        m.put("retires", text(t.retires()));
        m.put("lastUsed", text(t.lastUsed()));
        m.put("requests", t.requests());
        return m;
    }

    static Map<String, Object> user(UserRecord u, Plan plan, long used) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("name", u.name());
        m.put("plan", u.plan());
        m.put("state", u.state().text());
        m.put("created", text(u.created()));
        m.put("updated", text(u.updated()));
        m.put("quotaUsed", used);
        m.put("monthlyQuota", plan == null ? null : plan.monthlyQuota());
        return m;
    }

    static Map<String, Object> plan(Plan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("scopes", p.scopes());
        m.put("rate", p.rate() == null ? null : p.rate().toString());
        m.put("monthlyQuota", p.monthlyQuota());
        m.put("created", text(p.created()));
        m.put("updated", text(p.updated()));
        return m;
    }

    static Map<String, Object> audit(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", text(e.at()));
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("detail", e.detail());
        return m;
    }

    static List<Map<String, Object>> tokens(List<TokenRecord> tokens, Instant now) {
        return tokens.stream().map(t -> token(t, now)).toList();
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
