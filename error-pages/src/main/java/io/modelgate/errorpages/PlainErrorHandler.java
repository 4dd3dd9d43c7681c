package io.modelgate.errorpages;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Any error the routes did not answer becomes one short plain-text line with its status: no Whitelabel page,
 * no stack trace, no echo of the request. Runs before Boot's own error handler (order -1).
 */
@Component
@Order(-2)
class PlainErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PlainErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatusCode status = ex instanceof ResponseStatusException rse ? rse.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.warn("error answering {}", exchange.getRequest().getPath(), ex);
        }
        byte[] body = (status.value() + " " + reason(status) + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.clear();
        if (ex instanceof ResponseStatusException rse) {
            headers.addAll(rse.getHeaders()); // e.g. Allow on 405
        }
        headers.set(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static String reason(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT) : "error";
    }
}
