package io.modelgate.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan: what its users may call, the request rate the gateway may hold them to, their monthly quota.
 *
 * @param name         its name ({@code X-Auth-Plan})
 * @param scopes       what it allows ({@link Scope}s, canonical text); a request must be covered by the
 *                     token's scopes and by these
 * @param rate         the request rate for the gateway's per-plan rate limit ({@code X-Auth-Rate-*}); null for none
 * @param monthlyQuota requests per calendar month (UTC) per user; null for unlimited
 * @param created      when it was created
 * @param updated      when it was last changed
 */
public record Plan(String name, List<String> scopes, Rate rate, Long monthlyQuota, Instant created, Instant updated) {

    public Plan {
        requireNonNull(name, "name");
        requireNonNull(created, "created");
        requireNonNull(updated, "updated");
        scopes = List.copyOf(scopes);
    }

    /** The scopes, parsed. */
    public List<Scope> parsedScopes() {
        return scopes.stream().map(Scope::parse).toList();
    }

    /**
     * A request rate, {@code 10/s}, {@code 600/m}, {@code 5000/h}.
     *
     * @param limit  requests per period (at least 1)
     * @param period one second, minute or hour
     */
    public record Rate(int limit, Duration period) {

        private static final Pattern FORM = Pattern.compile("(\\d{1,9})/([smh])");

        /** @throws IllegalArgumentException with the accepted form */
        public static Rate parse(String text) {
            Matcher m = FORM.matcher(text == null ? "" : text.trim());
            if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
                throw new IllegalArgumentException("rate must be requests per second, minute or hour, such as 10/s, "
                        + "600/m or 5000/h (or none), got '" + text + "'");
            }
            Duration period = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                default -> Duration.ofHours(1);
            };
            return new Rate(Integer.parseInt(m.group(1)), period);
        }

        /** The period as the {@code X-Auth-Rate-Period} header says it: {@code 1s}, {@code 1m}, {@code 1h}. */
        public String periodText() {
            return period.equals(Duration.ofSeconds(1)) ? "1s" : period.equals(Duration.ofMinutes(1)) ? "1m" : "1h";
        }

        @Override
        public String toString() {
            return limit + "/" + periodText().substring(1);
        }
    }
}
