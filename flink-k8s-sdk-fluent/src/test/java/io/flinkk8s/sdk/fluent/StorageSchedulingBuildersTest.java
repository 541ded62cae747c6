package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The effect of each method of the storage and scheduling builders. */
class StorageSchedulingBuildersTest {

    private static FlinkDeploymentBuilder orders() {
        return FlinkK8s.application("orders")
                .flinkVersion(FlinkVersion.V2_1)
                .image("flink:2.1.0-java17")
                .job(job -> job.jarURI("local:///opt/flink/usrlib/orders.jar"))
                .checkpoints(cp -> cp.every(Duration.ofSeconds(30)).to("s3://bucket/orders/cp"));
    }

    @Test
    void theReadmesStorageExampleBuildsTheEffectivePolicy() {
        FlinkDeploymentSpec spec =
                orders().storage(
                                s ->
                                        s.objectStore("orders-s3")
                                                .volume("50Gi", "nfs-client")
                                                .emptyDir("20Gi")
                                                .localRecovery(true))
                        .build();

        assertThat(spec.storage())
                .isEqualTo(
                        new StoragePolicy(
                                new ObjectStoreSpec("orders-s3", null, "2.1.0", S3Plugin.PRESTO),
                                new PersistentVolumeSpec(
                                        "nfs-client", "50Gi", "ReadWriteMany", "/flink-data"),
                                new LocalStateSpec(
                                        LocalVolumeType.EMPTY_DIR,
                                        "20Gi",
                                        null,
                                        "/flink-local",
                                        true)));
        assertThat(spec.checkpointing().savepointDir()).isEqualTo("file:///flink-data/savepoints");
    }

    @Test
    void eachStorageMethodSetsItsPartAndKeepsTheOthers() {
        StoragePolicy storage =
                orders().storage(
                                s ->
                                        s.gcsCredentials("gcp", "sa.json")
                                                .pluginVersion("2.1.1")
                                                .s3Plugin(S3Plugin.HADOOP)
                                                .volume("5Gi")
                                                .volumeMountPath("/data")
                                                .ephemeral("30Gi", "local-nvme"))
                        .buildUnvalidated()
                        .storage();

        assertThat(storage)
                .isEqualTo(
                        new StoragePolicy(
                                new ObjectStoreSpec("gcp", "sa.json", "2.1.1", S3Plugin.HADOOP),
                                new PersistentVolumeSpec(null, "5Gi", null, "/data"),
                                new LocalStateSpec(
                                        LocalVolumeType.EPHEMERAL,
                                        "30Gi",
                                        "local-nvme",
                                        null,
                                        null)));
        assertThat(orders().storage(s -> s.volume("5Gi").none()).buildUnvalidated().storage())
                .isEqualTo(StoragePolicy.none());
    }

    @Test
    void theSchedulingExamplePlacesBothRolesAndSpreadsTheTaskManagers() {
        PodPlacement taskManager = new PodPlacement(null, null, null, null, "flink-batch", null);

        SchedulingPolicy scheduling =
                orders().scheduling(
                                s ->
                                        s.nodeSelector("pool", "flink")
                                                .requireNode(
                                                        NodeRequirement.in(
                                                                "lifecycle", "on-demand"))
                                                .preferNode(NodeRequirement.in("disk", "nvme"))
                                                .toleration(
                                                        TolerationSpec.exists(
                                                                "dedicated", "NoSchedule"))
                                                .priorityClass("flink-production")
                                                .schedulerName("default-scheduler")
                                                .taskManager(taskManager)
                                                .spreadTaskManagersAcrossZones())
                        .build()
                        .scheduling();

        assertThat(scheduling.common())
                .isEqualTo(
                        new PodPlacement(
                                Map.of("pool", "flink"),
                                List.of(NodeRequirement.in("lifecycle", "on-demand")),
                                List.of(NodeRequirement.in("disk", "nvme")),
                                List.of(TolerationSpec.exists("dedicated", "NoSchedule")),
                                "flink-production",
                                "default-scheduler"));
        assertThat(scheduling.taskManagerPlacement().priorityClassName()).isEqualTo("flink-batch");
        assertThat(scheduling.jobManagerPlacement().priorityClassName())
                .isEqualTo("flink-production");
        assertThat(scheduling.spread())
                .isEqualTo(
                        new TaskManagerSpread(
                                "zones", SpreadMethod.SPREAD_CONSTRAINT, "ScheduleAnyway", 1));
    }

    @Test
    void aSecondCallMergesAndTheRecordOverloadReplaces() {
        FlinkDeploymentBuilder b =
                orders().scheduling(s -> s.nodeSelector("pool", "flink"))
                        .scheduling(
                                s ->
                                        s.spreadTaskManagers(
                                                "nodes", SpreadMethod.REQUIRED_ANTI_AFFINITY));

        SchedulingPolicy merged = b.buildUnvalidated().scheduling();
        SchedulingPolicy replaced =
                b.scheduling((SchedulingPolicy) null).buildUnvalidated().scheduling();

        assertThat(merged.common().nodeSelector()).containsEntry("pool", "flink");
        assertThat(merged.spread().method()).isEqualTo(SpreadMethod.REQUIRED_ANTI_AFFINITY);
        assertThat(replaced).isEqualTo(SchedulingPolicy.none());
    }

    @Test
    void badInputIsRefusedWithEveryPath() {
        InvalidSpecException e =
                catchThrowableOfType(
                        InvalidSpecException.class,
                        () ->
                                orders().storage(s -> s.volume("-1Gi").volumeMountPath("relative"))
                                        .scheduling(
                                                s ->
                                                        s.toleration(
                                                                        new TolerationSpec(
                                                                                "k", "Equal", "v",
                                                                                "Never", null))
                                                                .spreadTaskManagers(
                                                                        "nodes",
                                                                        SpreadMethod
                                                                                .SPREAD_CONSTRAINT))
                                        .build());

        assertThat(e.violations())
                .extracting(Violation::path)
                .containsExactly(
                        "storage.volume.size",
                        "storage.volume.mountPath",
                        "scheduling.common.tolerations[0].effect");
    }
}
