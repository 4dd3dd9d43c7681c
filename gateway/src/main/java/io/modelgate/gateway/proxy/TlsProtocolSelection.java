package io.modelgate.gateway.proxy;

import io.modelgate.gateway.tls.AcmeTlsSniHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a client's TLS handshake: the protocol ALPN chose ({@code h2}, {@code http/1.1}, or {@code acme-tls/1},
 * whose connection closes at once: the handshake was all an ACME CA's tls-alpn-01 validation wanted, RFC 8737
 * §3). A failed handshake closes the connection with one line at most: clients that go away mid-handshake,
 * scanners and plain HTTP on the TLS port are routine on the internet, and Netty's default would log two WARN
 * lines with a stack trace for each.
 */
final class TlsProtocolSelection extends ApplicationProtocolNegotiationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TlsProtocolSelection.class);
    private static final long NO_CERTIFICATE_WARNING_EVERY = TimeUnit.MINUTES.toNanos(1);
    private static volatile long lastNoCertificateWarning = System.nanoTime() - NO_CERTIFICATE_WARNING_EVERY;

    private final String entrypoint;
    private final Consumer<String> configure;

    /** {@code configure} sets up the pipeline for {@code h2} or {@code http/1.1}. */
    TlsProtocolSelection(String entrypoint, Consumer<String> configure) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.entrypoint = entrypoint;
        this.configure = configure;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (protocol.equals(AcmeTlsSniHandler.ACME_TLS_1)) {
            ctx.close();
        } else {
            configure.accept(protocol);
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{} TLS handshake failed from {}: {}", entrypoint, ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof IOException) {
            LOG.debug("{} connection lost during the TLS handshake from {}: {}", entrypoint, ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        } else if (cause instanceof DecoderException && cause.getCause() instanceof IllegalStateException noCertificate) {
            // the certificate store has nothing to serve (no file certificate, nothing issued yet): the operator's
            // to fix, so a warning, but one a minute, not one per client
            long now = System.nanoTime();
            if (now - lastNoCertificateWarning >= NO_CERTIFICATE_WARNING_EVERY) {
                lastNoCertificateWarning = now;
                LOG.warn("{}: TLS handshakes fail: {} (this warning at most once a minute)", entrypoint,
                        noCertificate.getMessage());
            }
            ctx.close();
        } else if (cause instanceof DecoderException && cause.getCause() instanceof IllegalArgumentException refused) {
            LOG.debug("{} TLS handshake refused from {}: {}", entrypoint, ctx.channel().remoteAddress(), refused.getMessage());
            ctx.close();
        } else {
            super.exceptionCaught(ctx, cause);
        }
    }
}
