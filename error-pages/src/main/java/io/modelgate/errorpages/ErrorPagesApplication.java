package io.modelgate.errorpages;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** modelgate error pages: a tiny WebFlux app; {@code healthcheck} as the only argument pings a running one. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ErrorPagesApplication {

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("healthcheck")) {
            System.exit(HealthCheck.run(System.getenv()));
        }
        SpringApplication.run(ErrorPagesApplication.class, args);
    }
}
