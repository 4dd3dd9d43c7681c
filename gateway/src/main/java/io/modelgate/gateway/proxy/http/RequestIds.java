package io.modelgate.gateway.proxy.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the client's {@code X-Request-Id} when it is a sane token, else a fresh random one. */
public final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    public static String fromClientOrNew(String clientValue) {
        return isSane(clientValue) ? clientValue : generate();
    }

    /** 1–128 chars of {@code [A-Za-z0-9._:-]}: safe in logs, headers and JSON without escaping. */
    public static boolean isSane(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** 128 random bits as 32 hex chars; ThreadLocalRandom because ids need uniqueness, not secrecy. */
    public static String generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[32];
        long hi = r.nextLong();
        long lo = r.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
            out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
        }
        return new String(out);
    }
}
