package io.modelgate.gateway.proxy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * What a client connection read but has not handed on yet: request heads and body pieces in arrival order,
 * pipelined requests among them. Bounded twice — by messages (a body waiting for its upstream connection) and by
 * requests (pipelining) — and the connection stops reading while either bound is reached.
 */
final class ReadAhead {

    /** Messages read ahead before reading pauses: bounds bodies waiting for a connect. */
    private static final int MAX_QUEUED = 64;

    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final int maxPipelined;
    private int requests;

    ReadAhead(int maxPipelined) {
        this.maxPipelined = maxPipelined;
    }

    /** A head or body piece as the HTTP/1.1 decoder delivers it. */
    void add(Object msg) {
        if (msg instanceof HttpRequest) {
            requests++;
        }
        queue.add(msg);
    }

    /**
     * A stream whose headers ended it (a GET on HTTP/2): Netty hands over one full message; the request path
     * takes a head and its body apart, as HTTP/1.1 delivers them.
     */
    void addFull(FullHttpRequest full) {
        HttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
        head.setDecoderResult(full.decoderResult());
        add(head);
        queue.add(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
    }

    Object peek() {
        return queue.peek();
    }

    Object poll() {
        Object m = queue.poll();
        if (m instanceof HttpRequest) {
            requests--;
        }
        return m;
    }

    /** Room for more: reading may go on. */
    boolean hasRoom() {
        return queue.size() < MAX_QUEUED && requests < maxPipelined;
    }

    /** What is left, for a tunnel to send on after a {@code 101} (it takes them out). */
    ArrayDeque<Object> rest() {
        return queue;
    }

    /** Drops everything (the connection is closing). */
    void release() {
        requests = 0;
        Object m;
        while ((m = queue.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
    }
}
