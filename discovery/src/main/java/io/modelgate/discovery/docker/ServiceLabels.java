package io.modelgate.discovery.docker;

import io.modelgate.discovery.config.AdmissionSpec;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.StickySpec;
import io.modelgate.discovery.decode.AdmissionDecoder;
import io.modelgate.discovery.decode.StickyDecoder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One service of a workload from its {@code …http.services.<name>.…} labels: its options (port, scheme, sticky,
 * admission, health checks, through the decoders the file provider uses), the Docker-specific port detection
 * and the servers (the instances' addresses on the chosen network, or the Swarm virtual IP with {@code lbswarm}).
 * Problems go to the workload's decoding with the label that caused them; a service with a bad option is null.
 */
final class ServiceLabels {

    private ServiceLabels() {
    }

    /** @param portLabel the label an operator should set when the port cannot be detected */
    static ServiceSpec decode(LabelDecoder.One wl, String name, Map<String, LabelView.Entry> options, String network, String portLabel) {
        String element = "service " + name + "@docker";
        Integer port = null;
        String scheme = "http";
        boolean passHost = true;
        boolean lbSwarm = Boolean.TRUE.equals(wl.bool(wl.providerLabel("lbswarm")));
        boolean ok = true;
        Map<String, String> sticky = new TreeMap<>();
        String stickyAt = null;
        Map<String, String> admission = new TreeMap<>();
        String admissionAt = null;
        Map<String, String> active = new TreeMap<>();
        Map<String, String> passive = new TreeMap<>();
        String healthAt = null;
        for (var o : options.entrySet()) {
            String key = o.getKey();
            String value = o.getValue().value().trim();
            String at = o.getValue().originalKey();
            if (key.startsWith("loadbalancer.healthcheck.") || key.startsWith("loadbalancer.passivehealthcheck.")) {
                boolean isActive = key.startsWith("loadbalancer.healthcheck.");
                (isActive ? active : passive).put(key.substring(key.indexOf("healthcheck.") + "healthcheck.".length()), value);
                healthAt = at;
                continue;
            }
            if (key.startsWith("loadbalancer.") && AdmissionDecoder.owns(key.substring("loadbalancer.".length()))) {
                admission.put(key.substring("loadbalancer.".length()), value);
                admissionAt = at;
                continue;
            }
            if (key.equals("loadbalancer.sticky") || key.startsWith("loadbalancer.sticky.")) {
                sticky.put(key.length() == "loadbalancer.sticky".length() ? "" : key.substring("loadbalancer.sticky.".length()), value);
                stickyAt = at;
                continue;
            }
            switch (key) {
                case "loadbalancer.server.port" -> {
                    try {
                        port = Integer.parseInt(value);
                        if (port < 1 || port > 65535) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        wl.problems.add(wl.elementProblem(element, at, "port '" + value + "' is not a TCP port (1-65535)"));
                        ok = false;
                    }
                }
                case "loadbalancer.server.scheme" -> {
                    scheme = value.toLowerCase(java.util.Locale.ROOT);
                    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("h2c")) {
                        wl.problems.add(wl.elementProblem(element, at, "scheme '" + value + "' must be http, https or h2c"));
                        ok = false;
                    }
                }
                case "loadbalancer.passhostheader" -> {
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        passHost = Boolean.parseBoolean(value);
                    } else {
                        wl.problems.add(wl.elementProblem(element, at, "'" + value + "' is not a boolean (true or false)"));
                        ok = false;
                    }
                }
                default -> {
                    boolean later = LabelKeys.SERVICE_LATER.stream().anyMatch(key::startsWith);
                    wl.problems.add(wl.elementProblem(element, at, later ? "option not supported yet: " + key
                            : "unknown key '" + key + "'"));
                    ok = ok && later; // unsupported-yet options leave the service live, unknown keys do not
                }
            }
        }
        StickySpec stickySpec = null;
        if (!sticky.isEmpty()) {
            try {
                sticky.remove(""); // `sticky=true` alone says nothing about the kind
                stickySpec = StickyDecoder.fromFlat(sticky);
            } catch (IllegalArgumentException e) {
                wl.problems.add(wl.elementProblem(element, stickyAt, e.getMessage()));
                ok = false;
            }
        }
        AdmissionSpec admissionSpec = null;
        try {
            admissionSpec = AdmissionDecoder.fromFlat(admission);
        } catch (IllegalArgumentException e) {
            wl.problems.add(wl.elementProblem(element, admissionAt, e.getMessage()));
            ok = false;
        }
        io.modelgate.discovery.config.HealthCheckSpec activeSpec = null;
        io.modelgate.discovery.config.PassiveHealthSpec passiveSpec = null;
        try {
            activeSpec = io.modelgate.discovery.decode.HealthCheckDecoder.active(active);
            passiveSpec = io.modelgate.discovery.decode.HealthCheckDecoder.passive(passive);
        } catch (IllegalArgumentException e) {
            wl.problems.add(wl.elementProblem(element, healthAt, e.getMessage()));
            ok = false;
        }
        if (!ok) {
            return null;
        }
        if (port == null) {
            if (wl.w.swarmService()) {
                wl.problems.add(wl.elementProblem(element, null, "port is missing: set " + portLabel));
                return null;
            }
            if (wl.w.exposedPorts().size() == 1) {
                port = wl.w.exposedPorts().iterator().next();
            } else if (!wl.w.instances().isEmpty()) {
                wl.problems.add(wl.elementProblem(element, null, "port is missing: the container exposes "
                        + (wl.w.exposedPorts().isEmpty() ? "no port" : "ports " + new java.util.TreeSet<>(wl.w.exposedPorts()))
                        + "; set " + portLabel));
                return null;
            }
        }
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
        return new ServiceSpec(new LoadBalancerSpec(servers, passHost, stickySpec, admissionSpec, activeSpec, passiveSpec));
    }
}
