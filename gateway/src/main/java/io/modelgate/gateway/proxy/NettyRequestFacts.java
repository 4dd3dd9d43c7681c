package io.modelgate.gateway.proxy;

import io.modelgate.discovery.rule.RequestFacts;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** What rules see of a Netty request. The query string is decoded only if a rule asks for it. */
final class NettyRequestFacts implements RequestFacts {

    private final HttpRequest request;
    private final String host;
    private final String path;
    private final InetAddress client;
    private Map<String, List<String>> query;

    NettyRequestFacts(HttpRequest request, String host, String path, InetAddress client) {
        this.request = request;
        this.host = host;
        this.path = path;
        this.client = client;
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
        return request.method().name();
    }

    @Override
    public List<String> headers(String name) {
        return request.headers().getAll(name);
    }

    @Override
    public List<String> queryParams(String name) {
        if (query == null) {
            query = new QueryStringDecoder(request.uri()).parameters();
        }
        return query.getOrDefault(name, List.of());
    }

    @Override
    public InetAddress clientAddress() {
        return client;
    }
}
