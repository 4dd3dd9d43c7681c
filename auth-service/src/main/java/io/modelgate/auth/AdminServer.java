package io.modelgate.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The admin API on its own port, so it can stay off the network the gateway reaches. Started only when an
 * admin credential is configured; a secret shorter than 16 characters stops the start, named.
 */
final class AdminServer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final AuthProperties.Admin admin;
    private final Services services;
    private final AdminCredentials credentials;
    private DisposableServer server;

    AdminServer(AuthProperties.Admin admin, Services services) {
        this.admin = admin;
        this.services = services;
        this.credentials = AdminCredentials.of(admin);
    }

    @Override
    public synchronized void start() {
        if (credentials.isEmpty()) {
            LOG.info("admin API off: set MODELGATE_AUTH_ADMIN_SECRET_FILE, MODELGATE_AUTH_ADMIN_SECRET or "
                    + "MODELGATE_AUTH_ADMIN_CREDENTIALS_FILE to enable it");
            return;
        }
        var handler = new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(AdminRoutes.routes(services, credentials)));
        server = HttpServer.create().host(admin.address()).port(admin.port()).handle(handler).bindNow();
        LOG.info("admin API listening on {}", server.address());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.disposeNow();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The bound port, or -1 when the admin API is off. */
    synchronized int port() {
        return server == null ? -1 : server.port();
    }
}
