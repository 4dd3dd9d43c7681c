package io.modelgate.gateway.config;

import io.modelgate.gateway.proxy.ListenFailure;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An entry point that cannot listen: its one line and what to do, no stack trace (in {@code spring.factories}). */
public final class ListenFailureAnalyzer extends AbstractFailureAnalyzer<ListenFailure> {

    @Override
    protected FailureAnalysis analyze(Throwable root, ListenFailure cause) {
        String ep = cause.entrypoint();
        return new FailureAnalysis(cause.getMessage(), "Stop what listens there, or give the entry point another"
                + " address: modelgate.entrypoints." + ep + ".port (and .address), or Traefik's --entryPoints." + ep
                + ".address.", cause);
    }
}
