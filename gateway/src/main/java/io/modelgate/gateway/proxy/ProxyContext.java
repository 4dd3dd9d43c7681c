package io.modelgate.gateway.proxy;

import static java.util.Objects.requireNonNull;

import io.modelgate.gateway.accesslog.AccessLog;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import java.net.InetAddress;
import java.util.function.Predicate;

/**
 * What every client connection shares: the live configuration, upstream connections, the access log and
 * the settings. Built once per entry point.
 *
 * @param configs          the live routing configuration
 * @param connector        opens upstream connections (and owns their pools)
 * @param accessLog        the access log
 * @param forwarded        forwarding-header policy
 * @param trustedProxies   clients whose {@code X-Forwarded-*} are kept
 * @param maxRequestBodyBytes gateway-wide request body limit, 0 for none
 */
record ProxyContext(RuntimeConfigHolder configs, UpstreamConnector connector, AccessLog accessLog,
                    ForwardedHeaders forwarded, Predicate<InetAddress> trustedProxies, long maxRequestBodyBytes) {

    ProxyContext {
        requireNonNull(configs, "configs");
        requireNonNull(connector, "connector");
        requireNonNull(accessLog, "accessLog");
        requireNonNull(forwarded, "forwarded");
        requireNonNull(trustedProxies, "trustedProxies");
    }
}
