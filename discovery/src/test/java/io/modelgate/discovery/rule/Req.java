package io.modelgate.discovery.rule;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request fixture: {@code req().host("a.example").path("/x").header("X-A", "1")}. */
final class Req implements RequestFacts {

    private String host = "example.com";
    private String path = "/";
    private String method = "GET";
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private InetAddress client = InetAddress.getLoopbackAddress();

    static Req req() {
        return new Req();
    }

    Req host(String h) {
        host = h;
        return this;
    }

    Req path(String p) {
        path = p;
        return this;
    }

    Req method(String m) {
        method = m;
        return this;
    }

    Req header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        return this;
    }

    Req query(String name, String value) {
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    Req client(String ip) {
        try {
            client = InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    @Override
    public InetAddress clientAddress() {
        return client;
    }

    @Override
    public String toString() {
        return method + " " + host + path + " headers=" + headers + " query=" + query + " client=" + client.getHostAddress();
    }
}
