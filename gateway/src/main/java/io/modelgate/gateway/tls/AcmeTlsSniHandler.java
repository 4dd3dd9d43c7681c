package io.modelgate.gateway.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Netty's SNI selection, plus ACME's {@code tls-alpn-01}: a ClientHello whose ALPN offers {@code acme-tls/1}
 * alone (RFC 8737 §3: the CA's validation handshake) gets the validation certificate waiting for its name;
 * every other handshake gets the certificate {@code mapping} chooses, whose contexts never offer
 * {@code acme-tls/1}. The ALPN list is read from the ClientHello before the certificate is chosen, which is why
 * this is not a plain {@link SniHandler}.
 */
public final class AcmeTlsSniHandler extends SniHandler {

    /** RFC 8737's ALPN protocol name. */
    public static final String ACME_TLS_1 = "acme-tls/1";

    private static final int ALPN_EXTENSION = 16;

    private final ChallengeCertificates challenges;
    private boolean validation;

    public AcmeTlsSniHandler(Mapping<? super String, ? extends SslContext> mapping, ChallengeCertificates challenges) {
        super(mapping);
        this.challenges = challenges;
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) throws Exception {
        validation = clientHello != null && alpnProtocols(clientHello).equals(List.of(ACME_TLS_1));
        return super.lookup(ctx, clientHello);
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) throws Exception {
        if (validation && hostname != null) {
            SslContext answer = challenges.forHost(hostname.toLowerCase(Locale.ROOT));
            if (answer != null) {
                return ctx.executor().newSucceededFuture(answer);
            }
        }
        return super.lookup(ctx, hostname);
    }

    /**
     * The protocols of a ClientHello's ALPN extension, in the client's order; empty without one or when the hello
     * is malformed. {@code hello} starts at {@code client_version} (the handshake header removed, as Netty
     * passes it); its reader index is not moved.
     */
    static List<String> alpnProtocols(ByteBuf hello) {
        List<String> out = new ArrayList<>();
        int i = hello.readerIndex() + 34; // client_version (2) + random (32)
        int end = hello.writerIndex();
        try {
            i += 1 + hello.getUnsignedByte(i); // session_id
            i += 2 + hello.getUnsignedShort(i); // cipher_suites
            i += 1 + hello.getUnsignedByte(i); // compression_methods
            int extensionsEnd = Math.min(end, i + 2 + hello.getUnsignedShort(i));
            i += 2;
            while (i + 4 <= extensionsEnd) {
                int type = hello.getUnsignedShort(i);
                int length = hello.getUnsignedShort(i + 2);
                i += 4;
                if (type == ALPN_EXTENSION && i + length <= extensionsEnd) {
                    int listEnd = i + 2 + hello.getUnsignedShort(i);
                    for (int p = i + 2; p < listEnd && p < i + length; ) {
                        int n = hello.getUnsignedByte(p);
                        out.add(hello.toString(p + 1, n, StandardCharsets.US_ASCII));
                        p += 1 + n;
                    }
                    return out;
                }
                i += length;
            }
        } catch (IndexOutOfBoundsException malformed) {
            return List.of(); // the TLS engine rejects it; here it only means "not a validation handshake"
        }
        return out;
    }
}
