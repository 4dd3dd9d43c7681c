package io.modelgate.discovery.docker;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.decode.ServiceDecoder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One service of a workload from its {@code …http.services.<name>.…} labels: the labels become a tree and the file
 * provider's {@link ServiceDecoder} reads its options (port, scheme, sticky, admission, health checks); what stays
 * here is Docker's own: the port detected when none is given, and the servers (the instances' addresses on the
 * chosen network, or the Swarm virtual IP with {@code lbswarm}). Problems go to the workload's decoding with the
 * label that caused them; a service with a bad option is null.
 */
final class ServiceLabels {

    private ServiceLabels() {
    }

    /** @param portLabel the label an operator should set when the port cannot be detected */
    static ServiceSpec decode(LabelDecoder.One wl, String name, Map<String, LabelView.Entry> options, String network, String portLabel) {
        String element = "service " + name + "@docker";
        boolean lbSwarm = Boolean.TRUE.equals(wl.bool(wl.providerLabel("lbswarm")));
        ServiceDecoder.Decoded decoded;
        try {
            decoded = ServiceDecoder.decode(name, LabelTree.of(options, wl.where), ServiceDecoder.Source.LABELS,
                    (origin, message) -> wl.problems.add(new Problem(DockerSource.NAME, element, origin, message)));
        } catch (IllegalArgumentException e) {
            wl.problems.add(wl.problemOf(element, e, null));
            return null;
        }
        Integer port = decoded.port();
        if (port == null) {
            if (wl.w.swarmService()) {
                wl.problems.add(wl.elementProblem(element, null, "port is missing: set " + portLabel));
                return null;
            }
            if (wl.w.exposedPorts().size() == 1) {
                port = wl.w.exposedPorts().iterator().next();
            } else if (!wl.w.instances().isEmpty()) {
                wl.problems.add(wl.elementProblem(element, null, "port is missing: the container exposes "
                        + (wl.w.exposedPorts().isEmpty() ? "no port" : "ports " + new TreeSet<>(wl.w.exposedPorts()))
                        + "; set " + portLabel));
                return null;
            }
        }
        String scheme = decoded.scheme();
        List<ServerSpec> servers = new ArrayList<>();
        if (lbSwarm && wl.w.swarmService()) {
            String vip = wl.w.virtualIps().get(network);
            if (vip != null) {
                servers.add(new ServerSpec(URI.create(scheme + "://" + vip + ":" + port), 1));
            }
        } else {
            for (Workload.Instance i : wl.w.instances()) {
                String ip = i.networkIps().get(network);
                if (ip != null && i.health().servable()) {
                    servers.add(new ServerSpec(URI.create(scheme + "://" + ip + ":" + port), 1, i.draining()));
                }
            }
        }
        return new ServiceSpec(decoded.spec().loadBalancer().withServers(servers));
    }
}
