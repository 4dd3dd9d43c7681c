package io.modelgate.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** modelgate: Spring Boot wires and configures; the request path is Netty ({@code proxy} package). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ModelgateApplication {

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("healthcheck")) {
            System.exit(HealthCheck.run(System.getenv()));
        }
        SpringApplication.run(ModelgateApplication.class, args);
    }
}
