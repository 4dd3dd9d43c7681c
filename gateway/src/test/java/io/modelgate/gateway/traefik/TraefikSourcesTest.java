package io.modelgate.gateway.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.traefik.TraefikTranslator.Option;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where Traefik's static configuration is found, which one source is used, and how each is read. */
class TraefikSourcesTest {

    private static final Map<Path, String> NO_FILES = Map.of();

    static TraefikSources.Read read(String[] args, Map<String, String> env, Map<Path, String> files) {
        return TraefikSources.read(args, env, files::get);
    }

    static List<String> keyValues(TraefikSources.Read r) {
        return r.options().stream().map(o -> o.key() + "=" + o.value()).toList();
    }

    @Test
    void traefikFlagsAreTakenAndTheRestGoesToSpring() {
        TraefikSources.Read r = read(new String[] {"traefik", "--entrypoints.web.address=:80", "--modelgate.admin.port=9",
                "--accesslog", "--log.level", "DEBUG", "--API.Insecure=true", "--spring.main.banner-mode=off"}, Map.of(), NO_FILES);
        assertThat(r.source()).isEqualTo("flags");
        assertThat(keyValues(r)).containsExactly("entrypoints.web.address=:80", "accesslog=", "log.level=DEBUG", "api.insecure=true");
        assertThat(r.springArgs()).containsExactly("--modelgate.admin.port=9", "--spring.main.banner-mode=off");
        assertThat(r.options().getFirst().written()).isEqualTo("--entrypoints.web.address=:80");
    }

    @Test
    void traefikVariablesAreReadWhenThereAreNoFlags() {
        TraefikSources.Read r = read(new String[] {"--modelgate.admin.port=9"}, Map.of("TRAEFIK_ENTRYPOINTS_WEB_ADDRESS", ":80",
                "TRAEFIK_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT", "false", "PATH", "/bin"), NO_FILES);
        assertThat(r.source()).isEqualTo("environment");
        assertThat(keyValues(r)).containsExactly("entrypoints.web.address=:80", "providers.docker.exposedbydefault=false");
        assertThat(r.options().getFirst().written()).isEqualTo("TRAEFIK_ENTRYPOINTS_WEB_ADDRESS");
        assertThat(r.ignored()).isEmpty();
    }

    @Test
    void flagsWinOverVariablesAndTheVariablesAreNamedAsIgnored() {
        TraefikSources.Read r = read(new String[] {"--entrypoints.web.address=:80"}, Map.of("TRAEFIK_LOG_LEVEL", "DEBUG"), NO_FILES);
        assertThat(keyValues(r)).containsExactly("entrypoints.web.address=:80");
        assertThat(r.ignored()).singleElement().asString().startsWith("TRAEFIK_* variables (TRAEFIK_LOG_LEVEL …): the flags are used");
    }

    @Test
    void aTraefikYmlInEtcTraefikWinsOverFlagsAndVariables() {
        String yml = """
                entryPoints:
                  web:
                    address: ":80"
                    forwardedHeaders:
                      trustedIPs: ["10.0.0.0/8", "172.16.0.0/12"]
                  websecure:
                    address: ":443"
                    http:
                      tls:
                        domains:
                          - main: example.com
                            sans: ["a.example.com"]
                providers:
                  docker:
                    exposedByDefault: false
                api: {}
                ping:
                accessLog: {}
                """;
        TraefikSources.Read r = read(new String[] {"--log.level=DEBUG"}, Map.of("TRAEFIK_API", "true"),
                Map.of(Path.of("/etc/traefik/traefik.yml"), yml));
        assertThat(r.source()).isEqualTo("/etc/traefik/traefik.yml");
        assertThat(keyValues(r)).containsExactly("entrypoints.web.address=:80",
                "entrypoints.web.forwardedheaders.trustedips=10.0.0.0/8,172.16.0.0/12", "entrypoints.websecure.address=:443",
                "entrypoints.websecure.http.tls.domains[0].main=example.com",
                "entrypoints.websecure.http.tls.domains[0].sans=a.example.com",
                "providers.docker.exposedbydefault=false", "api=", "ping=", "accesslog=");
        assertThat(r.options().getFirst().written()).isEqualTo("entryPoints.web.address (traefik.yml)");
        assertThat(r.ignored()).hasSize(2);
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void aTraefikTomlIsReadLikeTheYaml() {
        String toml = """
                [entryPoints.web]
                  address = ":80"
                [entryPoints.web.http.redirections.entryPoint]
                  to = "websecure"
                [providers.swarm]
                  network = "models"
                [log]
                  level = "INFO"
                """;
        TraefikSources.Read r = read(new String[0], Map.of("HOME", "/home/op"), Map.of(Path.of("/home/op/.config/traefik.toml"), toml));
        assertThat(r.source()).isEqualTo("/home/op/.config/traefik.toml");
        assertThat(keyValues(r)).containsExactlyInAnyOrder("entrypoints.web.address=:80",
                "entrypoints.web.http.redirections.entrypoint.to=websecure", "providers.swarm.network=models", "log.level=INFO");
    }

    @Test
    void configFileNamesTheFileAndAMissingOneIsAnError() {
        TraefikSources.Read found = read(new String[] {"--configFile=/srv/t.yaml"}, Map.of(),
                Map.of(Path.of("/srv/t.yaml"), "log: { level: WARN }"));
        assertThat(keyValues(found)).containsExactly("log.level=WARN");
        TraefikSources.Read missing = read(new String[] {"--configfile=/srv/none.yml"}, Map.of(), NO_FILES);
        assertThat(missing.errors()).containsExactly("configFile /srv/none.yml: no such file");
    }

    @Test
    void aFileThatDoesNotParseIsOneError() {
        TraefikSources.Read r = read(new String[0], Map.of(), Map.of(Path.of("./traefik.yml"), "entryPoints: [unclosed"));
        assertThat(r.errors()).singleElement().asString().startsWith("./traefik.yml: line 1: ");
    }

    /** Found by TraefikTranslatorFuzzTest (seed yaml-recursive-map): the flattening recursed until the stack overflowed. */
    @Test
    void anAliasThatContainsItselfIsOneError() {
        TraefikSources.Read r = read(new String[0], Map.of(), Map.of(Path.of("./traefik.yml"), "api: &x\n  b: *x\n"));
        assertThat(r.errors()).singleElement().asString()
                .startsWith("./traefik.yml: nested deeper than 32 levels at api.b.b.b").endsWith("(an alias that contains itself?)");
    }

    /** Found by TraefikTranslatorFuzzTest (seed env-nul-in-home): Path.of threw InvalidPathException out of read. */
    @Test
    void placesThatAreNoPathsAreSkippedOrOneError() {
        TraefikSources.Read env = read(new String[0], Map.of("HOME", "/ro\0ot", "XDG_CONFIG_HOME", "\0", "TRAEFIK_LOG_LEVEL", "INFO"),
                Map.of(Path.of("./traefik.yml"), "log: { level: WARN }"));
        assertThat(env.errors()).isEmpty();
        assertThat(keyValues(env)).containsExactly("log.level=WARN");
        TraefikSources.Read flag = read(new String[] {"--configFile=/srv/\0.yml"}, Map.of(), NO_FILES);
        assertThat(flag.errors()).containsExactly("configFile /srv/\0.yml: not a valid path");
    }

    @Test
    void aliasesThatMultiplyTheOptionsAreOneError() {
        StringBuilder yaml = new StringBuilder("a0: &a0 {x: 1, y: 2, z: 3, w: 4}\n");
        for (int i = 1; i < 8; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" {p: *a").append(i - 1).append(", q: *a").append(i - 1)
                    .append(", r: *a").append(i - 1).append(", s: *a").append(i - 1).append("}\n");
        }
        TraefikSources.Read r = read(new String[0], Map.of(), Map.of(Path.of("./traefik.yml"), yaml.toString()));
        assertThat(r.errors()).containsExactly("./traefik.yml: more than 10000 options (aliases that multiply?)");
    }

    @Test
    void theTranslationCanBeTurnedOff() {
        Map<Path, String> files = Map.of(Path.of("/etc/traefik/traefik.yml"), "log: { level: WARN }");
        String[] args = {"--modelgate.traefik.enabled=false", "--log.level=DEBUG"};
        TraefikSources.Read off = read(args, Map.of(), files);
        assertThat(off.source()).isNull();
        assertThat(off.options()).isEmpty();
        assertThat(off.springArgs()).containsExactly(args);
        assertThat(read(new String[0], Map.of("MODELGATE_TRAEFIK_ENABLED", "false"), files).source()).isNull();
        assertThat(read(new String[0], Map.of(), files).source()).isEqualTo("/etc/traefik/traefik.yml");
    }

    @Test
    void noTraefikConfigurationAtAll() {
        TraefikSources.Read r = read(new String[] {"--modelgate.providers.file.path=/x.yml"}, Map.of("HOME", "/root"), NO_FILES);
        assertThat(r.source()).isNull();
        assertThat(r.options()).isEmpty();
        assertThat(r.springArgs()).containsExactly("--modelgate.providers.file.path=/x.yml");
    }

    @Test
    void theHealthCheckFindsTheAdminPortTheFlagsChose() {
        assertThat(TraefikStartup.adminPort(new String[] {"--api.insecure=true"}, Map.of())).isEqualTo("8080");
        assertThat(TraefikStartup.adminPort(new String[] {"--entrypoints.traefik.address=:9000"}, Map.of())).isEqualTo("9000");
        assertThat(TraefikStartup.adminPort(new String[] {"--api.insecure", "--modelgate.admin.port=7000"}, Map.of())).isEqualTo("7000");
        assertThat(TraefikStartup.adminPort(new String[0], Map.of("MODELGATE_ADMIN_PORT", "7001"))).isEqualTo("7001");
        assertThat(TraefikStartup.adminPort(new String[0], Map.of())).isEqualTo("8081");
    }

    @Test
    void optionKeysAreLowerCase() {
        assertThat(new Option("x", "EntryPoints.Web.Address", ":80").key()).isEqualTo("entrypoints.web.address");
    }
}
