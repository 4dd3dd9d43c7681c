package io.modelgate.gateway.proxy.codec;

import io.netty.buffer.ByteBuf;

/**
 * Checks the raw bytes of one request head (request line and header lines, up to the empty line) before
 * Netty's decoder reads it, for what the decoder accepts leniently or cannot see once it has parsed:
 * <ul>
 *   <li>request line: exactly {@code method SP target SP version CRLF}; the method a token of at most
 *       {@value #MAX_METHOD} characters (longer is 400, even before the line is complete, so a huge method is
 *       not answered 414); the target visible ASCII only (no NUL, controls, spaces, bytes above 0x7E, which also
 *       covers overlong UTF-8) and no fragment; the version exactly {@code HTTP/1.0} or {@code HTTP/1.1}
 *       (case-sensitive; another well-formed {@code HTTP/x.y} is 505);</li>
 *   <li>header lines: no obs-fold (a line that starts with SP or HTAB), no bare CR or bare LF.</li>
 * </ul>
 * Pure: no state, no Netty pipeline, so it is unit-tested and fuzzed on its own.
 */
public final class HeadScanner {

    /** Longest method accepted; the longest registered one ({@code UPDATEREDIRECTREF}) has 17 characters. */
    public static final int MAX_METHOD = 32;
    /** Empty lines tolerated before a request line (RFC 9112 §2.2 asks to ignore at least one). */
    private static final int MAX_LEADING_EMPTY_LINES = 4;

    /** The scan needs more bytes. */
    public static final int INCOMPLETE = -1;

    private HeadScanner() {
    }

    /**
     * Scans the head at the reader index of {@code buf} without moving it.
     *
     * @return the head's length in bytes (through its empty line), or {@link #INCOMPLETE}
     * @throws RefusedHead when the head must be refused, with its status
     */
    public static int scan(ByteBuf buf, int maxInitialLine, int maxHeaderBytes) {
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        int i = start;
        int empty = 0;
        while (i + 1 < end && buf.getByte(i) == '\r' && buf.getByte(i + 1) == '\n') {
            if (++empty > MAX_LEADING_EMPTY_LINES) {
                throw new RefusedHead(400, "bad request: empty lines before the request line");
            }
            i += 2;
        }
        if (i < end && buf.getByte(i) == '\r' && i + 1 == end) {
            return INCOMPLETE;
        }
        int lineEnd = requestLine(buf, i, end, maxInitialLine);
        if (lineEnd == INCOMPLETE) {
            return INCOMPLETE;
        }
        int headerStart = lineEnd;
        i = lineEnd;
        while (true) {
            if (i - headerStart > maxHeaderBytes) {
                throw new RefusedHead(431, "request header fields too large");
            }
            if (i >= end) {
                return INCOMPLETE;
            }
            byte first = buf.getByte(i);
            if (first == '\r') {
                if (i + 1 >= end) {
                    return INCOMPLETE;
                }
                if (buf.getByte(i + 1) != '\n') {
                    throw new RefusedHead(400, "bad request: bare CR");
                }
                return i + 2 - start;
            }
            if (first == '\n') {
                throw new RefusedHead(400, "bad request: bare LF");
            }
            if (first == ' ' || first == '\t') {
                throw new RefusedHead(400, "bad request: obs-fold (a header line that starts with whitespace)");
            }
            int next = headerLine(buf, i, end);
            if (next == INCOMPLETE) {
                if (end - headerStart > maxHeaderBytes) {
                    throw new RefusedHead(431, "request header fields too large");
                }
                return INCOMPLETE;
            }
            i = next;
        }
    }

    /** The index after the request line's CRLF, or INCOMPLETE. */
    private static int requestLine(ByteBuf buf, int from, int end, int maxInitialLine) {
        int i = from;
        while (i < end && isTchar(buf.getByte(i))) {
            i++;
            if (i - from > MAX_METHOD) {
                throw new RefusedHead(400, "bad request: method too long");
            }
        }
        if (i == end) {
            return INCOMPLETE;
        }
        if (i == from || buf.getByte(i) != ' ') {
            throw new RefusedHead(400, "bad request: malformed method");
        }
        i++;
        int targetStart = i;
        while (i < end) {
            byte b = buf.getByte(i);
            if (b == ' ') {
                break;
            }
            if (b < 0x21 || b > 0x7E) {
                throw new RefusedHead(400, b == '\r' || b == '\n' ? "bad request: no HTTP version"
                        : "bad request: control, space or non-ASCII byte in the request target");
            }
            if (b == '#') {
                throw new RefusedHead(400, "bad request: fragment in the request target");
            }
            i++;
            if (i - from > maxInitialLine) {
                throw new RefusedHead(414, "uri too long");
            }
        }
        if (i == end) {
            return INCOMPLETE;
        }
        if (i == targetStart) {
            throw new RefusedHead(400, "bad request: empty request target");
        }
        i++; // the SP
        if (end - i < 10) {
            // not enough for "HTTP/x.y\r\n": refuse early what can never become a valid version
            for (int k = i; k < end; k++) {
                if (buf.getByte(k) == ' ' || buf.getByte(k) == '\n') {
                    throw new RefusedHead(400, "bad request: malformed request line");
                }
            }
            return INCOMPLETE;
        }
        version(buf, i);
        if (buf.getByte(i + 8) != '\r' || buf.getByte(i + 9) != '\n') {
            throw new RefusedHead(400, "bad request: malformed request line");
        }
        return i + 10;
    }

    private static void version(ByteBuf buf, int i) {
        boolean shaped = buf.getByte(i) == 'H' && buf.getByte(i + 1) == 'T' && buf.getByte(i + 2) == 'T'
                && buf.getByte(i + 3) == 'P' && buf.getByte(i + 4) == '/' && isDigit(buf.getByte(i + 5))
                && buf.getByte(i + 6) == '.' && isDigit(buf.getByte(i + 7));
        if (!shaped) {
            throw new RefusedHead(400, "bad request: malformed HTTP version");
        }
        if (buf.getByte(i + 5) != '1' || (buf.getByte(i + 7) != '0' && buf.getByte(i + 7) != '1')) {
            throw new RefusedHead(505, "http version not supported");
        }
    }

    /** The index after a header line's CRLF, or INCOMPLETE; its contents are Netty's to check. */
    private static int headerLine(ByteBuf buf, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = buf.getByte(i);
            if (b == '\n') {
                throw new RefusedHead(400, "bad request: bare LF");
            }
            if (b == '\r') {
                if (i + 1 >= end) {
                    return INCOMPLETE;
                }
                if (buf.getByte(i + 1) != '\n') {
                    throw new RefusedHead(400, "bad request: bare CR");
                }
                return i + 2;
            }
        }
        return INCOMPLETE;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** RFC 9110 §5.6.2 tchar. */
    static boolean isTchar(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || isDigit(b)) {
            return true;
        }
        return switch (b) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
