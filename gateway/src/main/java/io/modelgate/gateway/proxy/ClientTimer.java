package io.modelgate.gateway.proxy;

import io.modelgate.gateway.proxy.codec.StrictRequestDecoder;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * The one timer of a client connection:
 * <ul>
 *   <li>the whole-head deadline: a head must be complete {@code headTimeout} after its first byte (the decoder
 *       knows when that was), however its bytes trickle in: 408;</li>
 *   <li>the read timeout while the client owes the gateway bytes (the rest of a request): 408;</li>
 *   <li>the minimum body rate: while the gateway reads a body, each window must bring {@code rate × window}
 *       bytes; a window in which reading was paused by the gateway (backpressure) does not count: 408;</li>
 *   <li>the idle timeout while no request is in progress (the keep-alive connection is closed), shortened to
 *       the idle grace when the entry point drains.</li>
 * </ul>
 * Reads, body bytes and the end of each exchange are stamped by {@link ClientConnection}; nothing listens on
 * writes (Netty's {@code IdleStateHandler} adds a listener to every write promise), and the task is re-armed
 * lazily, only when its deadline passes.
 */
final class ClientTimer implements Runnable {

    private final ClientConnection c;
    private final long readNanos;
    /** Not final: a drain shortens it to the idle grace. */
    private long idleNanos;
    /** The entry point drains: an idle connection closes at {@code idleNanos} unless a head has begun. */
    private boolean drainingIdle;
    private final long headNanos;
    private final long minBodyRate;
    private final long windowNanos;
    private long lastRead;
    private long idleSince;
    private long windowStart;
    private long windowBytes;
    private boolean windowPaused;
    private ScheduledFuture<?> task;
    /** The event loop's clock (a test's embedded loop can advance it). */
    private Ticker ticker;
    /** Null where heads are not ours to time (an HTTP/2 stream: Netty's HTTP/2 codec reads the frames). */
    private StrictRequestDecoder decoder;

    ClientTimer(ClientConnection c, long readTimeoutMillis, long idleTimeoutMillis, EdgeLimits edge) {
        this.c = c;
        this.readNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
        this.headNanos = edge.headTimeout().isZero() ? Long.MAX_VALUE : edge.headTimeout().toNanos();
        this.minBodyRate = edge.minBodyRate();
        this.windowNanos = edge.bodyRateWindow().toNanos();
    }

    void start(Channel channel, StrictRequestDecoder headDecoder) {
        decoder = headDecoder;
        ticker = channel.eventLoop().ticker();
        lastRead = idleSince = ticker.nanoTime();
        schedule(channel, Math.min(Math.min(readNanos, idleNanos), headNanos));
    }

    /** Bytes arrived from the client. */
    void read() {
        lastRead = ticker.nanoTime();
    }

    /** A request began: its body's rate is measured from now. */
    void exchangeBegan() {
        windowStart = ticker.nanoTime();
        windowBytes = 0;
        windowPaused = false;
    }

    /** Body bytes arrived from the client. */
    void body(int bytes) {
        windowBytes += bytes;
    }

    /** The last exchange ended: the connection is idle from now. */
    void idle() {
        idleSince = ticker.nanoTime();
    }

    /**
     * The entry point drains while the connection is idle: it closes once it stayed idle for {@code millis}
     * from now (or its own idle timeout, if sooner). A head whose first bytes came meanwhile keeps it open: that
     * request is answered (with {@code Connection: close}), under the usual head deadline.
     */
    void drainIdle(long millis) {
        long now = ticker.nanoTime();
        long settle = TimeUnit.MILLISECONDS.toNanos(millis);
        if (settle < idleNanos - (now - idleSince)) {
            idleNanos = settle;
            idleSince = now;
        }
        drainingIdle = true;
        stop();
        run();
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
            long headStarted = decoder == null ? 0 : decoder.headStartedNanos();
            if (left <= 0 && !(drainingIdle && headStarted != 0)) {
                channel.close(); // keep-alive connection idle too long (or through the drain's idle grace)
                return;
            }
            if (left <= 0) {
                left = Long.MAX_VALUE; // draining with a head under way: the head deadline decides
            }
            long headLeft = headStarted == 0 ? headNanos : headNanos - (now - headStarted);
            if (headLeft <= 0) {
                c.px().countHeadTimeout();
                decoder.headTimedOut(); // a refused head goes through the intake: 408, closed
                return;
            }
            schedule(channel, Math.min(Math.min(left, readNanos), headLeft));
        } else if (!e.requestDone && !e.answering() && e.waiter == null && channel.config().isAutoRead()) {
            // (a request waiting for admission is not read on: its client owes nothing meanwhile)
            long left = readNanos - (now - lastRead);
            if (left <= 0) {
                c.px().responder().refuseAndClose(c, e, 408, "request timeout");
                return;
            }
            long windowLeft = bodyRate(now);
            if (windowLeft <= 0) {
                c.px().countSlowBody();
                c.px().responder().refuseAndClose(c, e, 408, "request timeout: body too slow");
                return;
            }
            schedule(channel, Math.min(left, windowLeft));
        } else {
            windowPaused |= !e.requestDone; // the gateway paused reading: this window is not the client's fault
            schedule(channel, Math.min(readNanos, minBodyRate > 0 ? windowNanos : Long.MAX_VALUE));
        }
    }

    /** Nanos left in the current body-rate window, or 0 if the window ended too slow (starting the next otherwise). */
    private long bodyRate(long now) {
        if (minBodyRate <= 0) {
            return Long.MAX_VALUE;
        }
        long elapsed = now - windowStart;
        if (elapsed < windowNanos) {
            return windowNanos - elapsed;
        }
        long owed = minBodyRate * TimeUnit.NANOSECONDS.toSeconds(windowNanos);
        if (windowBytes < owed && !windowPaused) {
            return 0;
        }
        windowStart = now;
        windowBytes = 0;
        windowPaused = false;
        return windowNanos;
    }

    private void schedule(Channel channel, long nanos) {
        task = channel.eventLoop().schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
}
