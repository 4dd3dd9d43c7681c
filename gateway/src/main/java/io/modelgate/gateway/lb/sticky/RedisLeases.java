package io.modelgate.gateway.lb.sticky;

import io.modelgate.gateway.lb.UpstreamServer;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Dedicated leases in Redis, so several gateway replicas agree on who holds which instance. One Lua script
 * renews or takes a lease atomically: a key's lease ({@code <prefix>key:<key>} → server) and the server's
 * owner ({@code <prefix>srv:<server>} → key) both expire after the idle time.
 */
public final class RedisLeases implements DedicatedLeases {

    private static final String SCRIPT = """
            local keyLease = KEYS[1]
            local srvPrefix = ARGV[1]
            local idle = tonumber(ARGV[2])
            local key = ARGV[3]
            local held = redis.call('GET', keyLease)
            if held then
              for i = 4, #ARGV do
                if ARGV[i] == held then
                  local owner = redis.call('GET', srvPrefix .. held)
                  if owner == key or not owner then
                    redis.call('SET', srvPrefix .. held, key, 'PX', idle)
                    redis.call('PEXPIRE', keyLease, idle)
                    return held
                  end
                end
              end
              redis.call('DEL', keyLease)
            end
            for i = 4, #ARGV do
              if redis.call('SET', srvPrefix .. ARGV[i], key, 'NX', 'PX', idle) then
                redis.call('SET', keyLease, ARGV[i], 'PX', idle)
                return ARGV[i]
              end
            end
            return false
            """;

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final long idleMillis;

    RedisLeases(RedisAsyncCommands<String, String> redis, String service, Duration idle) {
        this.redis = redis;
        this.prefix = "modelgate:lease:" + service + ":";
        this.idleMillis = idle.toMillis();
    }

    @Override
    public CompletionStage<UpstreamServer> acquire(String key, List<UpstreamServer> servers, Predicate<UpstreamServer> usable) {
        List<String> args = new ArrayList<>(List.of(prefix + "srv:", Long.toString(idleMillis), key));
        // draining servers take no lease here (a lease held on one moves at its next request)
        List<UpstreamServer> candidates = servers.stream().filter(s -> usable.test(s) && !s.draining()).toList();
        candidates.forEach(s -> args.add(s.url()));
        CompletionStage<String> result = redis.eval(SCRIPT, ScriptOutputType.VALUE,
                new String[] {prefix + "key:" + key}, args.toArray(String[]::new));
        return result.thenApply(url -> url == null ? null
                : candidates.stream().filter(s -> s.url().equals(url)).findFirst().orElse(null));
    }
}
