package io.modelgate.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The admin API on its own port, so it can stay off the network the gateway reaches. Started only when a
 * secret is configured; a secret shorter than 16 characters stops the start, named.
 */
final class AdminServer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final AuthProperties.Admin admin;
    private final TokenService tokens;
    private final byte[] secret;
    private DisposableServer server;

    AdminServer(AuthProperties.Admin admin, TokenService tokens) {
        this.admin = admin;
        this.tokens = tokens;
        this.secret = secret(admin);
    }

    /** The configured secret, or null: the file (a Docker secret) wins over the value. */
    static byte[] secret(AuthProperties.Admin admin) {
        String value = admin.secret();
        if (admin.secretFile() != null && !admin.secretFile().isBlank()) {
            try {
                value = Files.readString(Path.of(admin.secretFile())).strip();
            } catch (IOException e) {
                throw new IllegalStateException("MODELGATE_AUTH_ADMIN_SECRET_FILE " + admin.secretFile()
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() < 16) {
            throw new IllegalStateException("the admin secret must be at least 16 characters");
        }
        return value.strip().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void start() {
        if (secret == null) {
            LOG.info("admin API off: set MODELGATE_AUTH_ADMIN_SECRET_FILE or MODELGATE_AUTH_ADMIN_SECRET to enable it");
            return;
        }
        var handler = new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(AdminRoutes.routes(tokens, secret)));
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
