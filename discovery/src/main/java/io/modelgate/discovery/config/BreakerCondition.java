package io.modelgate.discovery.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One term of Traefik's circuit-breaker {@code expression}, in the forms that map exactly onto a Resilience4j
 * breaker: a failure ratio above a threshold, or a latency quantile above a duration. An expression is one
 * or more terms joined by {@code ||}; the circuit opens when any term trips.
 */
public sealed interface BreakerCondition {

    /** {@code NetworkErrorRatio() > ratio}: calls the service did not answer (connect error, timeout, cut). */
    record NetworkErrorRatio(double ratio) implements BreakerCondition {
    }

    /**
     * {@code ResponseCodeRatio(from, to, dividedFrom, dividedTo) > ratio}: responses with a status in
     * {@code [from, to)} among those in {@code [dividedFrom, dividedTo)}; others are not counted.
     */
    record ResponseCodeRatio(int from, int to, int dividedFrom, int dividedTo, double ratio) implements BreakerCondition {
    }

    /** {@code LatencyAtQuantileMS(quantile) > millis}: more than {@code 100 - quantile} % of calls are slower. */
    record LatencyAtQuantile(double quantile, double millis) implements BreakerCondition {
    }

    Pattern TERM = Pattern.compile("\\s*(NetworkErrorRatio|ResponseCodeRatio|LatencyAtQuantileMS)\\s*\\(([^)]*)\\)"
            + "\\s*(>=|>|<=|<|==|!=)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*");

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException saying which part cannot be mapped, and why
     */
    static List<BreakerCondition> parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("circuitBreaker needs an expression");
        }
        if (expression.contains("&&")) {
            throw new IllegalArgumentException("circuitBreaker expression '" + expression + "': '&&' cannot be mapped "
                    + "onto Resilience4j (a breaker opens when any threshold is crossed); use '||' or one condition");
        }
        if (expression.contains("(") && expression.replaceAll("\\w+\\s*\\([^()]*\\)", "").contains("(")) {
            throw new IllegalArgumentException("circuitBreaker expression '" + expression + "': parentheses around "
                    + "conditions are not supported");
        }
        List<BreakerCondition> out = new ArrayList<>();
        for (String term : expression.split("\\|\\|")) {
            out.add(term(term, expression));
        }
        return List.copyOf(out);
    }

    private static BreakerCondition term(String term, String expression) {
        Matcher m = TERM.matcher(term);
        if (!m.matches()) {
            throw new IllegalArgumentException("circuitBreaker expression '" + expression + "': cannot read '"
                    + term.trim() + "' (known: NetworkErrorRatio() > x, ResponseCodeRatio(a, b, c, d) > x, "
                    + "LatencyAtQuantileMS(q) > ms)");
        }
        String op = m.group(3);
        if (!op.startsWith(">")) {
            throw new IllegalArgumentException("circuitBreaker expression '" + expression + "': '" + op + "' in '"
                    + term.trim() + "' cannot be mapped (a breaker trips above a threshold: use >)");
        }
        double value = Double.parseDouble(m.group(4));
        String[] args = m.group(2).isBlank() ? new String[0] : m.group(2).split(",");
        return switch (m.group(1)) {
            case "NetworkErrorRatio" -> {
                arity(args, 0, term, expression);
                yield new NetworkErrorRatio(ratio(value, term, expression));
            }
            case "ResponseCodeRatio" -> {
                arity(args, 4, term, expression);
                int[] c = new int[4];
                for (int i = 0; i < 4; i++) {
                    c[i] = Integer.parseInt(args[i].trim());
                }
                if (c[0] >= c[1] || c[2] >= c[3] || c[0] < c[2] || c[1] > c[3]) {
                    throw new IllegalArgumentException("circuitBreaker expression '" + expression + "': in '" + term.trim()
                            + "' the ranges must be [a, b) within [c, d), e.g. ResponseCodeRatio(500, 600, 0, 600)");
                }
                yield new ResponseCodeRatio(c[0], c[1], c[2], c[3], ratio(value, term, expression));
            }
            default -> {
                arity(args, 1, term, expression);
                double q = Double.parseDouble(args[0].trim());
                if (q <= 0 || q >= 100) {
                    throw new IllegalArgumentException("circuitBreaker expression '" + expression + "': the quantile in '"
                            + term.trim() + "' must be between 0 and 100 (exclusive)");
                }
                yield new LatencyAtQuantile(q, value);
            }
        };
    }

    private static void arity(String[] args, int n, String term, String expression) {
        if (args.length != n) {
            throw new IllegalArgumentException("circuitBreaker expression '" + expression + "': '" + term.trim()
                    + "' takes " + n + " argument" + (n == 1 ? "" : "s"));
        }
        for (String a : args) {
            if (!a.trim().matches("[0-9]+(\\.[0-9]+)?")) {
                throw new IllegalArgumentException("circuitBreaker expression '" + expression + "': '" + a.trim()
                        + "' in '" + term.trim() + "' is not a number");
            }
        }
    }

    private static double ratio(double value, String term, String expression) {
        if (value <= 0 || value >= 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "circuitBreaker expression '%s': the ratio in "
                    + "'%s' must be between 0 and 1 (exclusive)", expression, term.trim()));
        }
        return value;
    }
}
