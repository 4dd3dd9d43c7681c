package io.modelgate.discovery.rule;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP range: {@code 10.0.0.0/8}, {@code fd00::/8}, or a single address. Parsed from literals only (no DNS).
 *
 * @param network the network address bytes (4 or 16)
 * @param bits    prefix length
 * @param text    as written
 */
public record Cidr(byte[] network, int bits, String text) {

    private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    /** @throws IllegalArgumentException if {@code text} is not an IP address or CIDR */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String ip = slash < 0 ? s : s.substring(0, slash);
        if (!IP_CHARS.matcher(ip).matches() || (ip.indexOf(':') < 0 && ip.indexOf('.') < 0)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR");
        }
        byte[] addr;
        try {
            addr = InetAddress.getByName(ip).getAddress(); // a literal: never a DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR");
        }
        int max = addr.length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length (0-" + max + ")");
            }
        }
        return new Cidr(addr, bits, s);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.bits == bits && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + bits;
    }

    @Override
    public String toString() {
        return text;
    }
}
