package io.modelgate.errorpages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;

class PlainErrorHandlerTest {

    private final PlainErrorHandler handler = new PlainErrorHandler();

    @Test
    void anUnexpectedFailureIsAPlain500WithoutDetails() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/503.html?url=<x>"));
        handler.handle(exchange, new IllegalStateException("secret detail at /etc/modelgate")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getFirst("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("500 internal server error\n");
    }

    @Test
    void aStatusExceptionKeepsItsStatusAndHeaders() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
        handler.handle(exchange, new MethodNotAllowedException(HttpMethod.PUT, Set.of(HttpMethod.GET))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(exchange.getResponse().getHeaders().getAllow()).containsExactly(HttpMethod.GET);
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("405 method not allowed\n");
    }
}
