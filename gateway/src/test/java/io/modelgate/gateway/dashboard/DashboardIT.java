package io.modelgate.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import io.modelgate.gateway.docker.DockerLab;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium) against the real gateway with real traffic to real loopback backends and a real Docker container
 * whose labels are wrong: pages render, problems appear without a reload, a server that goes down shows as
 * down within seconds, the recent errors and the auditor's filter show who called what, a {@code <script>}
 * in a label stays text, and the dashboard also works through {@code api@internal} on the web entry point.
 * Each wait polls the DOM. The screenshots go to {@code target/dashboard/}, and to the docs' own
 * ({@code docs/dashboard/}) only when asked with {@code -Dmodelgate.docs.screenshots=true}: a test run must not
 * leave a clone's working tree changed.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of(Boolean.getBoolean("modelgate.docs.screenshots") ? "../docs/dashboard" : "target/dashboard");
    private static final Duration SECONDS = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private WebDriver browser;

    @BeforeEach
    void chromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "DashboardIT needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): "
                        + "apt-get install chromium chromium-driver (.ci/run does)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1050", "--lang=en");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void liveDashboardOfARealGateway() throws Exception {
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), htpasswd("alice", "alice-pw") + "\n"
                + htpasswd("bob", "bob-pw") + "\n");
        try (DockerLab lab = new DockerLab();
             TestBackend one = new TestBackend("one");
             TestBackend two = new TestBackend("two");
             GatewayInstance gw = new GatewayInstance(dir, routes(htpasswd, one, two, ""),
                     "--modelgate.admin.dashboard.refresh=1s", "--modelgate.providers.docker.enabled=true",
                     "--modelgate.providers.docker.constraints=Label(`" + DockerLab.LABEL + "`,`" + lab.run() + "`)")) {
            // the active health check passes once before a server takes requests
            await().atMost(SECONDS).until(() -> gw.admin("/api/http/services/sentiment-svc@file").get("serverStatus")
                    .toString().equals("{\"" + one.url() + "\":\"UP\",\"" + two.url() + "\":\"UP\"}"));
            traffic(gw);
            String admin = "http://127.0.0.1:" + gw.adminPort();

            // overview: entry points, routers with traffic, no problems yet
            browser.get(admin + "/dashboard/");
            assertThat(browser.getTitle()).isEqualTo("modelgate · Overview");
            waitFor(() -> text("routers").contains("sentiment@file") && text("problems-section").contains("No configuration problems"));
            assertThat(text("entrypoints")).contains("web");
            ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");

            // a bad file route and a Docker container with bad labels appear as problems, without a reload
            gw.writeRoutes(routes(htpasswd, one, two, """
                    broken: { rule: "PathPrefix(`/broken`)", service: missing }
                    """));
            String container = badContainer(lab);
            waitFor(() -> text("problems-section").contains("service missing@file does not exist")
                    && text("problems-section").contains("evil-" + lab.run()));
            assertThat(reloaded()).as("the live part was swapped in, the page was not reloaded").isFalse();
            assertThat(text("routers")).as("the label's <script> is shown as text")
                    .contains("Host(`<script>document.title='pwned'</script>`) &&");
            assertThat(browser.getTitle()).as("and never ran").isEqualTo("modelgate · Overview");
            assertThat(browser.findElements(By.tagName("script"))).as("only the page's own htmx").hasSize(1);
            traffic(gw); // more requests while the page is open: the rates and percentiles of the window move
            waitFor(() -> row("routers", "sentiment@file").matches("(?s).*[1-9][0-9.]* ms.*"));
            assertThat(row("routers", "sentiment@file")).contains(" 24 ").contains("25.0 %");
            shot("overview");

            // router page: rule, chain, service, servers, traffic
            browser.findElement(By.linkText("sentiment@file")).click();
            waitFor(() -> text("chain").contains("auth@file"));
            assertThat(text("router")).contains("PathPrefix(`/api`)").contains("sentiment-svc@file");
            assertThat(state(one)).isEqualTo("up");
            waitFor(() -> text("traffic").matches("(?s).*[1-9][0-9.]* ms.*"));
            shot("router");

            // a server that goes down shows as down on the open service page
            browser.get(admin + "/dashboard/services/sentiment-svc@file");
            waitFor(() -> "up".equals(state(two)));
            ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
            long stopped = System.nanoTime();
            two.close();
            waitFor(() -> "down".equals(state(two)));
            System.out.printf("DashboardIT: server shown down %d ms after it stopped%n",
                    (System.nanoTime() - stopped) / 1_000_000);
            assertThat(state(one)).isEqualTo("up");
            assertThat(reloaded()).isFalse();
            assertThat(text("servers")).as("the failed check says why").containsIgnoringCase("connection refused");
            shot("service-down");

            // recent errors: status, router, server, user, request id
            browser.get(admin + "/dashboard/errors");
            waitFor(() -> text("errors").contains("503"));
            assertThat(text("errors")).contains("sentiment@file", one.url(), "alice", "404", "/nowhere");
            shot("errors");

            // the auditor's view, filtered by user and status class through the form
            browser.get(admin + "/dashboard/audit");
            waitFor(() -> text("records").contains("bob"));
            browser.findElement(By.name("user")).sendKeys("alice");
            new Select(browser.findElement(By.name("status"))).selectByValue("5xx");
            browser.findElement(By.cssSelector("#audit-filter button")).click();
            waitFor(() -> browser.getCurrentUrl().contains("user=alice") && text("records").contains("503"));
            List<WebElement> rows = browser.findElements(By.cssSelector("#records tbody tr"));
            assertThat(rows).hasSize(6).allSatisfy(r -> assertThat(r.getText()).contains("alice").contains("503")
                    .doesNotContain("bob"));
            shot("audit");

            // the same pages through api@internal on the web entry point
            browser.get("http://127.0.0.1:" + gw.port() + "/dashboard/services/sentiment-svc@file");
            waitFor(() -> "down".equals(state(two)) && text("updated").startsWith("updated"));
            String first = text("updated");
            waitFor(() -> !text("updated").equals(first)); // htmx polls through the internal service too
            assertThat(cspViolations()).isEmpty();
            lab.docker().removeContainerCmd(container).withForce(true).exec();
        }
    }

    private static String routes(Path htpasswd, TestBackend one, TestBackend two, String moreRouters) {
        return """
                http:
                  routers:
                    sentiment: { rule: "PathPrefix(`/api`)", service: sentiment-svc, middlewares: [auth] }
                    dashboard: { rule: "PathPrefix(`/dashboard`)", service: api@internal }
                %s
                  middlewares:
                    auth: { basicAuth: { usersFile: "%s" } }
                  services:
                    sentiment-svc:
                      loadBalancer:
                        servers: [ { url: "%s" }, { url: "%s" } ]
                        healthCheck: { path: /health, interval: 500ms, timeout: 300ms }
                """.formatted(moreRouters.indent(4).stripTrailing(), htpasswd, one.url(), two.url());
    }

    /** 200s for alice and bob, 503s for alice, a 404 and a 401: what the error and audit pages then show. */
    private static void traffic(GatewayInstance gw) throws IOException {
        for (int i = 0; i < 4; i++) {
            assertThat(get(gw, "/api/predict", "alice", "alice-pw")).isEqualTo(200);
            assertThat(get(gw, "/api/predict", "bob", "bob-pw")).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(get(gw, "/api/status/503", "alice", "alice-pw")).isEqualTo(503);
        }
        assertThat(get(gw, "/nowhere", null, null)).isEqualTo(404);
        assertThat(get(gw, "/api/predict", "alice", "wrong")).isEqualTo(401);
    }

    private static int get(GatewayInstance gw, String path, String user, String password) throws IOException {
        String auth = user == null ? "" : "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
        return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: models.localhost\r\n" + auth
                + "Connection: close\r\n\r\n").status();
    }

    /** A container whose router has a broken rule holding a script: a problem, shown as text. */
    private static String badContainer(DockerLab lab) {
        Map<String, String> labels = new HashMap<>(lab.label());
        String router = "modelgate.http.routers.evil-" + lab.run();
        labels.put(router + ".rule", "Host(`<script>document.title='pwned'</script>`) &&");
        labels.put(router + ".service", "sentiment-svc@file");
        String id = lab.docker().createContainerCmd(DockerLab.BASE_IMAGE).withName(lab.run() + "-evil")
                .withCmd("sleep", "600").withLabels(labels).withHostConfig(HostConfig.newHostConfig()).exec().getId();
        lab.docker().startContainerCmd(id).exec();
        return id;
    }

    private static String htpasswd(String user, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("htpasswd", "-nbB", user, password).redirectErrorStream(true).start();
        String entry = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(entry).isZero();
        return entry;
    }

    /** Polls the DOM until {@code condition} holds (the page refreshes itself every second). */
    private void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, SECONDS, Duration.ofMillis(200))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The text of the row of table {@code id} whose first cell is {@code name}. */
    private String row(String id, String name) {
        return browser.findElement(By.xpath("//table[@id='" + id + "']/tbody/tr[td[1][normalize-space()='" + name + "']]"))
                .getText();
    }

    /** The state cell of a backend's row on a service or router page. */
    private String state(TestBackend backend) {
        return browser.findElement(By.cssSelector("tr[data-url='" + backend.url() + "'] td.state")).getText();
    }

    private boolean reloaded() {
        return !Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true"));
    }

    private List<String> cspViolations() {
        return browser.manage().logs().get("browser").getAll().stream().map(Object::toString)
                .filter(l -> l.contains("Content Security Policy") || l.contains("Refused to")).toList();
    }

    private void shot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
