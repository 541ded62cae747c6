package io.flinkk8s.sdk.core.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.FieldChange;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.ResourceChange.Action;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.observe.OperatorObserver;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.WorkloadStatus;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.testing.Specs;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How apply and status treat a spec with {@code target: operator}. */
class OperatorTargetTest {

    private static final FlinkDeploymentSpec ON_OPERATOR =
            Specs.statefulHa().withTarget(RenderTarget.OPERATOR);

    private static final ApplyPlan CHANGED_RESOURCE =
            new ApplyPlan(
                    "streaming",
                    "orders",
                    List.of(
                            new ResourceChange(
                                    "FlinkDeployment",
                                    "orders",
                                    Action.UPDATE,
                                    List.of(new FieldChange("spec.image", "a", "b")))),
                    List.of());

    @Test
    void theOperatorMovesTheJobSoApplyTakesNoSavepointItself() {
        FlinkDeploymentSpec suspended =
                ON_OPERATOR.withJob(ON_OPERATOR.job().withState(JobState.SUSPENDED));

        assertThat(decide(ON_OPERATOR, ON_OPERATOR)).isEqualTo(Transition.NONE);
        assertThat(decide(ON_OPERATOR, suspended)).isEqualTo(Transition.NONE);
        assertThat(decide(suspended, ON_OPERATOR)).isEqualTo(Transition.NONE);
    }

    @Test
    void theResourceStartsFromTheSpecsSavepointNotTheSdksRecord() {
        FlinkDeploymentSpec spec =
                ON_OPERATOR.withJob(ON_OPERATOR.job().withInitialSavepointPath("s3://sp/1"));
        StateRecord record = StateRecord.first(spec).withRestoreSavepoint("s3://sp/sdk");

        assertThat(JobStarts.of(EffectiveSpec.of(spec), Optional.of(record)).path())
                .isEqualTo("s3://sp/1");
        assertThat(
                        JobStarts.of(
                                        EffectiveSpec.of(spec.withTarget(RenderTarget.STANDALONE)),
                                        Optional.of(record))
                                .path())
                .isEqualTo("s3://sp/sdk");
    }

    @Test
    void switchingARunningStatefulJobBetweenTargetsIsRefused() {
        StateRecord running = StateRecord.first(Specs.statefulHa());

        assertThatThrownBy(
                        () ->
                                Reconciler.checkTargetSwitch(
                                        EffectiveSpec.of(ON_OPERATOR), Optional.of(running)))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("from target standalone to operator")
                .hasMessageContaining("nothing was applied")
                .hasMessageContaining("job.initialSavepointPath")
                .satisfies(e -> assertThat(((UpgradeException) e).oldJobStillRunning()).isTrue());
    }

    @Test
    void switchingAnExistingResourceToOrFromTheOperatorHpaIsRefusedForItsModeChange() {
        FlinkDeploymentSpec hpa =
                ON_OPERATOR
                        .edit()
                        .autoscaling(
                                AutoscalingPolicy.taskManagers(2, 8)
                                        .withStrategy(AutoscalingStrategy.OPERATOR_HPA))
                        .build();
        FlinkDeploymentSpec autoscaler =
                ON_OPERATOR
                        .edit()
                        .autoscaling(
                                AutoscalingPolicy.none()
                                        .withStrategy(AutoscalingStrategy.OPERATOR_AUTOSCALER))
                        .build();

        assertThatThrownBy(() -> checkModeSwitch(ON_OPERATOR, hpa))
                .isInstanceOf(UpgradeException.class)
                .hasMessage(
                        "Switching streaming/orders to autoscaling.strategy operator-hpa changes"
                                + " the FlinkDeployment's mode between native and standalone,"
                                + " which the Flink Kubernetes Operator refuses on an existing"
                                + " resource; nothing was applied. Suspend the job (job.state:"
                                + " suspended, which takes a savepoint), delete the deployment,"
                                + " then apply the new spec with job.initialSavepointPath set to"
                                + " that savepoint.")
                .satisfies(e -> assertThat(((UpgradeException) e).oldJobStillRunning()).isTrue());
        assertThatThrownBy(() -> checkModeSwitch(hpa, autoscaler))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("away from autoscaling.strategy operator-hpa");
        assertThatCode(() -> checkModeSwitch(hpa, hpa)).doesNotThrowAnyException();
        assertThatCode(() -> checkModeSwitch(ON_OPERATOR, autoscaler)).doesNotThrowAnyException();
        assertThatCode(() -> checkModeSwitch(Specs.statefulHa(), hpa)).doesNotThrowAnyException();
    }

    @Test
    void aSuspendedJobMovesTargetWhenTheNewSpecStartsFromASavepoint() {
        FlinkDeploymentSpec suspended =
                Specs.statefulHa().withJob(Specs.statefulHa().job().withState(JobState.SUSPENDED));
        FlinkDeploymentSpec fromSavepoint =
                ON_OPERATOR.withJob(ON_OPERATOR.job().withInitialSavepointPath("s3://sp/1"));
        FlinkDeploymentSpec stateless =
                Specs.statefulHa()
                        .withJob(Specs.statefulHa().job().withUpgradeMode(UpgradeMode.STATELESS));

        assertThatCode(() -> checkSwitch(suspended, fromSavepoint)).doesNotThrowAnyException();
        assertThatCode(() -> checkSwitch(stateless, ON_OPERATOR)).doesNotThrowAnyException();
        assertThatCode(() -> checkSwitch(Specs.statefulHa(), Specs.statefulHa()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> checkSwitch(suspended, ON_OPERATOR))
                .isInstanceOf(UpgradeException.class);
    }

    @Test
    void statusComesFromTheResourcesStatus() {
        GenericKubernetesResource cr =
                resource(
                        Map.of(
                                "lifecycleState",
                                "STABLE",
                                "jobManagerDeploymentStatus",
                                "READY",
                                "jobStatus",
                                Map.of(
                                        "jobId", "a1b2",
                                        "jobName", "orders",
                                        "state", "RUNNING"),
                                "taskManager",
                                Map.of("replicas", 3)));

        DeploymentStatus status =
                OperatorObserver.status("streaming", "orders", Optional.of(cr), Optional.empty());

        assertThat(status.lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(status.job()).isEqualTo(new JobInfo("a1b2", "orders", JobStatus.RUNNING));
        assertThat(status.jobManager()).isEqualTo(new WorkloadStatus(2, 2, 0));
        assertThat(status.taskManagers()).isEqualTo(new WorkloadStatus(3, 3, 0));
        assertThat(status.message())
                .isEqualTo("operator: lifecycle STABLE, JobManager READY, job RUNNING");
    }

    @Test
    void aResourceTheOperatorHasNotSeenIsDeployingAndAMissingOneDeleted() {
        DeploymentStatus unseen =
                OperatorObserver.status(
                        "streaming", "orders", Optional.of(resource(null)), Optional.empty());
        DeploymentStatus missing =
                OperatorObserver.status("streaming", "orders", Optional.empty(), Optional.empty());

        assertThat(unseen.lifecycle()).isEqualTo(Lifecycle.DEPLOYING);
        assertThat(unseen.message()).isEqualTo("operator: not reconciled yet");
        assertThat(unseen.jobManager()).isEqualTo(new WorkloadStatus(2, 0, 0));
        assertThat(missing.lifecycle()).isEqualTo(Lifecycle.DELETED);
    }

    @Test
    void theOperatorsErrorIsPartOfTheMessage() {
        DeploymentStatus status =
                OperatorObserver.status(
                        "streaming",
                        "orders",
                        Optional.of(
                                resource(
                                        Map.of(
                                                "lifecycleState",
                                                "FAILED",
                                                "error",
                                                "ImagePullBackOff"))),
                        Optional.empty());

        assertThat(status.lifecycle()).isEqualTo(Lifecycle.FAILED);
        assertThat(status.message()).endsWith("error: ImagePullBackOff");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "CREATED, -, DEPLOYING",
                "DEPLOYED, -, DEPLOYING",
                "DEPLOYED, RUNNING, RUNNING",
                "STABLE, RUNNING, RUNNING",
                "ROLLED_BACK, RUNNING, RUNNING",
                "UPGRADING, -, UPGRADING",
                "ROLLING_BACK, RUNNING, UPGRADING",
                "SUSPENDED, SUSPENDED, SUSPENDED",
                "FAILED, -, FAILED",
                "STABLE, FAILED, FAILED",
                "DELETING, -, DELETED",
                "DELETED, -, DELETED",
                "-, -, DEPLOYING"
            })
    void theOperatorsLifecycleStateMapsToTheSdksLifecycle(
            String lifecycleState, JobStatus job, Lifecycle expected) {
        JobInfo info = job == null ? null : new JobInfo("id", "orders", job);

        assertThat(OperatorObserver.lifecycle(lifecycleState, info)).isEqualTo(expected);
    }

    private static GenericKubernetesResource resource(Map<String, Object> status) {
        GenericKubernetesResourceBuilder b =
                new GenericKubernetesResourceBuilder()
                        .withApiVersion("flink.apache.org/v1beta1")
                        .withKind("FlinkDeployment")
                        .withNewMetadata()
                        .withName("orders")
                        .withNamespace("streaming")
                        .endMetadata()
                        .addToAdditionalProperties(
                                "spec", Map.of("jobManager", Map.of("replicas", 2)));
        if (status != null) {
            b.addToAdditionalProperties("status", status);
        }
        return b.build();
    }

    private static Transition decide(FlinkDeploymentSpec applied, FlinkDeploymentSpec next) {
        return Reconciler.decide(
                EffectiveSpec.of(next), Optional.of(StateRecord.first(applied)), CHANGED_RESOURCE);
    }

    private static void checkModeSwitch(FlinkDeploymentSpec applied, FlinkDeploymentSpec next) {
        Reconciler.checkOperatorModeSwitch(
                EffectiveSpec.of(next), Optional.of(StateRecord.first(applied)));
    }

    private static void checkSwitch(FlinkDeploymentSpec applied, FlinkDeploymentSpec next) {
        Reconciler.checkTargetSwitch(
                EffectiveSpec.of(next), Optional.of(StateRecord.first(applied)));
    }
}
