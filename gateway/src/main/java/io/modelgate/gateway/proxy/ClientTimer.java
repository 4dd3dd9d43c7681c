package io.modelgate.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * The one timer of a client connection: the read timeout while the client owes the gateway bytes (the rest
 * of a request: 408), the idle timeout while no request is in progress (the keep-alive connection is closed).
 * Reads and the end of each exchange are stamped by {@link ClientConnection}; nothing listens on writes
 * (Netty's {@code IdleStateHandler} adds a listener to every write promise), and the task is re-armed lazily,
 * only when its deadline passes.
 */
final class ClientTimer implements Runnable {

    private final ClientConnection c;
    private final long readNanos;
    private final long idleNanos;
    private long lastRead;
    private long idleSince;
    private ScheduledFuture<?> task;
    /** The event loop's clock (a test's embedded loop can advance it). */
    private Ticker ticker;

    ClientTimer(ClientConnection c, long readTimeoutMillis, long idleTimeoutMillis) {
        this.c = c;
        this.readNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
    }

    void start(Channel channel) {
        ticker = channel.eventLoop().ticker();
        lastRead = idleSince = ticker.nanoTime();
        schedule(channel, Math.min(readNanos, idleNanos));
    }

    /** Bytes arrived from the client. */
    void read() {
        lastRead = ticker.nanoTime();
    }

    /** The last exchange ended: the connection is idle from now. */
    void idle() {
        idleSince = ticker.nanoTime();
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
        Channel channel = c.channel();
        if (!channel.isOpen()) {
            return;
        }
        long now = ticker.nanoTime();
        Exchange e = c.current();
        if (e == null) {
            long left = idleNanos - (now - idleSince);
            if (left <= 0) {
                channel.close(); // keep-alive connection idle too long
                return;
            }
            schedule(channel, Math.min(left, readNanos));
        } else if (!e.requestDone && !e.answering() && e.waiter == null && channel.config().isAutoRead()) {
            // (a request waiting for admission is not read on: its client owes nothing meanwhile)
            long left = readNanos - (now - lastRead);
            if (left <= 0) {
                c.px().responder().refuseAndClose(c, e, 408, "request timeout");
                return;
            }
            schedule(channel, left);
        } else {
            schedule(channel, readNanos); // nothing owed by the client now (or reading is paused): look again later
        }
    }

    private void schedule(Channel channel, long nanos) {
        task = channel.eventLoop().schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
}
