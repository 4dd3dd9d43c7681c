package io.modelgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole service on random ports with its embedded H2 file store: {@code /auth} for every kind of
 * credential and refusal, the admin API on and off, the CLI on the same store, and tokens surviving a restart.
 */
class AuthServiceHttpTest {

    private static final String SECRET = "admin-secret-0123456789";
    private static final String ACTOR = "test";

    @TempDir
    Path dir;

    private ConfigurableApplicationContext app;

    private ConfigurableApplicationContext start(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--modelgate.auth.admin.port=0",
                "--modelgate.auth.admin.address=127.0.0.1", "--modelgate.auth.data-dir=" + dir, "--modelgate.auth.cache-max-age=45s"));
        args.addAll(List.of(extra));
        app = new SpringApplicationBuilder(AuthServiceApplication.class).run(args.toArray(String[]::new));
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private WebTestClient service() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port")).build();
    }

    private WebTestClient admin() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + app.getBean(AdminServer.class).port()).build();
    }

    private Tokens.Issued token(String user, List<String> scopes) {
        return app.getBean(TokenService.class).create(ACTOR, user, "free", scopes, null);
    }

    @Test
    void authAnswersWithIdentityAndMaxAge() {
        start();
        Tokens.Issued alice = token("alice", List.of("m1"));
        for (var request : List.<java.util.function.Function<WebTestClient.RequestHeadersSpec<?>, WebTestClient.RequestHeadersSpec<?>>>of(
                r -> r.header("Authorization", "Bearer " + alice.token()).header("X-Forwarded-Uri", "/api/v1/m1/predict"),
                r -> r.header("X-API-Key", alice.token()).header("X-Forwarded-Uri", "/api/v1/m1/predict"),
                r -> r.header("X-Forwarded-Uri", "/api/v1/m1/predict?api_key=" + alice.token()))) {
            var spec = service().get().uri("/auth");
            request.apply(spec).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Auth-User", "alice")
                    .expectHeader().valueEquals("X-Auth-Plan", "free")
                    .expectHeader().valueEquals("X-Auth-Token-Id", alice.id())
                    .expectHeader().valueEquals("Cache-Control", "max-age=45")
                    .expectHeader().doesNotExist("Set-Cookie");
        }
    }

    @Test
    void refusalsAreJsonAndNeverCacheable() {
        start();
        Tokens.Issued scoped = token("bob", List.of("m1"));
        service().get().uri("/auth").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"modelgate\"")
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json("{\"status\":401,\"error\":\"missing token\"}");
        service().get().uri("/auth").header("Authorization", "Bearer mgt_0123456789abcdef_" + "x".repeat(43)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"modelgate\", error=\"invalid_token\"")
                .expectBody().json("{\"status\":401,\"error\":\"invalid token\"}");
        service().get().uri("/auth").header("Authorization", "Bearer " + scoped.token())
                .header("X-Forwarded-Uri", "/api/v1/m2/predict").exchange()
                .expectStatus().isForbidden()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody().json("{\"status\":403,\"error\":\"token not valid for model 'm2'\"}");
        app.getBean(TokenService.class).revoke(ACTOR, scoped.id());
        service().get().uri("/auth").header("Authorization", "Bearer " + scoped.token())
                .header("X-Forwarded-Uri", "/api/v1/m1/predict").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().json("{\"status\":401,\"error\":\"token revoked\"}");
    }

    @Test
    void pathScopesDecideByMethodAndPathAndTheir200IsCacheableForThatTarget() {
        start();
        String app = "/api/v1/projects/demo_app/environments/prod/apps/document_tagging/";
        Tokens.Issued kortical = token("kortical", List.of("POST " + app));
        service().get().uri("/auth").header("X-Forwarded-Method", "POST")
                .header("X-Forwarded-Uri", app + "predict?api_key=" + kortical.token()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Auth-User", "kortical")
                .expectHeader().valueEquals("Cache-Control", "max-age=45"); // the gateway keys on the whole target
        service().get().uri("/auth").header("X-Forwarded-Method", "POST")
                .header("X-Forwarded-Uri", "/api/v1/projects/demo_app/environments/prod/apps/other/predict?api_key=" + kortical.token())
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().json("{\"status\":403,\"error\":\"token not valid for POST "
                        + "/api/v1/projects/demo_app/environments/prod/apps/other/predict\"}");
        service().get().uri("/auth").header("X-Forwarded-Method", "GET")
                .header("X-Forwarded-Uri", app + "predict?api_key=" + kortical.token()).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void thePlanTravelsAsHeadersAndAUsedUpQuotaIs429UntilTheMonthEnds() {
        start();
        app.getBean(PlanService.class).create(ACTOR, "metered", new PlanService.Change(List.of("*"), "5/s", "2"));
        Tokens.Issued t = app.getBean(TokenService.class).create(ACTOR, "nlp-user", "metered", List.of(), null);
        for (String remaining : List.of("1", "0")) {
            service().get().uri("/auth").header("X-API-Key", t.token()).header("X-Forwarded-Uri", "/api/v1/m/x").exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Auth-Plan", "metered")
                    .expectHeader().valueEquals("X-Auth-Rate-Limit", "5")
                    .expectHeader().valueEquals("X-Auth-Rate-Period", "1s")
                    .expectHeader().valueEquals("X-Auth-Quota-Limit", "2")
                    .expectHeader().valueEquals("X-Auth-Quota-Remaining", remaining)
                    .expectHeader().valueEquals("Cache-Control", "no-store");
        }
        service().get().uri("/auth").header("X-API-Key", t.token()).header("X-Forwarded-Uri", "/api/v1/m/x").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 31L * 24 * 3600))
                .expectHeader().valueEquals("X-Auth-Quota-Remaining", "0")
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e).contains("monthly quota of 2 requests used up"));
        app.getBean(UserService.class).setState(ACTOR, "nlp-user", UserRecord.State.SUSPENDED);
        service().get().uri("/auth").header("X-API-Key", t.token()).exchange()
                .expectStatus().isUnauthorized().expectBody().json("{\"status\":401,\"error\":\"user suspended\"}");
    }

    @Test
    void theAdminApiIsOffWithoutASecret() {
        start();
        assertThat(app.getBean(AdminServer.class).port()).isEqualTo(-1);
    }

    @Test
    void aShortAdminSecretStopsTheStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--modelgate.auth.admin.secret=short"))
                .hasStackTraceContaining("the admin secret must be at least 16 characters");
    }

    @Test
    void theAdminApiCreatesListsAndRevokesWithTheSecretFromAFile() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        start("--modelgate.auth.admin.secret-file=" + secretFile);
        admin().get().uri("/tokens").exchange().expectStatus().isUnauthorized();
        admin().get().uri("/tokens").header("Authorization", "Bearer wrong-secret-0123456789").exchange()
                .expectStatus().isUnauthorized();
        @SuppressWarnings("unchecked")
        Map<String, Object> created = admin().post().uri("/tokens").header("Authorization", "Bearer " + SECRET)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", "carol", "plan", "pro", "scopes", List.of("m1"), "expires", "7d"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String token = (String) created.get("token");
        String id = (String) created.get("id");
        assertThat(Tokens.parse(token).id()).isEqualTo(id);
        service().get().uri("/auth").header("X-API-Key", token).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Auth-User", "carol");
        String listed = admin().get().uri("/tokens").header("Authorization", "Bearer " + SECRET).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains(id).contains("carol").doesNotContain(Tokens.parse(token).secret());
        admin().post().uri("/tokens").header("Authorization", "Bearer " + SECRET).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"bad user\",\"plan\":\"free\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").value(e -> assertThat((String) e).contains("user must be"));
        admin().post().uri("/tokens").header("Authorization", "Bearer " + SECRET).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":").exchange().expectStatus().isBadRequest();
        @SuppressWarnings("unchecked")
        Map<String, Object> rotated = admin().post().uri("/tokens/" + id + "/rotate").header("Authorization", "Bearer " + SECRET)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("overlap", "1h"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String successor = (String) rotated.get("token");
        assertThat(rotated.get("user")).isEqualTo("carol");
        assertThat(rotated.get("scopes")).isEqualTo(List.of("m1"));
        @SuppressWarnings("unchecked")
        Map<String, Object> replaced = (Map<String, Object>) rotated.get("replaces");
        assertThat(replaced).containsEntry("id", id).containsEntry("replacedBy", rotated.get("id"));
        service().get().uri("/auth").header("X-API-Key", successor).exchange().expectStatus().isOk();
        service().get().uri("/auth").header("X-API-Key", token).exchange().expectStatus().isOk()
                .expectHeader().value("Cache-Control", c -> assertThat(c).isEqualTo("max-age=45"));
        admin().post().uri("/tokens/" + id + "/rotate").header("Authorization", "Bearer " + SECRET).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.error").value(e -> assertThat((String) e).contains("already rotated"));
        admin().post().uri("/tokens/ffffffffffffffff/rotate").header("Authorization", "Bearer " + SECRET).exchange()
                .expectStatus().isNotFound();
        admin().post().uri("/tokens/" + rotated.get("id") + "/rotate").header("Authorization", "Bearer " + SECRET)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("overlap", "soon")).exchange()
                .expectStatus().isBadRequest();
        admin().delete().uri("/tokens/" + id).header("Authorization", "Bearer " + SECRET).exchange().expectStatus().isNoContent();
        admin().delete().uri("/tokens/ffffffffffffffff").header("Authorization", "Bearer " + SECRET).exchange().expectStatus().isNotFound();
        admin().delete().uri("/tokens/nope").header("Authorization", "Bearer " + SECRET).exchange().expectStatus().isBadRequest();
        service().get().uri("/auth").header("X-API-Key", token).exchange().expectStatus().isUnauthorized();
    }

    /** Runs the jar's CLI as {@code main} would (its exit code), capturing what it prints on stdout. */
    private static String cli(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(AuthServiceApplication.mode(args)).isEqualTo(AuthServiceApplication.Mode.CLI);
            assertThat(AuthServiceApplication.cli(args)).as("exit code of %s", List.of(args)).isZero();
        } finally {
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCliRunsItsCommandWithSettingsBeforeOrAfterIt() {
        String dataDir = "--modelgate.auth.data-dir=" + dir;
        String token = cli(dataDir, "token", "create", "--user", "erin", "--plan", "free").strip();
        assertThat(Tokens.parse(token)).as("stdout is exactly the token").isNotNull();
        assertThat(cli(dataDir, "token", "list")).contains(Tokens.parse(token).id());
        assertThat(cli("token", "list", dataDir)).contains(Tokens.parse(token).id());
        assertThat(Files.exists(dir.resolve("modelgate-auth.mv.db"))).as("the store under the given data dir").isTrue();
    }

    @Test
    void theAdminApiManagesUsersAndPlansAndTheAuditNamesWhoDidWhat() throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"), """
                # name secret
                ops-alice alice-secret-0123456789
                billing   billing-secret-0123456789
                """);
        start("--modelgate.auth.admin.credentials-file=" + credentials);
        WebTestClient alice = admin().mutate().defaultHeader("Authorization", "Bearer alice-secret-0123456789").build();
        WebTestClient billing = admin().mutate().defaultHeader("Authorization", "Bearer billing-secret-0123456789").build();
        admin().get().uri("/users").exchange().expectStatus().isUnauthorized();

        billing.post().uri("/plans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "pro", "scopes", List.of("*"), "rate", "10/s", "monthlyQuota", 1000)).exchange()
                .expectStatus().isCreated().expectBody().json("{\"name\":\"pro\",\"rate\":\"10/s\",\"monthlyQuota\":1000}");
        billing.post().uri("/plans").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "pro")).exchange()
                .expectStatus().isBadRequest();
        billing.patch().uri("/plans/pro").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("monthlyQuota", "none"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.monthlyQuota").isEmpty();
        billing.patch().uri("/plans/gold").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("rate", "1/s"))
                .exchange().expectStatus().isNotFound();
        billing.get().uri("/plans").exchange().expectStatus().isOk().expectBody().jsonPath("$[0].name").isEqualTo("pro");

        alice.post().uri("/users").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "erin", "plan", "pro"))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.state").isEqualTo("active");
        alice.post().uri("/users").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "erin", "plan", "nope"))
                .exchange().expectStatus().isBadRequest();
        @SuppressWarnings("unchecked")
        Map<String, Object> created = alice.post().uri("/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", "erin")).exchange().expectStatus().isCreated().expectBody(Map.class)
                .returnResult().getResponseBody();
        service().get().uri("/auth").header("X-API-Key", (String) created.get("token")).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Auth-Plan", "pro");
        alice.post().uri("/users/erin/suspend").exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("suspended");
        service().get().uri("/auth").header("X-API-Key", (String) created.get("token")).exchange().expectStatus().isUnauthorized();
        alice.post().uri("/users/erin/resume").exchange().expectStatus().isOk();
        alice.post().uri("/users/nobody/resume").exchange().expectStatus().isNotFound();
        app.getBean(UsageCounter.class).flush();
        alice.get().uri("/users/erin").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plan").isEqualTo("pro")
                .jsonPath("$.tokens[0].id").isEqualTo(created.get("id"))
                .jsonPath("$.tokens[0].requests").isEqualTo(1)
                .jsonPath("$.tokens[0].lastUsed").isNotEmpty();
        alice.get().uri("/tokens?user=erin").exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1);
        alice.get().uri("/users").exchange().expectStatus().isOk().expectBody().jsonPath("$[0].name").isEqualTo("erin");

        alice.get().uri("/audit?limit=4").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(4)
                .jsonPath("$[0].action").isEqualTo("user.resume")
                .jsonPath("$[0].actor").isEqualTo("ops-alice")
                .jsonPath("$[3].action").isEqualTo("user.create");
        billing.get().uri("/audit?target=pro").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].action").isEqualTo("plan.update")
                .jsonPath("$[0].actor").isEqualTo("billing")
                .jsonPath("$[1].action").isEqualTo("plan.create");
        alice.get().uri("/audit?limit=lots").exchange().expectStatus().isBadRequest();
    }

    @Test
    void theCliManagesUsersAndPlansAndTheAuditNamesTheCli() {
        String dataDir = "--modelgate.auth.data-dir=" + dir;
        assertThat(cli(dataDir, "plan", "create", "pro", "--rate", "600/m", "--quota", "5000")).contains("plan pro");
        assertThat(cli(dataDir, "user", "create", "frank", "--plan", "pro")).contains("user frank: plan pro, active");
        String token = cli(dataDir, "token", "create", "--user", "frank").strip();
        assertThat(cli(dataDir, "user", "suspend", "frank")).contains("suspended");
        assertThat(cli(dataDir, "plan", "list")).contains("pro").contains("600/m").contains("5000");
        assertThat(cli(dataDir, "user", "list")).contains("frank").contains("suspended");
        assertThat(cli(dataDir, "user", "show", "frank")).contains(Tokens.parse(token).id()).contains("monthly quota 5000");
        assertThat(cli(dataDir, "audit", "list")).contains("user.suspend").contains("token.create").contains("plan.create")
                .contains(Cli.actor());
    }

    @Test
    void tokensFromTheCliWorkAndSurviveARestart() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        start();
        int code = Cli.run(new TokenCli.Command.Create("dave", "free", List.of(), null), app.getBean(Services.class), "cli:test",
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(Tokens.parse(token)).as("stdout is exactly the token").isNotNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("shown once").doesNotContain(token);
        app.close();

        start(); // same data directory: the H2 file
        service().get().uri("/auth").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Auth-User", "dave");
        assertThat(Files.exists(dir.resolve("modelgate-auth.mv.db"))).isTrue();
    }
}
