package io.modelgate.gateway;

import io.modelgate.gateway.traefik.TraefikStartup;
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
        SpringApplication app = new SpringApplication(ModelgateApplication.class);
        // Traefik's command:, TRAEFIK_* variables or traefik.yml, translated (docs/migrating-from-traefik.md)
        String[] springArgs = TraefikStartup.prepare(app, args, System.getenv(), System.err).orElse(null);
        if (springArgs == null) {
            System.exit(2);
        }
        app.run(springArgs);
    }
}
