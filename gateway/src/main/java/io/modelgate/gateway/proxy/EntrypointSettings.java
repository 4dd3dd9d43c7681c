package io.modelgate.gateway.proxy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The settings of one entry point and of the upstream connections its event loops open, as the data plane
 * takes them (the Spring properties are mapped to this in the configuration package).
 *
 * @param name                entry point name ({@code web})
 * @param address             address to bind
 * @param port                TCP port, 0 for a free one
 * @param maxHeaderBytes      largest request header block (431 past it)
 * @param maxInitialLine      longest request line (414 past it)
 * @param idleTimeout         a keep-alive connection with no request in progress is closed after this
 * @param readTimeout         a request whose client sends nothing for this long gets 408
 * @param maxPipelined        requests a client may pipeline before reading pauses
 * @param maxRequestBodyBytes gateway-wide request body limit, 0 for none
 * @param connectTimeout      upstream TCP connect timeout
 * @param responseTimeout     upstream silence before 504
 * @param poolIdleTimeout     an idle pooled upstream connection is closed after this
 * @param maxIdlePerServer    idle upstream connections kept per server and event loop
 * @param edge                head deadline, body rate and encoded characters
 */
public record EntrypointSettings(String name, String address, int port, int maxHeaderBytes, int maxInitialLine,
                                 Duration idleTimeout, Duration readTimeout, int maxPipelined, long maxRequestBodyBytes,
                                 Duration connectTimeout, Duration responseTimeout, Duration poolIdleTimeout,
                                 int maxIdlePerServer, EdgeLimits edge) {

    /** With the default edge limits. */
    public EntrypointSettings(String name, String address, int port, int maxHeaderBytes, int maxInitialLine,
                              Duration idleTimeout, Duration readTimeout, int maxPipelined, long maxRequestBodyBytes,
                              Duration connectTimeout, Duration responseTimeout, Duration poolIdleTimeout,
                              int maxIdlePerServer) {
        this(name, address, port, maxHeaderBytes, maxInitialLine, idleTimeout, readTimeout, maxPipelined,
                maxRequestBodyBytes, connectTimeout, responseTimeout, poolIdleTimeout, maxIdlePerServer, EdgeLimits.DEFAULT);
    }

    public EntrypointSettings {
        requireNonNull(edge, "edge");
        requireNonNull(name, "name");
        requireNonNull(address, "address");
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(readTimeout, "readTimeout");
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(responseTimeout, "responseTimeout");
        requireNonNull(poolIdleTimeout, "poolIdleTimeout");
        if (maxPipelined < 1) {
            throw new IllegalArgumentException("maxPipelined must be at least 1");
        }
    }
}
