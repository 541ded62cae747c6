package io.flinkk8s.sdk.core.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.internal.OperatorDiff.DiffType;
import org.junit.jupiter.api.Test;

/** The operator's diff classes per changed FlinkDeployment field (research §2.1, §2.3, §2.5). */
class OperatorDiffTest {

    @Test
    void metadataAndTheJobFieldsTheOperatorIgnoresAreIgnore() {
        assertThat(OperatorDiff.of("metadata.labels.team", false)).isEqualTo(DiffType.IGNORE);
        assertThat(OperatorDiff.of("spec.job.upgradeMode", false)).isEqualTo(DiffType.IGNORE);
        assertThat(OperatorDiff.of("spec.job.initialSavepointPath", false))
                .isEqualTo(DiffType.IGNORE);
        assertThat(OperatorDiff.of("spec.job.state", false)).isEqualTo(DiffType.IGNORE);
    }

    @Test
    void parallelismAndReplicasScaleInStandaloneModeAndUpgradeNatively() {
        assertThat(OperatorDiff.of("spec.job.parallelism", true)).isEqualTo(DiffType.SCALE);
        assertThat(OperatorDiff.of("spec.taskManager.replicas", true)).isEqualTo(DiffType.SCALE);
        assertThat(OperatorDiff.of("spec.job.parallelism", false)).isEqualTo(DiffType.UPGRADE);
    }

    @Test
    void flinkOptionsUpgradeExceptOperatorAndAutoscalerKeys() {
        assertThat(OperatorDiff.of("spec.flinkConfiguration['state.backend.type']", false))
                .isEqualTo(DiffType.UPGRADE);
        assertThat(OperatorDiff.of("spec.flinkConfiguration['job.autoscaler.enabled']", false))
                .isEqualTo(DiffType.IGNORE);
        assertThat(
                        OperatorDiff.of(
                                "spec.flinkConfiguration['kubernetes.operator.periodic.savepoint"
                                        + ".interval']",
                                false))
                .isEqualTo(DiffType.IGNORE);
        assertThat(
                        OperatorDiff.of(
                                "spec.flinkConfiguration['pipeline.jobvertex-parallelism-overrides']",
                                false))
                .isEqualTo(DiffType.SCALE);
    }

    @Test
    void nonceFieldsRestartOrRedeployFromTheInitialSavepoint() {
        assertThat(OperatorDiff.of("spec.restartNonce", false)).isEqualTo(DiffType.UPGRADE);
        assertThat(OperatorDiff.of("spec.job.savepointRedeployNonce", false))
                .isEqualTo(DiffType.SAVEPOINT_REDEPLOY);
        assertThat(OperatorDiff.of("spec.image", false)).isEqualTo(DiffType.UPGRADE);
    }
}
