package io.modelgate.gateway.middleware;

/** Records what a middleware decided. */
public final class RecordingContinuation implements Middleware.Continuation {

    private boolean proceeded;
    private int refusedStatus;
    private String refusedError;
    private java.util.Map<String, String> refusedHeaders = java.util.Map.of();

    @Override
    public void proceed() {
        proceeded = true;
    }

    @Override
    public void refuse(int status, String error) {
        refusedStatus = status;
        refusedError = error;
    }

    @Override
    public void refuse(int status, String error, java.util.Map<String, String> headers) {
        refuse(status, error);
        refusedHeaders = java.util.Map.copyOf(headers);
    }

    public java.util.Map<String, String> refusedHeaders() {
        return refusedHeaders;
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
