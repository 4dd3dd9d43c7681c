package io.modelgate.gateway.health;

import io.modelgate.gateway.lb.HealthChecks;
import io.modelgate.gateway.net.HttpGet;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running checks, one {@link ServerCheck} per service and server, spread over the event loops of a
 * group of their own (it exists before the entry points bind and lives on while they drain). A check whose
 * target did not change across a reload keeps running, with its state.
 */
public final class ActiveHealthChecks implements HealthChecks, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveHealthChecks.class);

    private final HttpGet http;
    private final EventLoopGroup group;
    private final Map<String, ServerCheck> running = new HashMap<>();

    /** @param group the loops checks run on; closed with this */
    public ActiveHealthChecks(HttpGet http, EventLoopGroup group) {
        this.http = http;
        this.group = group;
    }

    @Override
    public synchronized void apply(List<Target> targets) {
        Map<String, ServerCheck> next = new HashMap<>();
        for (Target t : targets) {
            String key = t.service() + " " + t.server().url();
            ServerCheck old = running.remove(key);
            if (old != null && old.target().spec().equals(t.spec()) && old.target().state() == t.state()) {
                next.put(key, old);
            } else {
                if (old != null) {
                    old.stop();
                }
                EventLoop loop = group.next();
                ServerCheck check = new ServerCheck(t, http, loop);
                next.put(key, check);
                check.start();
                LOG.debug("health check of {} in {} started: {}", t.server(), t.service(), t.spec());
            }
        }
        running.values().forEach(ServerCheck::stop);
        running.clear();
        running.putAll(next);
    }

    /** Checks running now (for tests). */
    public synchronized int size() {
        return running.size();
    }

    @Override
    public synchronized void close() {
        running.values().forEach(ServerCheck::stop);
        running.clear();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
