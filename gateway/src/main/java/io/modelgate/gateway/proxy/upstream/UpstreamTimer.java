package io.modelgate.gateway.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * The one timer of an upstream connection: while bound to an exchange, the response timeout (nothing read or
 * sent for that long); while idle in the pool, the pool's idle timeout. Activity is stamped by the code that
 * reads and writes, so no listener is added to any write (Netty's {@code IdleStateHandler} adds one to every
 * write promise); the task is re-armed lazily, only when its deadline passes.
 */
final class UpstreamTimer implements Runnable {

    private final UpstreamHandler handler;
    /** No response timeout (0 configured, Traefik's default): a bound connection waits for as long as it takes. */
    private static final long NONE = Long.MAX_VALUE;

    private final long responseTimeoutNanos;
    private final long poolIdleNanos;
    private long lastActivity;
    private ScheduledFuture<?> task;
    /** The event loop's clock (a test's embedded loop can advance it). */
    private Ticker ticker = Ticker.systemTicker();

    UpstreamTimer(UpstreamHandler handler, long responseTimeoutMillis, long poolIdleMillis) {
        this.handler = handler;
        this.responseTimeoutNanos = responseTimeoutMillis <= 0 ? NONE : TimeUnit.MILLISECONDS.toNanos(responseTimeoutMillis);
        this.poolIdleNanos = TimeUnit.MILLISECONDS.toNanos(poolIdleMillis);
    }

    /** Something was read or sent, or the connection changed hands: the clock starts again. */
    void activity() {
        lastActivity = ticker.nanoTime();
    }

    void start(Channel channel) {
        if (task != null) {
            activity(); // an h2c stream is active both when added and when registered: one timer
            return;
        }
        ticker = channel.eventLoop().ticker();
        activity();
        schedule(channel, Math.min(responseTimeoutNanos, poolIdleNanos));
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public void run() {
        task = null;
        Channel channel = handler.channel();
        if (!channel.isOpen()) {
            return;
        }
        long limit = handler.isBound() ? responseTimeoutNanos : poolIdleNanos;
        if (limit == NONE) {
            schedule(channel, poolIdleNanos); // looked at again, for when it is back in the pool
            return;
        }
        long left = limit - (ticker.nanoTime() - lastActivity);
        if (left > 0) {
            schedule(channel, left);
        } else if (handler.isBound()) {
            handler.timedOut(); // the exchange decides: 504, or a cut if its response had begun
            if (channel.isOpen()) {
                schedule(channel, responseTimeoutNanos);
            }
        } else {
            handler.close(); // idle in the pool for too long
        }
    }

    private void schedule(Channel channel, long nanos) {
        task = channel.eventLoop().schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
}
