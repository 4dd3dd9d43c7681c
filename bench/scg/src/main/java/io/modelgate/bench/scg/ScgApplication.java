package io.modelgate.bench.scg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway with one route, {@code Path=/**} to {@code bench.backend} (application.yml): the same
 * route as modelgate's benchmark router {@code PathPrefix(`/`)}. Everything else is Spring Cloud Gateway's
 * defaults, so the benchmark measures the stock product, as it does for nginx and HAProxy.
 */
@SpringBootApplication
public class ScgApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScgApplication.class, args);
    }
}
