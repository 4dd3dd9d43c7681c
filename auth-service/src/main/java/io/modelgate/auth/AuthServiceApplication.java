package io.modelgate.auth;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The service ({@code java -jar modelgate-auth.jar}), its CLI ({@code … token|user|plan|audit …}) and its
 * container healthcheck ({@code … healthcheck}), all in one jar.
 */
@SpringBootApplication
@EnableConfigurationProperties(AuthProperties.class)
public class AuthServiceApplication {

    public static void main(String[] args) {
        // The embedded H2 store runs in AUTO_SERVER mode so the CLI works while the service runs; its port must
        // never be reachable from the network (user sa, no password): loopback only, i.e. inside the container.
        System.setProperty("h2.bindAddress", System.getProperty("h2.bindAddress", "127.0.0.1"));
        switch (mode(args)) {
            case HEALTHCHECK -> System.exit(HealthCheck.run(args));
            case CLI -> System.exit(cli(args));
            case SERVICE -> SpringApplication.run(AuthServiceApplication.class, args);
        }
    }

    /** What the jar was asked to do. */
    enum Mode { SERVICE, HEALTHCHECK, CLI }

    /**
     * The first argument that is not an option ({@code --…}) is the command, wherever the configuration
     * arguments are: {@code --modelgate.auth.data-dir=/x token list} runs {@code token list}. No command: the
     * service. A word that is no command goes to the CLI, which names it (rather than starting the service).
     */
    static Mode mode(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals("healthcheck") ? Mode.HEALTHCHECK : Mode.CLI;
            }
        }
        return Mode.SERVICE;
    }

    /** The CLI: arguments checked before anything starts, then a context without web servers. */
    static int cli(String[] args) {
        Cli.Command command;
        try {
            command = Cli.parse(java.util.Arrays.stream(args).filter(a -> !TokenCli.isSetting(a)).toArray(String[]::new));
        } catch (TokenCli.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Cli.USAGE);
            return 2;
        }
        String[] springArgs = java.util.Arrays.stream(args).filter(TokenCli::isSetting).toArray(String[]::new);
        // stdout carries only the result (a new token can be captured with $(…)); log lines go to stderr
        java.io.PrintStream stdout = System.out;
        System.setOut(System.err);
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(AuthServiceApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .properties("logging.level.root=warn", "logging.level.io.modelgate=warn")
                .run(springArgs)) {
            return Cli.run(command, ctx.getBean(Services.class), Cli.actor(), stdout, System.err);
        } catch (RuntimeException e) {
            System.err.println("error: cannot open the token store: " + rootMessage(e));
            return 1;
        } finally {
            System.setOut(stdout);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Db db(DataSource dataSource) {
        return new Db(dataSource);
    }

    @Bean
    TokenStore tokenStore(Db db) {
        return new TokenStore(db);
    }

    @Bean
    AuditLog auditLog(Db db, Clock clock) {
        return new AuditLog(db, clock);
    }

    @Bean
    PlanService planService(Db db, AuditLog audit, Clock clock) {
        return new PlanService(db, new PlanStore(db), audit, clock);
    }

    @Bean
    UserService userService(Db db, PlanService plans, AuditLog audit, Clock clock) {
        return new UserService(db, new UserStore(db), plans, audit, clock);
    }

    @Bean
    TokenService tokenService(Db db, TokenStore store, UserService users, AuditLog audit, Clock clock) {
        return new TokenService(db, store, users, audit, clock);
    }

    @Bean
    QuotaStore quotaStore(Db db) {
        return new QuotaStore(db);
    }

    @Bean
    Services services(TokenService tokens, UserService users, PlanService plans, QuotaStore quotas, AuditLog audit,
                      Clock clock) {
        return new Services(tokens, users, plans, quotas, audit, clock);
    }

    @Bean
    QuotaCounter quotaCounter(QuotaStore store, Clock clock) {
        return new QuotaCounter(store, clock);
    }

    @Bean
    UsageCounter usageCounter(TokenStore store) {
        return new UsageCounter(store::addUsage);
    }

    @Bean
    AccessCheck accessCheck(TokenStore store, AuditLog audit, QuotaCounter quotas, UsageCounter usage, Clock clock,
                            AuthProperties props) {
        var lookups = new TokenLookups(store, props.lookupCacheTtl(), clock).forgetOnEveryChange(audit);
        return new AccessCheck(lookups, quotas, usage, clock);
    }

    @Bean
    @ConditionalOnWebApplication
    CountFlusher countFlusher(QuotaCounter quotas, UsageCounter usage, AuthProperties props) {
        return new CountFlusher(List.of(quotas::flush, usage::flush), props.counts().flushInterval());
    }

    @Bean
    @ConditionalOnWebApplication
    RouterFunction<ServerResponse> authRoutes(AccessCheck access, AuthProperties props) {
        return AuthRoutes.routes(access, props);
    }

    @Bean
    @ConditionalOnWebApplication
    AdminServer adminServer(AuthProperties props, Services services) {
        return new AdminServer(props.admin(), services);
    }
}
