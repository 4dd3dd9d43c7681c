package io.modelgate.gateway.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Upstream inactivity: fires {@link #TIMEOUT} when an upstream connection has neither read nor written for
 * the response timeout. Sending a request counts as a write, so for a bound connection this is "no answer
 * (or no further response bytes) for that long". One timer per connection, re-armed lazily by Netty,
 * instead of scheduling and cancelling a task for every request.
 */
final class ResponseTimeoutHandler extends IdleStateHandler {

    /** The event {@link UpstreamHandler} receives. */
    static final Object TIMEOUT = new Object() {
        @Override
        public String toString() {
            return "RESPONSE_TIMEOUT";
        }
    };

    ResponseTimeoutHandler(long timeoutMillis) {
        super(0, 0, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        ctx.fireUserEventTriggered(TIMEOUT);
    }
}
