package io.modelgate.gateway.net;

/**
 * A socket the gateway must listen on could not be opened (the port is taken, the address is not this host's,
 * a port below 1024 without the right): the gateway cannot start, and says so in one line with what to do (no
 * stack trace: the cause is the operating system's answer, already in the message).
 */
public final class ListenFailure extends RuntimeException {

    private final String advice;

    /**
     * @param what   what could not listen ({@code the web entry point})
     * @param advice what the operator can do, naming the settings
     */
    public ListenFailure(String what, String address, int port, Throwable cause, String advice) {
        super(what + " cannot listen on " + address + ":" + port + ": " + reason(cause), null, false, false);
        this.advice = advice;
    }

    public String advice() {
        return advice;
    }

    /** The system's words without Netty's prefix: {@code bind(..) failed with error(-98): Address already in use}. */
    private static String reason(Throwable cause) {
        String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int colon = m.lastIndexOf(": ");
        return (colon >= 0 ? m.substring(colon + 2) : m).toLowerCase(java.util.Locale.ROOT);
    }
}
