package io.modelgate.gateway.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/** The client side an upstream connection is bound to: where what it reads, and what happens to it, goes. */
public interface UpstreamListener {

    /** The client connection, flushed once at the end of each upstream read. */
    Channel clientChannel();

    /** A response head (1xx included). */
    void onResponseHead(UpstreamHandler up, HttpResponse head);

    /** A piece of response body; the last one is a {@link io.netty.handler.codec.http.LastHttpContent}. */
    void onResponseContent(UpstreamHandler up, HttpContent content);

    /** The connection failed, closed or broke framing while bound. */
    void onUpstreamFailed(UpstreamHandler up, String error);

    /** Nothing was read or written for the response timeout. */
    void onResponseTimeout(UpstreamHandler up);

    /** The upstream connection's writability changed: reading from the client may pause or resume. */
    void onUpstreamWritabilityChanged();
}
