package io.modelgate.gateway.config;

/**
 * A static setting the gateway cannot start with. {@link BadSettingAnalyzer} prints its message (which names
 * the property and what to fix) instead of a stack trace.
 */
public final class BadSetting extends RuntimeException {

    public BadSetting(String message) {
        super(message, null, false, false);
    }
}
