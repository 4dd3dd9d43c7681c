package io.modelgate.discovery.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DockerEngine} on docker-java. The API version is negotiated: the daemon's own version, capped at
 * the newest this client was tested with; so Engine 20.10 (API 1.41) and current engines (minimum 1.44)
 * both work. Containers are read from the list call alone (labels, networks, exposed ports, health in the
 * status text), so a rebuild costs one API call however many containers run.
 */
final class DockerJavaEngine implements DockerEngine {

    /** Newest API version this code was checked against. */
    static final String MAX_API_VERSION = "1.47";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(DockerJavaEngine.class);

    /**
     * Event actions that trigger a re-list. The daemon matches {@code health_status} against
     * {@code health_status: healthy} too. Services' create, update and remove are included for Swarm mode.
     */
    static final java.util.List<String> RELEVANT_ACTIONS = java.util.List.of("start", "die", "stop", "kill",
            "destroy", "health_status", "rename", "update", "pause", "unpause", "create", "remove");

    private final DockerHttpClient http;
    private final DockerHttpClient streamHttp;
    private final DockerClient client;
    private final DockerClient streamClient;
    private final String apiVersion;
    private volatile boolean nodesRefusedLogged;

    private DockerJavaEngine(DockerHttpClient http, DockerHttpClient streamHttp, DockerClient client,
                             DockerClient streamClient, String apiVersion) {
        this.http = http;
        this.streamHttp = streamHttp;
        this.client = client;
        this.streamClient = streamClient;
        this.apiVersion = apiVersion;
    }

    /** Connects to {@code endpoint} ({@code unix:///var/run/docker.sock} or {@code tcp://host:2375}). */
    static DockerJavaEngine connect(String endpoint) {
        DockerClientConfig probe = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint).build();
        DockerHttpClient http = httpClient(probe, Duration.ofSeconds(30));
        try {
            String version = negotiate(http);
            DockerClientConfig cfg = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(endpoint).withApiVersion(version).build();
            // events are a long-lived stream: its client has no response timeout
            DockerHttpClient streamHttp = httpClient(cfg, Duration.ZERO);
            return new DockerJavaEngine(http, streamHttp, DockerClientImpl.getInstance(cfg, http),
                    DockerClientImpl.getInstance(cfg, streamHttp), version);
        } catch (RuntimeException e) {
            closeQuietly(http);
            throw e;
        }
    }

    private static DockerHttpClient httpClient(DockerClientConfig cfg, Duration responseTimeout) {
        ApacheDockerHttpClient.Builder b = new ApacheDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost()).sslConfig(cfg.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5)).maxConnections(8);
        if (!responseTimeout.isZero()) {
            b.responseTimeout(responseTimeout);
        }
        return b.build();
    }

    /** {@code GET /version} without a version prefix, which every daemon answers. */
    static String negotiate(DockerHttpClient http) {
        JsonNode v = get(http, "/version");
        String daemon = v.path("ApiVersion").asText("");
        if (daemon.isEmpty()) {
            throw new IllegalStateException("the Docker daemon did not report its API version");
        }
        return compare(daemon, MAX_API_VERSION) <= 0 ? daemon : MAX_API_VERSION;
    }

    /** Compares dotted versions numerically: {@code 1.9 < 1.41}. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    @Override
    public String apiVersion() {
        return apiVersion;
    }

    @Override
    public List<Workload> containers() {
        List<Workload> out = new ArrayList<>();
        for (Container c : client.listContainersCmd().withStatusFilter(List.of("running")).exec()) {
            String name = c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0].replaceFirst("^/", "") : c.getId();
            Map<String, String> ips = new HashMap<>();
            if (c.getNetworkSettings() != null && c.getNetworkSettings().getNetworks() != null) {
                for (Map.Entry<String, ContainerNetwork> n : c.getNetworkSettings().getNetworks().entrySet()) {
                    String ip = n.getValue().getIpAddress();
                    if (ip != null && !ip.isEmpty()) {
                        ips.put(n.getKey(), ip);
                    }
                }
            }
            Set<Integer> ports = new HashSet<>();
            if (c.getPorts() != null) {
                for (ContainerPort p : c.getPorts()) {
                    if (p.getPrivatePort() != null && (p.getType() == null || p.getType().equals("tcp"))) {
                        ports.add(p.getPrivatePort());
                    }
                }
            }
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            out.add(new Workload(name, c.getId(), false, labels,
                    List.of(new Workload.Instance(c.getId(), ips, healthOf(c.getStatus()))), ports, Map.of()));
        }
        return out;
    }

    /** The list call's status text carries the health: {@code Up 3 seconds (health: starting)}. */
    static Workload.Health healthOf(String status) {
        if (status == null) {
            return Workload.Health.NONE;
        }
        if (status.contains("(health: starting)")) {
            return Workload.Health.STARTING;
        }
        if (status.contains("(unhealthy)")) {
            return Workload.Health.UNHEALTHY;
        }
        if (status.contains("(healthy)")) {
            return Workload.Health.HEALTHY;
        }
        return Workload.Health.NONE;
    }

    @Override
    public List<Workload> swarmServices() {
        Map<String, String> networkNames = new HashMap<>();
        for (Network n : client.listNetworksCmd().exec()) {
            networkNames.put(n.getId(), n.getName());
        }
        Map<String, List<Workload.Instance>> tasksByService = runningTasks();
        List<Workload> out = new ArrayList<>();
        for (Service s : client.listServicesCmd().exec()) {
            if (s.getSpec() == null) {
                continue;
            }
            Map<String, String> vips = new HashMap<>();
            if (s.getEndpoint() != null && s.getEndpoint().getVirtualIPs() != null) {
                for (var vip : s.getEndpoint().getVirtualIPs()) {
                    String net = networkNames.get(vip.getNetworkID());
                    if (net != null && vip.getAddr() != null) {
                        vips.put(net, vip.getAddr().replaceAll("/.*", ""));
                    }
                }
            }
            Map<String, String> labels = s.getSpec().getLabels() == null ? Map.of() : s.getSpec().getLabels();
            out.add(new Workload(s.getSpec().getName(), s.getId(), true, labels,
                    tasksByService.getOrDefault(s.getId(), List.of()), Set.of(), vips));
        }
        return out;
    }

    /**
     * Running tasks by service id, with their overlay addresses. docker-java's Task model has no
     * NetworksAttachments, so this reads {@code GET /tasks} (and {@code GET /nodes}, for the nodes that are
     * down) as JSON.
     */
    private Map<String, List<Workload.Instance>> runningTasks() {
        // desired shutdown but still running: a task Swarm is stopping (rolling update, scale down) drains
        String filters = URLEncoder.encode("{\"desired-state\":{\"running\":true,\"shutdown\":true}}", StandardCharsets.UTF_8);
        JsonNode tasks = get(http, "/v" + apiVersion + "/tasks?filters=" + filters);
        return SwarmTasks.running(tasks, unreachableNodes());
    }

    /**
     * Nodes that are not ready. A socket proxy that refuses {@code /nodes} (403) costs only this filter: it is
     * said once in the log, and tasks of a node that went down keep their place until Swarm replaces them.
     */
    private Set<String> unreachableNodes() {
        try {
            return SwarmTasks.unreachableNodes(get(http, "/v" + apiVersion + "/nodes"));
        } catch (ApiRefused e) {
            if (!nodesRefusedLogged) {
                nodesRefusedLogged = true;
                LOG.warn("the Docker API refused GET /nodes ({}): tasks on a node that is down are not skipped; "
                        + "allow NODES on the socket proxy", e.getMessage());
            }
            return Set.of();
        }
    }

    @Override
    public Closeable events(boolean swarm, Consumer<DockerEngine.Event> onEvent, Consumer<Throwable> onError) {
        // only what can change routing: not exec_* (every HEALTHCHECK run), attach, top, resize…
        var cmd = streamClient.eventsCmd().withEventFilter(RELEVANT_ACTIONS.toArray(String[]::new));
        if (swarm) {
            // a node going down or coming back changes which tasks can be reached
            cmd = cmd.withEventTypeFilter(EventType.CONTAINER, EventType.SERVICE, EventType.NODE);
        } else {
            cmd = cmd.withEventTypeFilter(EventType.CONTAINER);
        }
        return cmd.exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Event>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.Event e) {
                String type = e.getType() == null ? "" : e.getType().getValue();
                onEvent.accept(new DockerEngine.Event(type, String.valueOf(e.getAction()), e.getId()));
            }

            @Override
            public void onError(Throwable t) {
                onError.accept(t);
            }

            @Override
            public void onComplete() {
                onError.accept(new IOException("the Docker event stream ended"));
            }
        });
    }

    /** The API answered 403: a socket proxy that does not allow this endpoint. */
    static final class ApiRefused extends IllegalStateException {
        ApiRefused(String message) {
            super(message);
        }
    }

    private static JsonNode get(DockerHttpClient http, String path) {
        DockerHttpClient.Request req = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path).build();
        try (DockerHttpClient.Response r = http.execute(req); InputStream body = r.getBody()) {
            if (r.getStatusCode() / 100 != 2) {
                String text = "Docker API " + path + " answered " + r.getStatusCode() + ": "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
                throw r.getStatusCode() == 403 ? new ApiRefused(text) : new IllegalStateException(text);
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(streamClient);
        closeQuietly(http);
        closeQuietly(streamHttp);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing: nothing useful to do
        }
    }
}
