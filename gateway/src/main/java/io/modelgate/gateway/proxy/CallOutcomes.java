package io.modelgate.gateway.proxy;

import io.modelgate.gateway.pipeline.UpstreamCall;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The listeners wrapping middlewares registered for one call's outcome; told once. */
final class CallOutcomes {

    private final List<Consumer<UpstreamCall.Outcome>> listeners = new ArrayList<>(2);
    private boolean reported;

    void add(Consumer<UpstreamCall.Outcome> listener) {
        listeners.add(listener);
    }

    void report(int status, boolean fromService) {
        if (reported) {
            return;
        }
        reported = true;
        UpstreamCall.Outcome outcome = new UpstreamCall.Outcome(status, fromService);
        for (int i = listeners.size() - 1; i >= 0; i--) {
            listeners.get(i).accept(outcome); // innermost first, as responses pass back out
        }
    }
}
