package io.modelgate.gateway.middleware.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import io.modelgate.discovery.config.RateLimitSpec;
import io.modelgate.discovery.config.RateLimitSpec.Limit;
import io.modelgate.discovery.config.SourceCriterion;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.modelgate.gateway.pipeline.Identity;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token-bucket arithmetic, sources and plans, on a clock the test moves (no sleeps). */
class RateLimitMiddlewareTest {

    /** One clock for Bucket4j and Caffeine. */
    static final class Clock implements TimeMeter, Ticker {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    final Clock clock = new Clock();
    final RateLimits limits = RateLimits.inMemory(clock, clock);

    static HttpRequest from(String ip) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        r.headers().set("X-Forwarded-For", ip).set("Host", "models.example");
        return r;
    }

    static RecordingContinuation call(RateLimitMiddleware m, HttpRequest r, Identity who) {
        return RecordingContinuation.decide(m, r, who);
    }

    static RateLimitMiddleware limit(RateLimits limits, long average, Duration period, long burst) {
        return limits.middleware("rl@file", new RateLimitSpec(new Limit(average, period, burst), null, Map.of()));
    }

    @Test
    void aFullBucketPassesBurstRequestsThenRefusesWithRetryAfter() {
        RateLimitMiddleware m = limit(limits, 2, Duration.ofSeconds(1), 3);
        for (int i = 0; i < 3; i++) {
            assertThat(call(m, from("10.0.0.1"), null).proceeded()).as("request %d of the burst", i).isTrue();
        }
        RecordingContinuation refused = call(m, from("10.0.0.1"), null);
        assertThat(refused.proceeded()).isFalse();
        assertThat(refused.refusedStatus()).isEqualTo(429);
        // 2 per second: the next token comes in 500 ms, announced as 1 s (whole seconds, rounded up)
        assertThat(refused.refusedHeaders()).containsEntry("Retry-After", "1").containsEntry("RateLimit-Limit", "2")
                .containsEntry("RateLimit-Remaining", "0").containsEntry("RateLimit-Reset", "1");
        assertThat(m.rejected()).isEqualTo(1);
    }

    @Test
    void tokensComeBackAtAveragePerPeriod() {
        RateLimitMiddleware m = limit(limits, 6, Duration.ofMinutes(1), 1); // one per 10 s
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        clock.advance(Duration.ofSeconds(9));
        RecordingContinuation early = call(m, from("10.0.0.1"), null);
        assertThat(early.refusedStatus()).isEqualTo(429);
        assertThat(early.refusedHeaders()).containsEntry("Retry-After", "1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        assertThat(call(m, from("10.0.0.1"), null).refusedHeaders()).containsEntry("Retry-After", "10");
    }

    @Test
    void aRateAboveTheBurstStillRefillsAtTheAverage() {
        RateLimitMiddleware m = limit(limits, 100, Duration.ofSeconds(1), 1); // Traefik's default burst
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        assertThat(call(m, from("10.0.0.1"), null).refusedStatus()).isEqualTo(429);
        clock.advance(Duration.ofMillis(10));
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        // 100 per second for a second: 100 pass, not more, however the bucket is drawn
        int passed = 0;
        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(1));
            passed += call(m, from("10.0.0.1"), null).proceeded() ? 1 : 0;
        }
        assertThat(passed).isEqualTo(100);
    }

    @Test
    void eachSourceHasItsOwnBucket() {
        RateLimitMiddleware m = limit(limits, 1, Duration.ofSeconds(1), 1);
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isFalse();
        assertThat(call(m, from("10.0.0.2"), null).proceeded()).as("another client").isTrue();
    }

    @Test
    void anAverageOfZeroIsNoLimit() {
        RateLimitMiddleware m = limit(limits, 0, null, 1);
        for (int i = 0; i < 50; i++) {
            assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        }
    }

    @Test
    void plansHaveTheirOwnLimitsPerUser() {
        RateLimitMiddleware m = limits.middleware("rl@file", new RateLimitSpec(new Limit(1, null, 1),
                new SourceCriterion(null, null, false, true),
                Map.of("free", new Limit(2, null, 2), "pro", new Limit(5, null, 5))));
        Identity free = new Identity("ann", "Free", null);
        Identity pro = new Identity("bob", "pro", "tok-1");
        Identity planless = Identity.user("cid");
        assertThat(passes(m, free)).isEqualTo(2);
        assertThat(passes(m, pro)).isEqualTo(5);
        assertThat(passes(m, planless)).as("no plan: the middleware's own limit").isEqualTo(1);
        assertThat(passes(m, new Identity("dan", "enterprise", null))).as("a plan not listed: the default").isEqualTo(1);
        assertThat(passes(m, new Identity("eve", "free", null))).as("each user of a plan has a bucket").isEqualTo(2);
    }

    private int passes(RateLimitMiddleware m, Identity who) {
        int n = 0;
        for (int i = 0; i < 20; i++) {
            n += call(m, from("10.0.0.9"), who).proceeded() ? 1 : 0;
        }
        return n;
    }

    @Test
    void aBucketForgottenAfterItRefilledComesBackFull() {
        RateLimitMiddleware m = limit(limits, 1, Duration.ofSeconds(10), 2);
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isFalse();
        clock.advance(Duration.ofSeconds(20)); // refilled, then expired from the cache: the same either way
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isTrue();
        assertThat(call(m, from("10.0.0.1"), null).proceeded()).isFalse();
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        Limit l = new Limit(1, null, 1);
        assertThat(RateLimitMiddleware.refusalHeaders(l, 1)).containsEntry("Retry-After", "1");
        assertThat(RateLimitMiddleware.refusalHeaders(l, 1_000_000_001L)).containsEntry("Retry-After", "2");
        assertThat(RateLimitMiddleware.refusalHeaders(l, 0)).containsEntry("Retry-After", "1");
    }
}
