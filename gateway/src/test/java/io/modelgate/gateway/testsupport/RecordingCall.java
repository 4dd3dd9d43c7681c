package io.modelgate.gateway.testsupport;

import io.modelgate.gateway.pipeline.RetryPolicy;
import io.modelgate.gateway.pipeline.UpstreamCall;
import java.util.function.Consumer;

/** One call as a wrapping middleware sees it, recording what the middleware did with it (unit tests). */
public final class RecordingCall implements UpstreamCall {
    public boolean proceeded;
    public int refusedWith;
    public Consumer<Outcome> listener;
    public RetryPolicy retry;

    @Override
    public String service() {
        return "m@file";
    }

    @Override
    public void proceed() {
        proceeded = true;
    }

    @Override
    public void refuse(int status, String error) {
        refusedWith = status;
    }

    @Override
    public void retryWith(RetryPolicy policy) {
        retry = policy;
    }

    @Override
    public void onOutcome(Consumer<Outcome> l) {
        listener = l;
    }
}
