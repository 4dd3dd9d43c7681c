package io.modelgate.gateway.proxy;

/**
 * An entry point could not open its socket (the port is taken, the address is not this host's, a port below
 * 1024 without the right): the gateway cannot start, and says so in one line (no stack trace: the cause is
 * the operating system's answer, already in the message).
 */
public final class ListenFailure extends RuntimeException {

    private final String entrypoint;

    ListenFailure(String entrypoint, String address, int port, Throwable cause) {
        super("the " + entrypoint + " entry point cannot listen on " + address + ":" + port + ": " + reason(cause),
                null, false, false);
        this.entrypoint = entrypoint;
    }

    /** The entry point's name, for the advice. */
    public String entrypoint() {
        return entrypoint;
    }

    /** The system's words without Netty's prefix: {@code bind(..) failed with error(-98): Address already in use}. */
    private static String reason(Throwable cause) {
        String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int colon = m.lastIndexOf(": ");
        return (colon >= 0 ? m.substring(colon + 2) : m).toLowerCase(java.util.Locale.ROOT);
    }
}
