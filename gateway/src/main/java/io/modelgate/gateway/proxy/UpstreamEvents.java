package io.modelgate.gateway.proxy;

import io.modelgate.gateway.proxy.upstream.UpstreamHandler;
import io.modelgate.gateway.proxy.upstream.UpstreamListener;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * What a client connection's upstream connection reports, checked against the exchange it is bound to (a
 * connection left over from an earlier exchange is closed) and handed to the {@link ResponseRelay}.
 */
final class UpstreamEvents implements UpstreamListener {

    private final ClientConnection c;

    UpstreamEvents(ClientConnection c) {
        this.c = c;
    }

    @Override
    public Channel clientChannel() {
        return c.channel();
    }

    @Override
    public void onResponseHead(UpstreamHandler up, HttpResponse head) {
        Exchange e = c.current();
        if (e == null || e.upstream != up) {
            up.close();
            return;
        }
        c.px().relay().head(c, e, up, head);
    }

    @Override
    public void onResponseContent(UpstreamHandler up, HttpContent content) {
        Exchange e = c.current();
        if (e == null || e.upstream != up) {
            content.release();
            up.close();
            return;
        }
        c.px().relay().content(c, e, up, content);
    }

    @Override
    public void onUpstreamFailed(UpstreamHandler up, String error) {
        Exchange e = detach(up);
        if (e != null) {
            c.px().relay().upstreamFailed(c, e, error);
        }
    }

    @Override
    public void onResponseTimeout(UpstreamHandler up) {
        Exchange e = detach(up);
        if (e != null) {
            c.px().relay().upstreamTimedOut(c, e);
        }
    }

    @Override
    public void onUpstreamWritabilityChanged() {
        c.updateAutoRead();
    }

    /** The current exchange if {@code up} is its upstream, which is then closed and detached; else null. */
    private Exchange detach(UpstreamHandler up) {
        Exchange e = c.current();
        if (e == null || e.upstream != up) {
            return null;
        }
        e.upstream = null;
        up.close();
        return e;
    }
}
