package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real grpc-java server (plaintext HTTP/2, Netty) behind an {@code h2c://} server url and a real grpc-java client
 * calling the gateway over TLS (h2 by ALPN), and without TLS on the plain entry point (h2c, prior knowledge): unary and server-streaming calls, an error status whose message and
 * trailing metadata arrive intact (gRPC's status travels in trailers, or a headers-only response), a deadline that
 * cancels the call at the server too, a stream silent past the response timeout, and the call's access-log line.
 * The service is defined here with a plain string marshaller, so no protobuf code generation is needed.
 */
class GrpcH2cIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERVICE = "modelgate.test.Echo";
    private static final Metadata.Key<String> DETAIL = Metadata.Key.of("x-model-detail", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    private static final MethodDescriptor<String, String> SAY = method("Say", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<String, String> COUNT = method("Count", MethodDescriptor.MethodType.SERVER_STREAMING);
    private static final MethodDescriptor<String, String> FIND = method("Find", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<String, String> HANG = method("Hang", MethodDescriptor.MethodType.UNARY);

    @TempDir
    static Path dir;
    static Server grpcServer;
    static GatewayInstance gw;
    static ManagedChannel channel;
    static final AtomicReference<Metadata> lastHeaders = new AtomicReference<>();
    /** Per HANG call (by its message): counted down when the server sees the call cancelled. */
    static final Map<String, CountDownLatch> cancelled = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        grpcServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(echoService(), new RecordHeaders())).build().start();
        TestCertificates certs = new TestCertificates(dir);
        certs.leaf("default", "first", "localhost");
        int securePort = FreePorts.next();
        gw = new GatewayInstance(dir, """
                tls:
                  stores:
                    default: { defaultCertificate: { certFile: "%1$s/default.crt", keyFile: "%1$s/default.key" } }
                http:
                  routers:
                    grpc: { rule: "PathPrefix(`/%2$s/`)", service: echo, entryPoints: [ websecure, web ] }
                  services:
                    echo: { loadBalancer: { servers: [ { url: "h2c://127.0.0.1:%3$d" } ] } }
                """.formatted(dir, SERVICE, grpcServer.getPort()),
                "--modelgate.entrypoints.websecure.address=127.0.0.1",
                "--modelgate.entrypoints.websecure.port=" + securePort,
                "--modelgate.entrypoints.websecure.tls.enabled=true",
                "--modelgate.upstream.response-timeout=2s");
        ChannelCredentials tls = TlsChannelCredentials.newBuilder().trustManager(certs.caFile().toFile()).build();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", securePort, tls).overrideAuthority("localhost").build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gw.close();
        grpcServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aUnaryCallGoesThroughWithTheGatewaysHeaders() {
        String answer = ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "model-a");
        assertThat(answer).isEqualTo("hello model-a");
        Metadata seen = lastHeaders.get();
        assertThat(seen.get(Metadata.Key.of("x-forwarded-proto", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("https");
        assertThat(seen.get(REQUEST_ID)).isNotBlank();
    }

    /** What a gRPC client without TLS does (grpc-go's insecure, grpc-java's plaintext): h2c with prior knowledge. */
    @Test
    void aPlaintextClientCallsThePlainEntryPointOverCleartextHttp2() throws Exception {
        ManagedChannel plain = Grpc.newChannelBuilderForAddress("127.0.0.1", gw.port(), InsecureChannelCredentials.create())
                .build();
        try {
            assertThat(ClientCalls.blockingUnaryCall(plain, SAY, CallOptions.DEFAULT, "cleartext")).isEqualTo("hello cleartext");
            assertThat(lastHeaders.get().get(Metadata.Key.of("x-forwarded-proto", Metadata.ASCII_STRING_MARSHALLER)))
                    .isEqualTo("http");
            List<String> got = new ArrayList<>();
            ClientCalls.blockingServerStreamingCall(plain, COUNT, CallOptions.DEFAULT, "3").forEachRemaining(got::add);
            assertThat(got).containsExactly("1 of 3", "2 of 3", "3 of 3");
        } finally {
            plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        // HTTP/1.1 on the same port as before
        RawHttp.Response r = RawHttp.exchange(gw.port(), "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(r.version()).isEqualTo("HTTP/1.1");
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void aServerStreamingCallDeliversEveryMessageInOrder() {
        List<String> got = new ArrayList<>();
        Iterator<String> it = ClientCalls.blockingServerStreamingCall(channel, COUNT, CallOptions.DEFAULT, "5");
        it.forEachRemaining(got::add);
        assertThat(got).containsExactly("1 of 5", "2 of 5", "3 of 5", "4 of 5", "5 of 5");
    }

    @Test
    void anErrorStatusArrivesWithItsMessageAndTrailingMetadata() {
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, FIND, CallOptions.DEFAULT, "nope"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("no model named nope");
                    assertThat(e.getTrailers().get(DETAIL)).isEqualTo("registry=v2; tried=3");
                });
    }

    @Test
    void aDeadlineEndsTheCallAtTheClientAndCancelsItAtTheServer() throws InterruptedException {
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, HANG,
                CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS), "deadline"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThat(latch("deadline").await(10, TimeUnit.SECONDS)).as("the client's RST_STREAM reaches the server").isTrue();
    }

    @Test
    void aStreamSilentPastTheResponseTimeoutGets504AndIsResetAtTheServer() throws InterruptedException {
        // no deadline: the gateway's response timeout (2 s here) ends it; gRPC reads HTTP 504 as UNAVAILABLE
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, HANG, CallOptions.DEFAULT, "timeout"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).contains("504");
                });
        assertThat(latch("timeout").await(10, TimeUnit.SECONDS)).as("the gateway resets the upstream stream").isTrue();
        assertThat(ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "after")).as("the connection goes on")
                .isEqualTo("hello after");
    }

    private static CountDownLatch latch(String call) {
        return cancelled.computeIfAbsent(call, k -> new CountDownLatch(1));
    }

    @Test
    void aGrpcCallHasItsAccessLogLine() throws Exception {
        assertThat(ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "logged")).isEqualTo("hello logged");
        String id = lastHeaders.get().get(REQUEST_ID);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(gw.accessLog()).contains(id));
        String line = Files.readAllLines(gw.accessLog()).stream().filter(l -> l.contains(id)).findFirst().orElseThrow();
        JsonNode entry = JSON.readTree(line);
        assertThat(entry.get("protocol").asString()).isEqualTo("HTTP/2.0");
        assertThat(entry.get("method").asString()).isEqualTo("POST");
        assertThat(entry.get("path").asString()).isEqualTo("/" + SERVICE + "/Say");
        assertThat(entry.get("status").asInt()).isEqualTo(200);
        assertThat(entry.get("router").asString()).isEqualTo("grpc@file");
        assertThat(entry.get("serverUrl").asString()).isEqualTo("h2c://127.0.0.1:" + grpcServer.getPort());
    }

    private static ServerServiceDefinition echoService() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(SAY, ServerCalls.asyncUnaryCall((String name, io.grpc.stub.StreamObserver<String> out) -> {
                    out.onNext("hello " + name);
                    out.onCompleted();
                }))
                .addMethod(COUNT, ServerCalls.asyncServerStreamingCall((String n, io.grpc.stub.StreamObserver<String> out) -> {
                    int total = Integer.parseInt(n);
                    for (int i = 1; i <= total; i++) {
                        out.onNext(i + " of " + total);
                    }
                    out.onCompleted();
                }))
                .addMethod(FIND, ServerCalls.asyncUnaryCall((String name, io.grpc.stub.StreamObserver<String> out) -> {
                    Metadata trailers = new Metadata();
                    trailers.put(DETAIL, "registry=v2; tried=3");
                    out.onError(Status.NOT_FOUND.withDescription("no model named " + name).asRuntimeException(trailers));
                }))
                .addMethod(HANG, ServerCalls.asyncUnaryCall((String name, io.grpc.stub.StreamObserver<String> out) ->
                        ((ServerCallStreamObserver<String>) out).setOnCancelHandler(latch(name)::countDown)))
                .build();
    }

    /** Keeps the request headers of the last call. */
    private static final class RecordHeaders implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                           ServerCallHandler<Q, A> next) {
            lastHeaders.set(headers);
            return next.startCall(call, headers);
        }
    }

    private static MethodDescriptor<String, String> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<String, String>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(Utf8.INSTANCE).setResponseMarshaller(Utf8.INSTANCE).build();
    }

    /** gRPC messages as UTF-8 text: enough for a test service, no protobuf. */
    private enum Utf8 implements MethodDescriptor.Marshaller<String> {
        INSTANCE;

        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
