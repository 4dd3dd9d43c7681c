package io.modelgate.gateway.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

import static org.awaitility.Awaitility.await;

/**
 * The Docker side of the integration tests: builds the test images from local base images (there is no
 * registry here), labels everything it creates with one run id and removes it all by that label.
 */
public final class DockerLab implements AutoCloseable {

    /** Base image for test images: a local JRE 25 image on the team machines (docker-lab's {@code jre25-slim}). */
    public static final String BASE_IMAGE = System.getProperty("modelgate.it.baseImage", "local/jre:25-slim");
    /** Outside the modelgate. and traefik. prefixes, which the gateway reads. */
    public static final String LABEL = "docker-lab.test";

    private final String run = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final DockerClient docker = DockerClientFactory.lazyClient();

    public String run() {
        return run;
    }

    public Map<String, String> label() {
        return Map.of(LABEL, run);
    }

    public DockerClient docker() {
        return docker;
    }

    /** Builds the model image (ModelServer on the base image) and returns its tag. */
    public String buildModelImage(String version) throws IOException {
        Path dir = Files.createTempDirectory("model-image");
        Files.copy(Path.of("src/test/resources/model-image/Dockerfile"), dir.resolve("Dockerfile"));
        Files.copy(Path.of("target/test-classes/io/modelgate/gateway/docker/ModelServer.class"),
                dir.resolve("ModelServer.class"), StandardCopyOption.REPLACE_EXISTING);
        String tag = "modelgate-it/model:" + run + "-" + version;
        docker.buildImageCmd(dir.toFile()).withBuildArg("BASE_IMAGE", BASE_IMAGE).withBuildArg("MODEL_VERSION", version)
                .withTags(Set.of(tag)).withLabels(label()).exec(new BuildImageResultCallback()).awaitImageId(120, TimeUnit.SECONDS);
        return tag;
    }

    /** Builds an image from a directory holding a Dockerfile. */
    public String buildImage(Path dir, String name) {
        String tag = "modelgate-it/" + name + ":" + run;
        docker.buildImageCmd(dir.toFile()).withBuildArg("BASE_IMAGE", BASE_IMAGE).withTags(Set.of(tag))
                .withLabels(label()).exec(new BuildImageResultCallback()).awaitImageId(180, TimeUnit.SECONDS);
        return tag;
    }

    /** Removes this run's services, containers, networks and images (services first: their tasks go with them). */
    @Override
    public void close() {
        docker.listServicesCmd().withLabelFilter(label()).exec().forEach(s -> ignore(() -> docker.removeServiceCmd(s.getId()).exec()));
        awaitCleanup(() -> {
            List<Container> left = docker.listContainersCmd().withShowAll(true).withLabelFilter(label()).exec();
            left.forEach(c -> ignore(() -> docker.removeContainerCmd(c.getId()).withForce(true).exec()));
            return left.isEmpty();
        });
        awaitCleanup(() -> {
            var left = docker.listNetworksCmd().withFilter("label", List.of(LABEL + "=" + run)).exec();
            left.forEach(n -> ignore(() -> docker.removeNetworkCmd(n.getId()).exec()));
            return left.isEmpty();
        });
        docker.listImagesCmd().withLabelFilter(label()).exec()
                .forEach(i -> ignore(() -> docker.removeImageCmd(i.getId()).withForce(true).exec()));
    }

    private static void awaitCleanup(java.util.concurrent.Callable<Boolean> done) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(done);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.err.println("docker cleanup incomplete: " + e.getMessage());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void ignore(Step step) {
        try {
            step.run();
        } catch (Exception ignored) {
            // best-effort cleanup of what this run created
        }
    }
}
