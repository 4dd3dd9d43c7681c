package io.modelgate.gateway.dashboard;

import io.modelgate.discovery.Problem;
import java.time.Instant;
import java.util.List;

/** What the dashboard's pages show, read from the live configuration and meters when a page is asked for. */
final class DashboardViews {

    private DashboardViews() {
    }

    /**
     * The overview page.
     *
     * @param generation  how many configurations were applied
     * @param lastApplied when the current one was applied, null if none yet
     * @param problems    configuration problems, then run-time ones
     */
    record Overview(long generation, Instant lastApplied, List<Problem> problems, List<EntrypointRow> entrypoints,
                    Counts routerCounts, Counts serviceCounts, Counts middlewareCounts, List<RouterRow> routers,
                    List<ServiceRow> services, List<MiddlewareRow> middlewares) {
    }

    /** Elements by status, as Traefik's dashboard counts them. */
    record Counts(int enabled, int warning, int disabled) {

        static Counts of(List<String> statuses) {
            int e = 0;
            int w = 0;
            int d = 0;
            for (String s : statuses) {
                switch (s) {
                    case "enabled" -> e++;
                    case "warning" -> w++;
                    default -> d++;
                }
            }
            return new Counts(e, w, d);
        }
    }

    /** @param port the bound port, or -1 if it is not listening */
    record EntrypointRow(String name, int port, Traffic traffic) {
    }

    record RouterRow(String name, String rule, String service, String status, List<String> errors, Traffic traffic) {
    }

    /** @param usable servers that take new requests (up or draining) */
    record ServiceRow(String name, int usable, int servers, String status, List<String> errors, Traffic traffic) {
    }

    record MiddlewareRow(String name, String type, List<String> usedBy, String status, List<String> errors) {
    }

    /** A router's page: its row, the rest of its settings, and its service's detail (null if it has none). */
    record RouterDetail(RouterRow row, String provider, String origin, List<String> entryPoints, int priority,
                        List<String> middlewares, ServiceDetail service) {
    }

    /**
     * A service's page.
     *
     * @param balancing how a server is chosen ({@code round robin}, {@code sticky cookie mg_x}, …)
     * @param leases    live dedicated leases; -1 when not counted (no dedicated instances, or kept in Redis)
     * @param admission the admission caps and queue, or null if the service has none
     */
    record ServiceDetail(ServiceRow row, String provider, String origin, String balancing, long leases,
                         List<String> usedBy, List<ServerRow> servers, AdmissionRow admission) {
    }

    /**
     * One server now.
     *
     * @param state        {@code up}, {@code down} (active check), {@code ejected} (passive health), {@code draining}
     * @param queued       requests waiting for it under admission control, -1 without admission control
     * @param ejectedUntil when an ejection ends, or null
     * @param lastCheck    why the last active check failed, {@code ""} if it passed or there is none
     */
    record ServerRow(String url, int weight, String state, int inFlight, int queued, Instant ejectedUntil,
                     String lastCheck) {
    }

    record AdmissionRow(int maxInFlight, int queueSize, String queueTimeout, int queued, long timedOut,
                        long refusedFull) {
    }
}
