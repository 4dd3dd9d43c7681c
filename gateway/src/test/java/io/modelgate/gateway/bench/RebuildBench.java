package io.modelgate.gateway.bench;

import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.docker.LabelDecoder;
import io.modelgate.discovery.docker.LabelSettings;
import io.modelgate.discovery.docker.Workload;
import io.modelgate.gateway.runtime.RuntimeConfig;
import io.modelgate.gateway.runtime.RuntimeConfigCompiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not a test: {@code bench/rebuild.sh} runs it. How long a full rebuild from 1,000 containers' labels takes
 * (label decoding, then compiling the runtime configuration: rules parsed, index built), median of many.
 */
public final class RebuildBench {

    private RebuildBench() {
    }

    public static void main(String[] args) {
        int containers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<Workload> workloads = new ArrayList<>();
        for (int i = 0; i < containers; i++) {
            String model = "m" + (i / 2); // two replicas per model
            workloads.add(new Workload("c" + i, "id" + i, false, Map.of(
                    "modelgate.model", model,
                    "traefik.http.routers." + model + "-host.rule", "Host(`" + model + ".api.example`)",
                    "traefik.http.routers." + model + "-host.middlewares", "strip-" + model,
                    "traefik.http.routers." + model + "-host.service", "model-" + model,
                    "traefik.http.middlewares.strip-" + model + ".stripprefix.prefixes", "/v1",
                    "com.docker.compose.project", "models",
                    "com.docker.compose.service", model),
                    List.of(new Workload.Instance("id" + i, Map.of("models", "10.0." + (i / 250) + "." + (i % 250)),
                            Workload.Health.NONE)), Set.of(8000), Map.of()));
        }
        LabelDecoder decoder = new LabelDecoder(LabelSettings.defaults());
        RuntimeConfigCompiler compiler = new RuntimeConfigCompiler(Set.of("web"),
            new io.modelgate.gateway.lb.sticky.StickyCookies("test-secret-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        int warmup = 50;
        int runs = 50;
        long[] decode = new long[runs];
        long[] total = new long[runs];
        int routers = 0;
        for (int i = 0; i < warmup + runs; i++) {
            long t0 = System.nanoTime();
            ProviderSnapshot s = decoder.decode(workloads);
            long t1 = System.nanoTime();
            RuntimeConfig c = compiler.compile(List.of(s));
            long t2 = System.nanoTime();
            routers = c.routers().size();
            if (i >= warmup) {
                decode[i - warmup] = t1 - t0;
                total[i - warmup] = t2 - t0;
            }
        }
        Arrays.sort(decode);
        Arrays.sort(total);
        System.out.printf("%d containers -> %d routers: label decoding median %.1f ms, decoding + compiling median %.1f ms "
                + "(p90 %.1f ms), %d runs after %d warm-up%n", containers, routers, decode[runs / 2] / 1e6,
                total[runs / 2] / 1e6, total[runs * 9 / 10] / 1e6, runs, warmup);
    }
}
