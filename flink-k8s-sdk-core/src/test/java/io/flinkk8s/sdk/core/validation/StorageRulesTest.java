package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.storage.LocalStateSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalVolumeType;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import io.flinkk8s.sdk.core.spec.storage.PersistentVolumeSpec;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageRulesTest {

    /** The stateful spec (s3:// dirs, Flink 2.1) with {@code storage}. */
    private static FlinkDeploymentSpec withStorage(StoragePolicy storage) {
        return Specs.statefulHa().withStorage(storage);
    }

    private static FlinkDeploymentSpec onVolume(StoragePolicy storage) {
        return Specs.statefulHa()
                .edit()
                .checkpointing(new CheckpointingSpec(Duration.ofSeconds(30), null, null))
                .highAvailability(HighAvailabilitySpec.kubernetes(null))
                .storage(storage)
                .build();
    }

    private static FlinkDeploymentSpec onFiles(StoragePolicy storage) {
        return Specs.statefulHa()
                .edit()
                .checkpointing(
                        new CheckpointingSpec(Duration.ofSeconds(30), "file:///cp", "file:///sp"))
                .highAvailability(HighAvailabilitySpec.kubernetes("file:///ha"))
                .storage(storage)
                .build();
    }

    @Test
    void acceptsAnObjectStoreWithASecretAndAPluginVersionOfTheFlinkVersion() {
        assertThat(
                        Violations.of(
                                withStorage(
                                        StoragePolicy.none()
                                                .withObjectStore(
                                                        new ObjectStoreSpec(
                                                                "orders-s3",
                                                                null,
                                                                "2.1.0",
                                                                null)))))
                .isEmpty();
    }

    @Test
    void anObjectStoreNeedsThePluginVersionWhenTheImageTagDoesNotNameIt() {
        assertThat(
                        Violations.of(
                                withStorage(
                                        StoragePolicy.none()
                                                .withObjectStore(
                                                        ObjectStoreSpec.withSecret("orders-s3")))))
                .containsExactly(
                        "storage.objectStore.pluginVersion: must be set: the plugin jars in the"
                                + " image's /opt/flink/opt carry Flink's full version (e.g."
                                + " flink-s3-fs-presto-2.1.0.jar), which the image"
                                + " 'registry.example.com/orders:1.4.2' does not name for"
                                + " flinkVersion 2.1; set it, or use a tag such as"
                                + " flink:2.1.0-java17");
    }

    @Test
    void thePluginVersionComesFromAnImageTagThatNamesIt() {
        FlinkDeploymentSpec spec =
                withStorage(StoragePolicy.none().withObjectStore(ObjectStoreSpec.withSecret("s")))
                        .withImage("flink:2.1.1-java17");

        assertThat(SpecDefaults.apply(spec).storage().objectStore().pluginVersion())
                .isEqualTo("2.1.1");
        assertThat(Violations.of(spec)).isEmpty();
        assertThat(SpecDefaults.imageFlinkVersion("flink:2.2.0", Specs.statefulHa().flinkVersion()))
                .as("another minor version than flinkVersion's is not taken")
                .isNull();
    }

    @Test
    void reportsEveryObjectStoreMistakeWithItsPath() {
        FlinkDeploymentSpec spec =
                onFiles(
                        StoragePolicy.none()
                                .withObjectStore(
                                        new ObjectStoreSpec(
                                                "Bad_Secret", "key.json", "2.0.1", null)));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "storage.objectStore: needs checkpointing.checkpointDir,"
                                + " checkpointing.savepointDir or highAvailability.storageDir on an"
                                + " object store (one of [s3, s3a, s3p, gs, abfs, abfss, oss]://);"
                                + " remove objectStore otherwise",
                        "storage.objectStore.credentialsSecret: must be a DNS-1123 subdomain"
                                + " (lower-case alphanumerics, '-' and '.', starting and ending"
                                + " with an alphanumeric) of at most 253 characters, was"
                                + " 'Bad_Secret'",
                        "storage.objectStore.credentialsFile: is read by the gs:// plugin only"
                                + " (GOOGLE_APPLICATION_CREDENTIALS); for the other stores the"
                                + " Secret's keys become environment variables: remove it, was"
                                + " 'key.json'",
                        "storage.objectStore.pluginVersion: must be a version of flinkVersion 2.1,"
                                + " was '2.0.1'");
    }

    @Test
    void aStateVolumeMustBeReadWriteManyAndSized() {
        FlinkDeploymentSpec spec =
                onVolume(
                        StoragePolicy.none()
                                .withVolume(
                                        new PersistentVolumeSpec(
                                                "fast_ssd", "lots", "ReadWriteOnce", "data")));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "storage.volume.size: is not a Kubernetes quantity, e.g. 50Gi, was 'lots'",
                        "storage.volume.accessMode: must be ReadWriteMany: the JobManager and every"
                                + " TaskManager mount the volume (TaskManagers write checkpoint"
                                + " files, the JobManager their metadata), on different nodes; use"
                                + " a storage class that offers ReadWriteMany (NFS, CephFS, EFS,"
                                + " Filestore, Azure Files), was 'ReadWriteOnce'",
                        "storage.volume.storageClassName: must be a DNS-1123 subdomain (lower-case"
                                + " alphanumerics, '-' and '.', starting and ending with an"
                                + " alphanumeric) of at most 253 characters, was 'fast_ssd'",
                        "storage.volume.mountPath: must be an absolute path without ':' or '..',"
                                + " was 'data'");
    }

    @Test
    void aStateVolumeNeedsASizeAndAKnownAccessMode() {
        assertThat(
                        Violations.of(
                                onVolume(
                                        StoragePolicy.none()
                                                .withVolume(
                                                        new PersistentVolumeSpec(
                                                                null,
                                                                null,
                                                                "ReadWriteAll",
                                                                null)))))
                .containsExactly(
                        "storage.volume.size: must be set: a quantity such as 50Gi",
                        "storage.volume.accessMode: must be one of [ReadWriteOnce, ReadOnlyMany,"
                                + " ReadWriteMany, ReadWriteOncePod], was 'ReadWriteAll'");
    }

    @Test
    void theStateDirectoriesDefaultToTheVolume() {
        FlinkDeploymentSpec effective =
                SpecDefaults.apply(
                        onVolume(
                                StoragePolicy.none()
                                        .withVolume(PersistentVolumeSpec.ofSize("50Gi"))));

        assertThat(effective.checkpointing().checkpointDir())
                .isEqualTo("file:///flink-data/checkpoints");
        assertThat(effective.checkpointing().savepointDir())
                .isEqualTo("file:///flink-data/savepoints");
        assertThat(effective.highAvailability().storageDir()).isEqualTo("file:///flink-data/ha");
        assertThat(effective.storage().volume().accessMode()).isEqualTo("ReadWriteMany");
        assertThat(Violations.of(effective)).isEmpty();
    }

    @Test
    void aLocalVolumeHasWhatItsTypeNeedsAndAPathOfItsOwn() {
        FlinkDeploymentSpec spec =
                onVolume(
                        StoragePolicy.none()
                                .withVolume(new PersistentVolumeSpec(null, "10Gi", null, "/data"))
                                .withLocalState(
                                        new LocalStateSpec(
                                                LocalVolumeType.EPHEMERAL,
                                                null,
                                                null,
                                                "/data/local",
                                                true)));
        FlinkDeploymentSpec emptyDir =
                onFiles(
                        StoragePolicy.none()
                                .withLocalState(
                                        new LocalStateSpec(
                                                LocalVolumeType.EMPTY_DIR,
                                                "0",
                                                "local-nvme",
                                                "/opt/flink/local",
                                                null)));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "storage.localState.size: must be set for an ephemeral volume: e.g. 20Gi",
                        "storage.localState.mountPath: must not overlap storage.volume.mountPath"
                                + " /data, was '/data/local'");
        assertThat(Violations.of(emptyDir))
                .containsExactly(
                        "storage.localState.size: must be more than 0, was '0'",
                        "storage.localState.storageClassName: applies to type ephemeral only; an"
                                + " empty-dir is on the node's disk, was 'local-nvme'",
                        "storage.localState.mountPath: must not overlap /opt/flink, the Flink"
                                + " distribution of the image, was '/opt/flink/local'");
    }
}
