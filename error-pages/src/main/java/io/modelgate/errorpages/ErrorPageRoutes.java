package io.modelgate.errorpages;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;
import static org.springframework.web.reactive.function.server.RequestPredicates.all;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /{status}.html}, {@code /{status}.json}, {@code /{status}} (by Accept) and {@code /ping}.
 * A page fetch answers 200: the gateway's errors middleware keeps the original status and uses only the
 * body and content type. Nothing from the request (query, forwarded URI headers) is put into a page.
 * Everything else is a small plain 404.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorPageRoutes {

    static final String CACHE_CONTROL = "public, max-age=300";

    @Bean
    PageOverrides pageOverrides(ErrorPagesProperties properties) {
        return new PageOverrides(properties.dir());
    }

    @Bean
    RouterFunction<ServerResponse> errorPages(PageOverrides overrides) {
        return route(GET("/ping").or(HEAD("/ping")), req -> plain(HttpStatus.OK, "OK"))
                .andRoute(GET("/{page}").or(HEAD("/{page}")), req -> page(req, overrides))
                .andRoute(all(), req -> notFound());
    }

    private static Mono<ServerResponse> page(ServerRequest req, PageOverrides overrides) {
        String name = req.pathVariable("page");
        PageFormat format;
        String status;
        boolean negotiated = false;
        if (name.endsWith(".html")) {
            format = PageFormat.HTML;
            status = name.substring(0, name.length() - 5);
        } else if (name.endsWith(".json")) {
            format = PageFormat.JSON;
            status = name.substring(0, name.length() - 5);
        } else {
            format = PageFormat.fromAccept(req.headers().firstHeader(HttpHeaders.ACCEPT));
            status = name;
            negotiated = true;
        }
        Optional<ErrorPage> page = ErrorPageCatalog.find(status);
        if (page.isEmpty()) {
            return notFound();
        }
        boolean vary = negotiated;
        return Mono.fromCallable(() -> overrides.find(page.get(), format)
                        .orElseGet(() -> PageRenderer.render(page.get(), format).getBytes(StandardCharsets.UTF_8)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(body -> {
                    ServerResponse.BodyBuilder ok = ServerResponse.ok()
                            .header(HttpHeaders.CONTENT_TYPE, format.contentType())
                            .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                            .header("X-Content-Type-Options", "nosniff");
                    if (vary) {
                        ok.header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
                    }
                    return ok.bodyValue(body);
                });
    }

    static Mono<ServerResponse> notFound() {
        return plain(HttpStatus.NOT_FOUND, "404 not found");
    }

    private static Mono<ServerResponse> plain(HttpStatus status, String text) {
        return ServerResponse.status(status)
                .header(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .bodyValue(text + "\n");
    }
}
