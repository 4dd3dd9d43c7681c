package io.modelgate.gateway;

import io.modelgate.gateway.audit.AuditCommand;
import io.modelgate.gateway.traefik.TraefikStartup;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * modelgate: Spring Boot wires and configures; the request path is Netty ({@code proxy} package). The same jar
 * has two commands that start neither: {@code healthcheck} and {@code audit verify FILE…}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ModelgateApplication {

    public static void main(String[] args) {
        int command = firstCommand(args);
        if (command >= 0 && args[command].equals("audit")) {
            // the gateway's own settings may come before it (an image's ENTRYPOINT); they are not needed here
            System.exit(AuditCommand.run(List.of(args).subList(command + 1, args.length), System.out, System.err));
        }
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

    /** The first argument that is not an option ({@code --name=value}), or -1: the gateway itself. */
    static int firstCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return -1;
    }
}
