package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.scheduling.NodeRequirement;
import io.flinkk8s.sdk.core.spec.scheduling.PodPlacement;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.scheduling.SpreadMethod;
import io.flinkk8s.sdk.core.spec.scheduling.TaskManagerSpread;
import io.flinkk8s.sdk.core.spec.scheduling.TolerationSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalStateSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalVolumeType;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import io.flinkk8s.sdk.core.spec.storage.PersistentVolumeSpec;
import io.flinkk8s.sdk.core.spec.storage.S3Plugin;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML and JSON form of {@code storage} and {@code scheduling}. */
class StorageSchedulingSerializationTest {

    static FlinkDeploymentSpec withStorageAndScheduling() {
        StoragePolicy storage =
                new StoragePolicy(
                        new ObjectStoreSpec("orders-gcs", "key.json", "2.1.0", S3Plugin.HADOOP),
                        new PersistentVolumeSpec("nfs-client", "50Gi", "ReadWriteMany", "/data"),
                        new LocalStateSpec(
                                LocalVolumeType.EPHEMERAL, "20Gi", "local-nvme", "/local", true));
        SchedulingPolicy scheduling =
                new SchedulingPolicy(
                        new PodPlacement(
                                Map.of("pool", "flink"),
                                List.of(NodeRequirement.in("lifecycle", "on-demand")),
                                List.of(new NodeRequirement("gpu", "DoesNotExist", null, 20)),
                                List.of(TolerationSpec.exists("dedicated", "NoSchedule")),
                                "flink-production",
                                null),
                        new PodPlacement(null, null, null, null, "flink-critical", null),
                        new PodPlacement(Map.of("disk", "nvme"), null, null, null, null, "volcano"),
                        new TaskManagerSpread(
                                "zones", SpreadMethod.SPREAD_CONSTRAINT, "DoNotSchedule", 2));
        return SpecSerializationTest.fullSpec().withStorage(storage).withScheduling(scheduling);
    }

    @Test
    void yamlAndJsonRoundTripsAreLossless() {
        FlinkDeploymentSpec spec = withStorageAndScheduling();

        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(spec))).isEqualTo(spec);
        assertThat(SpecSerialization.fromJson(SpecSerialization.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void theEffectiveSpecRoundTripsWithEveryDefaultWritten() {
        FlinkDeploymentSpec effective =
                SpecDefaults.apply(
                        SpecSerializationTest.fullSpec()
                                .withStorage(
                                        StoragePolicy.none()
                                                .withObjectStore(
                                                        ObjectStoreSpec.withSecret("orders-s3"))
                                                .withLocalState(LocalStateSpec.emptyDir(null)))
                                .withScheduling(
                                        SchedulingPolicy.none()
                                                .withSpread(TaskManagerSpread.of("nodes", null))));

        String yaml = SpecSerialization.toYaml(effective);

        assertThat(SpecSerialization.fromYaml(yaml)).isEqualTo(effective);
        assertThat(yaml)
                .contains("s3Plugin: presto")
                .contains("type: empty-dir")
                .contains("mountPath: /flink-local")
                .contains("localRecovery: false")
                .contains("method: spread-constraint")
                .contains("whenUnsatisfiable: ScheduleAnyway")
                .contains("maxSkew: 1");
    }

    @Test
    void unsetPoliciesAreNotWritten() {
        assertThat(SpecSerialization.toYaml(SpecDefaults.apply(FlinkDeploymentSpec.named("tiny"))))
                .doesNotContain("storage")
                .doesNotContain("scheduling");
    }

    @Test
    void readsTheDocumentedForm() {
        String yaml =
                """
                name: orders
                checkpointing:
                  checkpointDir: s3://bucket/orders/checkpoints
                storage:
                  objectStore:
                    credentialsSecret: orders-s3
                    pluginVersion: 2.1.0
                  localState:
                    type: ephemeral
                    size: 20Gi
                    storageClassName: local-nvme
                    localRecovery: true
                scheduling:
                  common:
                    nodeSelector:
                      pool: flink
                    tolerations:
                      - key: dedicated
                        operator: Exists
                        effect: NoSchedule
                  taskManager:
                    priorityClassName: flink-batch
                  spread:
                    across: zones
                    method: required-anti-affinity
                """;

        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(yaml);

        assertThat(spec.storage().objectStore())
                .isEqualTo(new ObjectStoreSpec("orders-s3", null, "2.1.0", null));
        assertThat(spec.storage().localState().type()).isEqualTo(LocalVolumeType.EPHEMERAL);
        assertThat(spec.scheduling().taskManagerPlacement().nodeSelector())
                .containsExactly(Map.entry("pool", "flink"));
        assertThat(spec.scheduling().taskManagerPlacement().priorityClassName())
                .isEqualTo("flink-batch");
        assertThat(spec.scheduling().jobManagerPlacement().priorityClassName()).isNull();
        assertThat(spec.scheduling().spread().method())
                .isEqualTo(SpreadMethod.REQUIRED_ANTI_AFFINITY);
    }

    @Test
    void anUnknownFieldOrMethodIsAnErrorNamingItsPath() {
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\nstorage:\n  volume:\n    sise: 1Gi\n"))
                .isInstanceOf(SpecFormatException.class)
                .extracting(e -> ((SpecFormatException) e).path())
                .isEqualTo("storage.volume.sise");
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\nscheduling:\n  spread:\n    across: nodes\n"
                                                + "    method: pack\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("scheduling.spread.method: ")
                .hasMessageContaining(
                        "[spread-constraint, preferred-anti-affinity, required-anti-affinity]");
    }

    @Test
    void aRolesPlacementOverridesTheCommonOneFieldByField() {
        PodPlacement common =
                new PodPlacement(
                        Map.of("pool", "flink", "arch", "amd64"),
                        null,
                        null,
                        List.of(TolerationSpec.exists("dedicated", "NoSchedule")),
                        "flink-production",
                        null);
        PodPlacement taskManager =
                new PodPlacement(Map.of("arch", "arm64"), null, null, null, null, "volcano");

        PodPlacement placed = taskManager.over(common);

        assertThat(placed)
                .isEqualTo(
                        new PodPlacement(
                                Map.of("pool", "flink", "arch", "arm64"),
                                null,
                                null,
                                List.of(TolerationSpec.exists("dedicated", "NoSchedule")),
                                "flink-production",
                                "volcano"));
    }
}
