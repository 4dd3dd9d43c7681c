package io.modelgate.gateway.config;

import io.modelgate.discovery.rule.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code trusted-ips} ranges, parsed once at start-up; a typo is a start-up error naming the entry,
 * never a silently untrusted (or trusted) client.
 */
public final class TrustedNetworks implements Predicate<InetAddress> {

    private final List<Cidr> ranges = new ArrayList<>();

    public TrustedNetworks(List<String> specs) {
        for (String spec : specs) {
            try {
                ranges.add(Cidr.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("modelgate.entrypoints.web.forwarded-headers.trusted-ips: " + e.getMessage());
            }
        }
    }

    @Override
    public boolean test(InetAddress address) {
        for (Cidr c : ranges) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "TrustedNetworks" + ranges;
    }
}
