package io.modelgate.gateway.config;

import io.modelgate.gateway.net.ListenFailure;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A socket that cannot listen: its one line and what to do, no stack trace (in {@code spring.factories}). */
public final class ListenFailureAnalyzer extends AbstractFailureAnalyzer<ListenFailure> {

    @Override
    protected FailureAnalysis analyze(Throwable root, ListenFailure cause) {
        return new FailureAnalysis(cause.getMessage(), cause.advice(), cause);
    }
}
