package io.modelgate.gateway.lb.sticky;

import io.modelgate.discovery.config.StickySpec;
import io.modelgate.gateway.lb.PassiveHealth;
import io.modelgate.gateway.lb.RoundRobinSelector;
import io.modelgate.gateway.lb.ServerSelector;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.UpstreamServer;
import java.util.List;

/**
 * Builds a service's pool from its sticky settings: which affinity ({@link Affinity}: cookie, key or
 * dedicated) is decided once here, so the request path only calls the chosen selector.
 */
public final class StickySelectors {

    private final StickyCookies cookies;
    private final LeaseRegistry leases;

    public StickySelectors(StickyCookies cookies, LeaseRegistry leases) {
        this.cookies = cookies;
        this.leases = leases;
    }

    /** The service's pool; {@code sticky} null for plain round robin. */
    public ServicePool pool(String name, List<UpstreamServer> servers, boolean passHostHeader, StickySpec sticky,
                            PassiveHealth health) {
        RoundRobinSelector rr = new RoundRobinSelector(servers, health);
        ServerSelector selector = sticky == null ? rr : switch (Affinity.of(sticky)) {
            case Affinity.Cookie c -> new CookieSelector(c.spec(), name, servers, cookies, rr, health);
            case Affinity.Key k -> new KeySelector(k.source(), servers, rr, health);
            case Affinity.Dedicated d -> new DedicatedSelector(d.source(), servers, leases.forService(name, d.idle()), health);
        };
        return new ServicePool(name, servers, selector, rr, health, passHostHeader);
    }

    /** A service's session affinity, one of three kinds. */
    public sealed interface Affinity {

        record Cookie(StickySpec.CookieSpec spec) implements Affinity {
        }

        record Key(AffinityKey source) implements Affinity {
        }

        record Dedicated(AffinityKey source, java.time.Duration idle) implements Affinity {
        }

        static Affinity of(StickySpec spec) {
            if (spec.cookie() != null) {
                return new Cookie(spec.cookie());
            }
            AffinityKey key = AffinityKey.parse(spec.key());
            return spec.dedicated() ? new Dedicated(key, spec.dedicatedIdle()) : new Key(key);
        }
    }
}
