package io.modelgate.gateway.docker;

import io.modelgate.gateway.testsupport.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.TaskSpec;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Swarm mode on a real single-node swarm. The gateway runs as a Swarm service on an overlay network with
 * the Docker socket mounted (it must: this host has no route to overlay addresses) and a host-mode
 * published port; model services are created, scaled, updated and removed with the Docker API.
 */
class SwarmIT {

    static DockerLab lab;
    static String network;
    static String modelV1;
    static String modelV2;
    static int webPort;
    static int adminPort;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        lab = new DockerLab();
        var swarm = lab.docker().infoCmd().exec().getSwarm();
        Assumptions.assumeTrue(swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE,
                "needs a single-node swarm (../shared/docker-lab/setup.sh --swarm)");
        modelV1 = lab.buildModelImage("1");
        modelV2 = lab.buildModelImage("2");
        String gatewayImage = lab.buildImage(gatewayContext(), "gateway");
        network = "mg-" + lab.run();
        lab.docker().createNetworkCmd().withName(network).withDriver("overlay").withAttachable(true)
                .withLabels(lab.label()).exec();
        webPort = FreePorts.next();
        adminPort = FreePorts.next();
        Map<String, String> env = Map.of(
                "MODELGATE_PROVIDERS_DOCKER_ENABLED", "true",
                "MODELGATE_PROVIDERS_DOCKER_SWARMMODE", "true",
                "MODELGATE_PROVIDERS_DOCKER_NETWORK", network,
                // only this run's services: other runs share the engine
                "MODELGATE_PROVIDERS_DOCKER_CONSTRAINTS", "Label(`" + DockerLab.LABEL + "`,`" + lab.run() + "`)",
                "MODELGATE_ACCESS_LOG_ENABLED", "false",
                "MODELGATE_ADMIN_ADDRESS", "0.0.0.0"); // published below; the image keeps it on loopback
        ServiceSpec gateway = new ServiceSpec().withName("gw-" + lab.run()).withLabels(lab.label())
                .withTaskTemplate(new TaskSpec()
                        .withContainerSpec(new ContainerSpec().withImage(gatewayImage).withLabels(lab.label())
                                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                                .withMounts(List.of(new Mount().withType(MountType.BIND).withReadOnly(true)
                                        .withSource("/var/run/docker.sock").withTarget("/var/run/docker.sock"))))
                        .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(network))))
                .withEndpointSpec(new EndpointSpec().withPorts(List.of(hostPort(webPort, 8080), hostPort(adminPort, 8081))))
                .withMode(replicated(1));
        lab.docker().createServiceCmd(gateway).exec();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> get(adminPort, "/ping").body().equals("OK"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** The image's build context: the Dockerfile and the packaged jar, nothing else. */
    static Path gatewayContext() throws IOException {
        Path ctx = Files.createTempDirectory("gateway-image");
        Files.copy(Path.of("Dockerfile"), ctx.resolve("Dockerfile"));
        Files.createDirectories(ctx.resolve("target"));
        Files.copy(Path.of("target/modelgate-gateway.jar"), ctx.resolve("target/modelgate-gateway.jar"));
        return ctx;
    }

    static PortConfig hostPort(int published, int target) {
        return new PortConfig().withPublishMode(PortConfig.PublishMode.host).withPublishedPort(published)
                .withTargetPort(target).withProtocol(PortConfigProtocol.TCP);
    }

    static ServiceModeConfig replicated(int n) {
        return new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(n));
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int status(String path) {
        try {
            return get(webPort, path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static ServiceSpec modelService(String name, String image, String model, int replicas) {
        Map<String, String> labels = new HashMap<>(lab.label());
        labels.put("modelgate.model", model);
        labels.put("modelgate.model.port", "8000");
        return new ServiceSpec().withName(name).withLabels(labels)
                .withTaskTemplate(new TaskSpec()
                        .withContainerSpec(new ContainerSpec().withImage(image).withLabels(lab.label())
                                .withEnv(List.of("MODEL_NAME=" + model)).withStopGracePeriod(Duration.ofSeconds(5).toNanos()))
                        .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(network))))
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.VIP))
                .withMode(replicated(replicas));
    }

    static int servers(String model) {
        try {
            HttpResponse<String> r = get(adminPort, "/api/http/services/model-" + model + "@docker");
            if (r.statusCode() != 200) {
                return -1;
            }
            return r.body().split("\"url\"", -1).length - 1;
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void modelServicesAreFollowedThroughCreateScaleAndRemove() throws Exception {
        String model = "scale-" + lab.run();
        String svc = "m-" + model;
        String id = lab.docker().createServiceCmd(modelService(svc, modelV1, model, 1)).exec().getId();
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/api/v1/" + model + "/p") == 200);

        var current = lab.docker().inspectServiceCmd(id).exec();
        lab.docker().updateServiceCmd(id, current.getSpec().withMode(replicated(3)))
                .withVersion(current.getVersion().getIndex()).exec();
        await().atMost(Duration.ofSeconds(60)).until(() -> servers(model) == 3);
        Set<String> instances = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            HttpResponse<String> r = get(webPort, "/api/v1/" + model + "/p");
            assertThat(r.statusCode()).isEqualTo(200);
            instances.add(r.headers().firstValue("X-Instance").orElseThrow());
        }
        assertThat(instances).as("round robin over the 3 task IPs, not a VIP").hasSize(3);

        lab.docker().removeServiceCmd(id).exec();
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/api/v1/" + model + "/p") == 404);
    }

    @Test
    void missingPortLabelIsAReportedProblem() throws Exception {
        String model = "noport-" + lab.run();
        ServiceSpec spec = modelService("m-" + model, modelV1, model, 1);
        spec.getLabels().remove("modelgate.model.port");
        lab.docker().createServiceCmd(spec).exec();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String problems = get(adminPort, "/api/problems").body();
            return problems.contains("service m-" + model) && problems.contains("port is missing");
        });
        assertThat(status("/api/v1/" + model)).isEqualTo(404);
    }

    @Test
    void rollingImageUpdateUnderLoadLosesNoRequest() throws Exception {
        rollingUpdateUnderLoad("roll-" + lab.run(), false);
    }

    @Test
    void rollingUpdateOfAStickyServiceLosesNoRequest() throws Exception {
        rollingUpdateUnderLoad("sticky-" + lab.run(), true);
    }

    private void rollingUpdateUnderLoad(String model, boolean sticky) throws Exception {
        ServiceSpec spec = modelService("m-" + model, modelV1, model, 2);
        if (sticky) {
            spec.getLabels().put("modelgate.http.services.model-" + model + ".loadbalancer.sticky.key", "query:session");
        }
        String id = lab.docker().createServiceCmd(spec).exec().getId();
        await().atMost(Duration.ofSeconds(60)).until(() -> servers(model) == 2 && status("/api/v1/" + model) == 200);

        if (sticky) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                seen.add(get(webPort, "/api/v1/" + model + "/predict?session=alice").headers().firstValue("X-Instance").orElseThrow());
            }
            assertThat(seen).as("alice sticks to one task before the update").hasSize(1);
        }
        AtomicBoolean loading = new AtomicBoolean(true);
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<String> versions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (loading.get() && sent.get() < 20_000 && System.nanoTime() < deadline) {
                sent.incrementAndGet();
                try {
                    HttpResponse<String> r = get(webPort, "/api/v1/" + model + "/predict" + (sticky ? "?session=alice" : ""));
                    if (r.statusCode() != 200) {
                        failures.add(r.statusCode() + " " + r.body().strip());
                    } else {
                        versions.add(r.body().replaceAll(".*\"version\":\"(\\d+)\".*", "$1").strip());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        var current = lab.docker().inspectServiceCmd(id).exec();
        ServiceSpec next = current.getSpec();
        next.getTaskTemplate().getContainerSpec().withImage(modelV2);
        lab.docker().updateServiceCmd(id, next).withVersion(current.getVersion().getIndex()).exec();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> allTasksOn(id, modelV2) && servers(model) == 2);
            // keep the load on a little longer, through the last task swap
            int mark = sent.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() > mark + 200);
        } finally {
            loading.set(false);
            load.get();
        }
        assertThat(failures).as("failed requests out of %d", sent.get()).isEmpty();
        assertThat(versions).contains("1", "2");
        assertThat(sent.get()).isGreaterThan(200);
    }

    static boolean allTasksOn(String serviceId, String image) {
        var tasks = lab.docker().listTasksCmd().withServiceFilter(serviceId).exec().stream()
                .filter(t -> t.getDesiredState() == com.github.dockerjava.api.model.TaskState.RUNNING).toList();
        return tasks.size() == 2 && tasks.stream().allMatch(t -> t.getStatus().getState()
                == com.github.dockerjava.api.model.TaskState.RUNNING
                && t.getSpec().getContainerSpec().getImage().startsWith(image));
    }

    @Test
    void gatewayAnswersOnItsPublishedPort() throws Exception {
        assertThat(get(adminPort, "/ping").body()).isEqualTo("OK");
        RawHttp.Response r = RawHttp.exchange(webPort, "GET /nowhere HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(404);
    }
}
