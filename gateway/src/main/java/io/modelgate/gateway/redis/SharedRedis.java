package io.modelgate.gateway.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * One Lettuce client and its connections: text values (leases) and binary values (Bucket4j's bucket state).
 * Lettuce reconnects by itself; while it is disconnected, commands are rejected rather than queued, and no
 * command waits longer than {@link #COMMAND_TIMEOUT}: a request never hangs on a missing Redis.
 */
public final class SharedRedis implements AutoCloseable {

    /** The longest any command may take before it fails. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> strings;
    private final StatefulRedisConnection<String, byte[]> bytes;

    private SharedRedis(RedisClient client) {
        this.client = client;
        this.strings = client.connect();
        this.bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    /**
     * Connects to {@code url} ({@code redis://host:6379}) now.
     *
     * @throws RuntimeException if Redis cannot be reached
     */
    public static SharedRedis connect(String url) {
        RedisClient client = RedisClient.create(url);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        try {
            return new SharedRedis(client);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** Commands with text keys and values. */
    public RedisAsyncCommands<String, String> strings() {
        return strings.async();
    }

    /** Commands with text keys and binary values. */
    public RedisAsyncCommands<String, byte[]> bytes() {
        return bytes.async();
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
