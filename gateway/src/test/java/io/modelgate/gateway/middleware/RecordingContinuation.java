package io.modelgate.gateway.middleware;

/** Records what a middleware decided. */
public final class RecordingContinuation implements Middleware.Continuation {

    private boolean proceeded;
    private int refusedStatus;
    private String refusedError;

    @Override
    public void proceed() {
        proceeded = true;
    }

    @Override
    public void refuse(int status, String error) {
        refusedStatus = status;
        refusedError = error;
    }

    public boolean proceeded() {
        return proceeded;
    }

    public int refusedStatus() {
        return refusedStatus;
    }

    public String refusedError() {
        return refusedError;
    }
}
