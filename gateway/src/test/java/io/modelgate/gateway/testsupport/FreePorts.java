package io.modelgate.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A free TCP port on loopback, for servers a test starts (the gateway, backends, Redis, jars). */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port nothing listens on right now (the OS's choice of an ephemeral one). */
    public static int next() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
