package io.modelgate.gateway;

import io.modelgate.gateway.audit.AuditCommand;
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
        SpringApplication.run(ModelgateApplication.class, args);
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
