package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServerSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A stopping instance stays a server, marked draining: sticky clients keep it, new clients do not get it. */
class DrainingTest {

    @Test
    void drainingInstancesBecomeDrainingServers() {
        Workload w = new Workload("m", "m-id", true, Map.of("modelgate.model", "m", "modelgate.model.port", "8000"),
                List.of(new Workload.Instance("t1", Map.of("ml", "10.0.0.1"), Workload.Health.NONE, false),
                        new Workload.Instance("t2", Map.of("ml", "10.0.0.2"), Workload.Health.NONE, true)),
                Set.of(), Map.of());
        var snapshot = new LabelDecoder(LabelSettings.defaults()).decode(List.of(w));
        List<ServerSpec> servers = snapshot.config().services().get("model-m").loadBalancer().servers();
        assertThat(servers).extracting(s -> s.url().toString() + (s.draining() ? " draining" : ""))
                .containsExactlyInAnyOrder("http://10.0.0.1:8000", "http://10.0.0.2:8000 draining");
    }
}
