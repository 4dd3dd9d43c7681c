package io.modelgate.gateway.proxy.codec;

/**
 * Why a request head was refused before Netty parsed it: the status to answer (400, 408, 414, 431, 505) and a
 * short reason for the client. No stack trace: it is an answer, not a fault.
 */
public final class RefusedHead extends IllegalArgumentException {

    private final int status;

    public RefusedHead(int status, String reason) {
        super(reason, null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // refused heads are common and cheap; nobody reads a trace of them
    }
}
