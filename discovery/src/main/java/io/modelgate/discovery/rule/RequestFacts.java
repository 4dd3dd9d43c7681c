package io.modelgate.discovery.rule;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/** What a rule may look at in a request. The gateway implements it lazily on top of its HTTP objects. */
public interface RequestFacts {

    /**
     * The Host without port, in {@link #canonicalHost} form; {@code ""} if none. IPv6 literals keep their
     * brackets.
     */
    String host();

    /**
     * A host name as rules compare it, for both sides of {@code Host}: lower case, and a fully qualified name
     * ({@code a.local.}) without the root's dot, as in Traefik.
     */
    static String canonicalHost(String name) {
        String h = name.toLowerCase(Locale.ROOT);
        return h.length() > 1 && h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The path without the query string, as received (after dot-segment removal). */
    String path();

    String method();

    /** All values of a header (name case-insensitive); empty if none. */
    List<String> headers(String name);

    /** All values of a query parameter; empty if none. */
    List<String> queryParams(String name);

    InetAddress clientAddress();
}
