package io.modelgate.discovery.rule;

import java.net.InetAddress;
import java.util.List;

/** What a rule may look at in a request. The gateway implements it lazily on top of its HTTP objects. */
public interface RequestFacts {

    /** The Host without port, lower case; {@code ""} if none. IPv6 literals keep their brackets. */
    String host();

    /** The path without the query string, as received (after dot-segment removal). */
    String path();

    String method();

    /** All values of a header (name case-insensitive); empty if none. */
    List<String> headers(String name);

    /** All values of a query parameter; empty if none. */
    List<String> queryParams(String name);

    InetAddress clientAddress();
}
