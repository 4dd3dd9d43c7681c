package io.modelgate.discovery.rule;

import java.util.Locale;

/**
 * Which Traefik rule language a router's rule is written in: Traefik's per-router {@code ruleSyntax}.
 * {@link #AUTO} is modelgate's default: it reads every matcher by the form it is written in, so both v2
 * stacks (Traefik v2's only syntax) and v3 stacks (Traefik v3's default) keep working unchanged; see
 * {@code docs/rules.md} for the few rules whose meaning it has to choose.
 */
public enum RuleSyntax {
    /** Traefik v2: multi-value matchers, gorilla templates, {@code Headers}, {@code Query(`k=v`)}. */
    V2,
    /** Traefik v3: one value per matcher, plain regexps ({@code HostRegexp}, {@code PathRegexp}, …), {@code Header}. */
    V3,
    /** No {@code ruleSyntax} given: each matcher is read by its form. */
    AUTO;

    /**
     * Traefik's values, {@code v2} or {@code v3} (any case); null or blank means {@link #AUTO}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RuleSyntax of(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "v2" -> V2;
            case "v3" -> V3;
            default -> throw new IllegalArgumentException("ruleSyntax '" + value.trim() + "' is not v2 or v3");
        };
    }

    /** The value as Traefik writes it, or null for {@link #AUTO}. */
    public String traefikName() {
        return this == AUTO ? null : name().toLowerCase(Locale.ROOT);
    }
}
