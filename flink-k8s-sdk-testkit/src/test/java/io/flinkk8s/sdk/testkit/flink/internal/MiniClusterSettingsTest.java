package io.flinkk8s.sdk.testkit.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MiniClusterSettingsTest {

    /** A JobManager's configuration as the SDK renders it with Kubernetes HA and checkpoints. */
    private static Map<String, String> rendered() {
        Map<String, String> conf = new TreeMap<>();
        conf.put("blob.server.port", "6124");
        conf.put("execution.checkpointing.dir", "file:///tmp/payments/checkpoints");
        conf.put("execution.checkpointing.interval", "30 s");
        conf.put("execution.checkpointing.savepoint-dir", "file:///tmp/payments/savepoints");
        conf.put("high-availability.cluster-id", "payments");
        conf.put("high-availability.storageDir", "s3://flink/payments/ha");
        conf.put("high-availability.type", "kubernetes");
        conf.put("jobmanager.bind-host", "0.0.0.0");
        conf.put("jobmanager.memory.process.size", "2 gb");
        conf.put("jobmanager.rpc.address", "payments-jobmanager-rpc");
        conf.put("jobmanager.rpc.port", "6123");
        conf.put("kubernetes.cluster-id", "payments");
        conf.put("metrics.reporter.prom.factory.class", "PrometheusReporterFactory");
        conf.put("parallelism.default", "6");
        conf.put("pipeline.jars", "local:///opt/flink/usrlib/payments.jar");
        conf.put("restart-strategy.type", "exponential-delay");
        conf.put("rest.bind-address", "0.0.0.0");
        conf.put("rest.port", "8081");
        conf.put("taskmanager.bind-host", "0.0.0.0");
        conf.put("taskmanager.memory.process.size", "4 gb");
        conf.put("taskmanager.numberOfTaskSlots", "2");
        conf.put("taskmanager.rpc.port", "6122");
        conf.put("$internal.application.main", "com.acme.Payments");
        return conf;
    }

    @Test
    void keepsWhatConcernsTheJobAndLeavesOutThePodsPortsMemoryKubernetesAndReporters() {
        assertThat(MiniClusterSettings.flinkConfiguration(rendered()))
                .containsExactly(
                        entry("execution.checkpointing.dir", "file:///tmp/payments/checkpoints"),
                        entry("execution.checkpointing.interval", "30 s"),
                        entry(
                                "execution.checkpointing.savepoint-dir",
                                "file:///tmp/payments/savepoints"),
                        entry("parallelism.default", "6"),
                        entry("restart-strategy.type", "exponential-delay"),
                        entry("taskmanager.numberOfTaskSlots", "2"));
    }

    @Test
    void slotsAreEnoughForTheDefaultParallelismAndAtLeastTheSlotsPerTaskManager() {
        assertThat(MiniClusterSettings.slots(rendered())).isEqualTo(6);
        assertThat(MiniClusterSettings.slots(Map.of("taskmanager.numberOfTaskSlots", "4")))
                .isEqualTo(4);
        assertThat(MiniClusterSettings.slots(Map.of())).isEqualTo(1);
        assertThat(MiniClusterSettings.slots(Map.of("parallelism.default", "two"))).isEqualTo(1);
    }
}
