package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilityType;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateRulesTest {

    private static FlinkDeploymentSpec withCheckpointing(CheckpointingSpec checkpointing) {
        return Specs.statefulHa().edit().checkpointing(checkpointing).build();
    }

    private static FlinkDeploymentSpec withUpgradeMode(UpgradeMode mode) {
        return Specs.statefulHa()
                .edit()
                .job(Specs.statefulHa().job().withUpgradeMode(mode))
                .checkpointing(CheckpointingSpec.none())
                .build();
    }

    @Test
    void rejectsAZeroOrNegativeCheckpointInterval() {
        assertThat(
                        Violations.of(
                                withCheckpointing(
                                        new CheckpointingSpec(
                                                Duration.ZERO, "s3://b/cp", "s3://b/sp"))))
                .containsExactly("checkpointing.interval: must be > 0, was '0 ms'");
        assertThat(
                        Violations.of(
                                withCheckpointing(
                                        new CheckpointingSpec(
                                                Duration.ofSeconds(-5), "s3://b/cp", "s3://b/sp"))))
                .containsExactly("checkpointing.interval: must be > 0, was '-5 s'");
    }

    @Test
    void acceptsAPositiveOrNoCheckpointInterval() {
        assertThat(
                        Violations.of(
                                withCheckpointing(
                                        new CheckpointingSpec(
                                                Duration.ofMillis(1), null, "s3://b/sp"))))
                .isEmpty();
        assertThat(Violations.of(withCheckpointing(new CheckpointingSpec(null, null, "s3://b/sp"))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"s3://bucket/cp", "file:///flink-data/cp", "hdfs://namenode:8020/flink/cp"})
    void acceptsDirectoriesWithAScheme(String dir) {
        assertThat(Violations.of(withCheckpointing(new CheckpointingSpec(null, dir, dir))))
                .isEmpty();
        assertThat(
                        Violations.of(
                                Specs.statefulHa()
                                        .edit()
                                        .highAvailability(HighAvailabilitySpec.kubernetes(dir))
                                        .build()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/flink-data/cp", "bucket/cp", "", "s3://bucket/my dir"})
    void rejectsDirectoriesWithoutAScheme(String dir) {
        FlinkDeploymentSpec spec =
                withCheckpointing(new CheckpointingSpec(null, dir, dir))
                        .edit()
                        .highAvailability(HighAvailabilitySpec.kubernetes(dir))
                        .build();
        String was = ", was '" + dir + "'";

        assertThat(Violations.of(spec))
                .containsExactly(
                        "checkpointing.checkpointDir: must be a URI with a scheme, such as"
                                + " s3://bucket/path"
                                + was,
                        "checkpointing.savepointDir: must be a URI with a scheme, such as"
                                + " s3://bucket/path"
                                + was,
                        "highAvailability.storageDir: must be a URI with a scheme, such as"
                                + " s3://bucket/path"
                                + was);
    }

    @Test
    void requiresASavepointDirForTheSavepointUpgradeModeAtTheDirField() {
        assertThat(Violations.of(withUpgradeMode(UpgradeMode.SAVEPOINT)))
                .containsExactly(
                        "checkpointing.savepointDir: must be set when job.upgradeMode is savepoint"
                                + " (or set"
                                + " flinkConfiguration['execution.checkpointing.savepoint-dir'])");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "execution.checkpointing.savepoint-dir",
                "state.savepoints.dir",
                "savepoints.state.backend.fs.dir"
            })
    void acceptsTheSavepointDirFromFlinkConfigurationUnderItsKeyOrAnyAlias(String key) {
        FlinkDeploymentSpec spec =
                withUpgradeMode(UpgradeMode.SAVEPOINT)
                        .edit()
                        .flinkConfiguration(Map.of(key, "s3://bucket/sp"))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }

    @Test
    void requiresACheckpointDirForTheLastStateUpgradeModeAtTheDirField() {
        assertThat(Violations.of(withUpgradeMode(UpgradeMode.LAST_STATE)))
                .containsExactly(
                        "checkpointing.checkpointDir: must be set when job.upgradeMode is"
                                + " last-state (or set"
                                + " flinkConfiguration['execution.checkpointing.dir'])");
    }

    @ParameterizedTest
    @ValueSource(strings = {"execution.checkpointing.dir", "state.checkpoints.dir"})
    void acceptsTheCheckpointDirFromFlinkConfigurationUnderItsKeyOrAnAlias(String key) {
        FlinkDeploymentSpec spec =
                withUpgradeMode(UpgradeMode.LAST_STATE)
                        .edit()
                        .flinkConfiguration(Map.of(key, "s3://bucket/cp"))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }

    @Test
    void needsNoDirectoryForTheStatelessUpgradeMode() {
        assertThat(Violations.of(withUpgradeMode(UpgradeMode.STATELESS))).isEmpty();
    }

    @Test
    void requiresAStorageDirForKubernetesHighAvailability() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .highAvailability(
                                new HighAvailabilitySpec(HighAvailabilityType.KUBERNETES, null))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "highAvailability.storageDir: must be set when highAvailability.type is"
                                + " kubernetes (or set"
                                + " flinkConfiguration['high-availability.storageDir'])");
    }

    @Test
    void acceptsTheHaStorageDirFromFlinkConfiguration() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .highAvailability(
                                new HighAvailabilitySpec(HighAvailabilityType.KUBERNETES, null))
                        .flinkConfiguration(
                                Map.of("high-availability.storageDir", "s3://bucket/ha"))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }

    @Test
    void needsNoStorageDirWithoutHighAvailability() {
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .highAvailability(new HighAvailabilitySpec(HighAvailabilityType.NONE, null))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }
}
