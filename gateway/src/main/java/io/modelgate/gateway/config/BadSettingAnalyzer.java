package io.modelgate.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A {@link BadSetting} at start-up: its one line, and no stack trace (registered in {@code spring.factories}). */
public final class BadSettingAnalyzer extends AbstractFailureAnalyzer<BadSetting> {

    @Override
    protected FailureAnalysis analyze(Throwable root, BadSetting cause) {
        return new FailureAnalysis(cause.getMessage(), "Fix that setting and start again.", cause);
    }
}
