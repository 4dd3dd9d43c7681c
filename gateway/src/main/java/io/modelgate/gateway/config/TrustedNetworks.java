package io.modelgate.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A set of IP ranges ({@code 10.0.0.0/8}, {@code ::1}) parsed once at start-up; a typo is a start-up
 * error naming the entry, never a silently untrusted (or trusted) client.
 */
public final class TrustedNetworks implements Predicate<InetAddress> {

    private final List<byte[]> networks = new ArrayList<>();
    private final List<Integer> prefixes = new ArrayList<>();
    private final List<String> specs;

    public TrustedNetworks(List<String> specs) {
        this.specs = List.copyOf(specs);
        for (String spec : specs) {
            String s = spec.trim();
            int slash = s.indexOf('/');
            String ip = slash < 0 ? s : s.substring(0, slash);
            if (!ip.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("trusted-ips: '" + spec + "' is not an IP address or CIDR");
            }
            byte[] addr;
            try {
                addr = InetAddress.getByName(ip).getAddress(); // a literal: no DNS lookup happens
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("trusted-ips: '" + spec + "' is not an IP address or CIDR");
            }
            int bits = addr.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("trusted-ips: '" + spec + "' has a bad prefix length");
                }
            }
            networks.add(addr);
            prefixes.add(prefix);
        }
    }

    @Override
    public boolean test(InetAddress address) {
        byte[] a = address.getAddress();
        for (int i = 0; i < networks.size(); i++) {
            byte[] n = networks.get(i);
            if (n.length == a.length && samePrefix(n, a, prefixes.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] n, byte[] a, int prefix) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (n[i] != a[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (n[full] & mask) == (a[full] & mask);
    }

    @Override
    public String toString() {
        return "TrustedNetworks" + specs;
    }
}
