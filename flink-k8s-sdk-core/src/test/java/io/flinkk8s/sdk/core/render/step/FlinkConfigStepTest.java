package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkConfigStepTest {

    private static Map<String, String> configOf(RenderContext ctx) {
        Rendering out =
                new FlinkConfigStep().apply(ctx, RenderFixtures.inputFor(FlinkConfigStep.ID, ctx));
        return out.config().asMap();
    }

    @Test
    void derivesAddressPortsBindHostsAndClusterId() {
        Map<String, String> config =
                configOf(RenderFixtures.context(RenderFixtures.minimalApplication()));

        assertThat(config)
                .containsEntry("jobmanager.rpc.address", "orders-jobmanager-rpc")
                .containsEntry("jobmanager.rpc.port", "6123")
                .containsEntry("blob.server.port", "6124")
                .containsEntry("rest.port", "8081")
                .containsEntry("taskmanager.rpc.port", "6122")
                .containsEntry("jobmanager.bind-host", "0.0.0.0")
                .containsEntry("taskmanager.bind-host", "0.0.0.0")
                .containsEntry("rest.bind-address", "0.0.0.0")
                .containsEntry("kubernetes.cluster-id", "orders");
    }

    @Test
    void derivesMemorySlotsAndTheJobsParallelism() {
        Map<String, String> config =
                configOf(RenderFixtures.context(RenderFixtures.statefulHaApplication()));

        assertThat(config)
                .containsEntry("jobmanager.memory.process.size", "2 gb")
                .containsEntry("taskmanager.memory.process.size", "4 gb")
                .containsEntry("taskmanager.numberOfTaskSlots", "2")
                .containsEntry("parallelism.default", "6");
    }

    @Test
    void parallelismDefaultsToReplicasTimesSlots() {
        assertThat(configOf(RenderFixtures.context(RenderFixtures.session())))
                .containsEntry("parallelism.default", "4");
    }

    @Test
    void onlyApplicationModeKeepsTheJobManagerAliveAfterTheJobFinishes() {
        assertThat(configOf(RenderFixtures.context(RenderFixtures.minimalApplication())))
                .containsEntry("execution.shutdown-on-application-finish", "false");
        assertThat(configOf(RenderFixtures.context(RenderFixtures.session())))
                .doesNotContainKey("execution.shutdown-on-application-finish");
    }
}
