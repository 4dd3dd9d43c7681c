package io.modelgate.discovery.rule;

/** A rule that cannot be parsed; the message starts with the 0-based position of the problem. */
public final class RuleSyntaxException extends IllegalArgumentException {

    private final int position;

    RuleSyntaxException(int position, String message) {
        super("position " + position + ": " + message);
        this.position = position;
    }

    /** 0-based character offset into the rule. */
    public int position() {
        return position;
    }
}
