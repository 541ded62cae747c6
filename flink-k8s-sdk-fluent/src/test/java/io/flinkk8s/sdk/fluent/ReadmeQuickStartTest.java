package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilityType;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.junit.jupiter.api.Test;

/** The README quick start, verbatim between the markers: if it stops compiling, so does this. */
class ReadmeQuickStartTest {

    @Test
    void quickStartBuildsTheSpecItDescribes() {
        // README quick start: begin
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders-enrichment")
                        .namespace("streaming")
                        .flinkVersion(FlinkVersion.V2_1)
                        .image("registry.example.com/orders:1.4.2")
                        .jobManager(jm -> jm.cpu(1).memory("2g"))
                        .taskManagers(tm -> tm.replicas(3).slots(4).cpu(2).memory("8g"))
                        .job(
                                job ->
                                        job.jarURI("local:///opt/flink/usrlib/orders.jar")
                                                .entryClass("com.acme.Orders")
                                                .args("--topic", "orders")
                                                .parallelism(12)
                                                .upgradeMode(UpgradeMode.SAVEPOINT))
                        .checkpoints(
                                cp ->
                                        cp.every(Duration.ofSeconds(30))
                                                .to("s3://bucket/cp")
                                                .savepointsTo("s3://bucket/sp"))
                        .highAvailability(ha -> ha.kubernetes("s3://bucket/ha"))
                        .config(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3)
                        .build();
        // README quick start: end

        assertThat(spec.name()).isEqualTo("orders-enrichment");
        assertThat(spec.mode()).isEqualTo(DeploymentMode.APPLICATION);
        assertThat(spec.namespace()).isEqualTo("streaming");
        assertThat(spec.image()).isEqualTo("registry.example.com/orders:1.4.2");
        assertThat(spec.jobManager().resource().cpu()).isEqualTo(Cpu.of(1));
        assertThat(spec.jobManager().resource().memory()).isEqualTo(Memory.parse("2g"));
        assertThat(spec.taskManager().replicas()).isEqualTo(3);
        assertThat(spec.taskManager().taskSlots()).isEqualTo(4);
        assertThat(spec.taskManager().resource().cpu()).isEqualTo(Cpu.of(2));
        assertThat(spec.taskManager().resource().memory()).isEqualTo(Memory.parse("8g"));
        assertThat(spec.job().jarURI()).isEqualTo("local:///opt/flink/usrlib/orders.jar");
        assertThat(spec.job().entryClass()).isEqualTo("com.acme.Orders");
        assertThat(spec.job().args()).isEqualTo(List.of("--topic", "orders"));
        assertThat(spec.job().parallelism()).isEqualTo(12);
        assertThat(spec.job().upgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(spec.checkpointing().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.checkpointing().checkpointDir()).isEqualTo("s3://bucket/cp");
        assertThat(spec.checkpointing().savepointDir()).isEqualTo("s3://bucket/sp");
        assertThat(spec.highAvailability().type()).isEqualTo(HighAvailabilityType.KUBERNETES);
        assertThat(spec.highAvailability().storageDir()).isEqualTo("s3://bucket/ha");
        assertThat(spec.flinkConfiguration())
                .isEqualTo(Map.of("execution.checkpointing.num-retained", "3"));
    }
}
