package io.modelgate.gateway.proxy.codec;

import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;

/**
 * The HTTP/1.1 codec of every client connection (plain and TLS entry points), in place of Netty's
 * {@code HttpServerCodec}: the {@link StrictRequestDecoder} in, Netty's response encoder out. Like Netty's codec
 * it remembers each request's method so a response to HEAD is encoded without a body and a 2xx to CONNECT
 * without framing headers.
 */
public final class ClientCodec extends CombinedChannelDuplexHandler<StrictRequestDecoder, HttpResponseEncoder> {

    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();

    public ClientCodec(HttpDecoderConfig config) {
        init(new StrictRequestDecoder(config, methods), new Encoder());
    }

    /** The decoder, for the connection's timer (the whole-head deadline). */
    public StrictRequestDecoder decoder() {
        return inboundHandler();
    }

    private final class Encoder extends HttpResponseEncoder {
        private HttpMethod method;

        @Override
        protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!isAlwaysEmpty && HttpMethod.CONNECT.equals(method) && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
                msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                return;
            }
            super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL && msg.status().code() != 101) {
                return super.isContentAlwaysEmpty(msg); // a 100 Continue answers no request of its own
            }
            method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }
    }
}
