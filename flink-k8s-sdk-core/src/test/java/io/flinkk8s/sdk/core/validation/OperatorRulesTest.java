package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OperatorRulesTest {

    private static FlinkDeploymentSpec onOperator(FlinkDeploymentSpec spec) {
        return spec.withTarget(RenderTarget.OPERATOR);
    }

    /** The stateful spec without HA: one JobManager, a stateless job. */
    private static FlinkDeploymentSpec withoutHa() {
        FlinkDeploymentSpec s = Specs.statefulHa();
        return s.edit()
                .highAvailability(HighAvailabilitySpec.none())
                .jobManager(s.jobManager().withReplicas(1))
                .job(s.job().withUpgradeMode(UpgradeMode.STATELESS))
                .build();
    }

    @Test
    void acceptsTheStatefulHaSpecOnTheOperator() {
        assertThat(Violations.of(onOperator(Specs.statefulHa()))).isEmpty();
        assertThat(Violations.of(onOperator(Specs.session()))).isEmpty();
        assertThat(Violations.of(onOperator(Specs.minimalApplication()))).isEmpty();
    }

    @Test
    void rejectsAFlinkVersionTheOperatorCrdDoesNotKnowWithFieldPath() {
        FlinkDeploymentSpec spec =
                onOperator(Specs.statefulHa().edit().flinkVersion(FlinkVersion.V2_3).build());

        assertThat(Violations.of(spec))
                .containsExactly(
                        "flinkVersion: must be one the Flink Kubernetes Operator 1.15 accepts (its"
                                + " FlinkDeployment CRD) when target is operator: v1_18, v1_19,"
                                + " v1_20, v2_0, v2_1, v2_2; operator.version 1.16 accepts it,"
                                + " was 'v2_3'");
    }

    @Test
    void operator116AcceptsFlink23AndDefaultsToIt() {
        FlinkDeploymentSpec named =
                onOperator(Specs.statefulHa().edit().flinkVersion(null).build())
                        .withOperator(OperatorSpec.of(OperatorVersion.V1_16));
        FlinkDeploymentSpec v23 = named.edit().flinkVersion(FlinkVersion.V2_3).build();

        assertThat(Violations.of(v23)).isEmpty();
        assertThat(EffectiveSpec.of(named).spec().flinkVersion()).isEqualTo(FlinkVersion.V2_3);
        assertThat(EffectiveSpec.of(named.withOperator(OperatorSpec.unset())).spec().flinkVersion())
                .isEqualTo(FlinkVersion.V2_2);
    }

    @ParameterizedTest
    @EnumSource(OperatorVersion.class)
    void everyOperatorVersionAcceptsExactlyTheFlinkVersionsUpToItsLatest(OperatorVersion operator) {
        for (FlinkVersion version : FlinkVersion.values()) {
            FlinkDeploymentSpec spec =
                    onOperator(Specs.statefulHa().edit().flinkVersion(version).build())
                            .withOperator(OperatorSpec.of(operator));

            assertThat(Violations.of(spec).isEmpty())
                    .as("%s on operator %s", version, operator.wireValue())
                    .isEqualTo(version.compareTo(operator.latestFlinkVersion()) <= 0);
        }
    }

    @Test
    void theNativeModeRefusesOperatorHpaAtOperatorMode() {
        FlinkDeploymentSpec spec =
                onOperator(Specs.statefulHa())
                        .withAutoscaling(
                                AutoscalingPolicy.taskManagers(1, 4)
                                        .withStrategy(AutoscalingStrategy.OPERATOR_HPA))
                        .withOperator(new OperatorSpec(null, OperatorMode.NATIVE));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "operator.mode: must be standalone with autoscaling.strategy operator-hpa:"
                                + " its HPA scales the TaskManager Deployment that only the"
                                + " operator's standalone mode creates, was 'native'");
    }

    @ParameterizedTest
    @EnumSource(FlinkVersion.class)
    void acceptsEveryFlinkVersionOnStandaloneAndTheKnownOnesOnTheOperator(FlinkVersion version) {
        FlinkDeploymentSpec spec = Specs.statefulHa().edit().flinkVersion(version).build();

        assertThat(Violations.of(spec)).isEmpty();
        assertThat(Violations.of(onOperator(spec)).isEmpty())
                .isEqualTo(version.isAcceptedByOperator());
    }

    @Test
    void aParallelismAboveReplicasTimesSlotsIsFineForAnApplicationOnTheOperator() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa().edit().job(Specs.statefulHa().job().withParallelism(8)).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "job.parallelism: must be <= taskManager.replicas ×"
                                + " taskManager.taskSlots (6), was 8");
        assertThat(Violations.of(onOperator(spec))).isEmpty();
    }

    @Test
    void theOperatorTargetDefaultsToTheNewestAcceptedVersionAndTheChartsServiceAccount() {
        FlinkDeploymentSpec spec = onOperator(Specs.minimalApplication());

        FlinkDeploymentSpec effective = SpecDefaults.apply(spec);

        assertThat(effective.flinkVersion()).isEqualTo(FlinkVersion.latestOnOperator());
        assertThat(effective.image()).isEqualTo("flink:2.2-java17");
        assertThat(effective.serviceAccount()).isEqualTo("flink");
        assertThat(SpecDefaults.apply(Specs.minimalApplication()).serviceAccount()).isNull();
        assertThat(SpecDefaults.apply(Specs.minimalApplication()).flinkVersion())
                .isEqualTo(FlinkVersion.latest());
    }

    @Test
    void savepointUpgradesNeedACheckpointDirOnTheOperator() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .checkpointing(new CheckpointingSpec(null, null, "s3://b/savepoints"))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
        assertThat(Violations.of(onOperator(spec)))
                .containsExactly(
                        "checkpointing.checkpointDir: must be set when job.upgradeMode is"
                                + " savepoint and target is operator (the operator needs a"
                                + " checkpoint dir for every stateful upgrade mode) (or set"
                                + " flinkConfiguration['execution.checkpointing.dir'])");
        assertThat(
                        Violations.of(
                                onOperator(
                                        spec.edit()
                                                .flinkConfiguration(
                                                        Map.of(
                                                                "state.checkpoints.dir",
                                                                "s3://b/checkpoints"))
                                                .build())))
                .isEmpty();
    }

    @Test
    void periodicSavepointsNeedASavepointDirOnTheOperator() {
        FlinkDeploymentSpec spec =
                withoutHa()
                        .edit()
                        .checkpointing(CheckpointingSpec.none())
                        .flinkConfiguration(
                                Map.of("kubernetes.operator.periodic.savepoint.interval", "6h"))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
        assertThat(Violations.of(onOperator(spec)))
                .containsExactly(
                        "checkpointing.savepointDir: must be set when flinkConfiguration["
                                + "'kubernetes.operator.periodic.savepoint.interval'] is set"
                                + " (or set"
                                + " flinkConfiguration['execution.checkpointing.savepoint-dir'])");
    }

    @Test
    void theOperatorsRollbackNeedsHighAvailability() {
        Map<String, String> rollback =
                Map.of("kubernetes.operator.deployment.rollback.enabled", "true");
        FlinkDeploymentSpec spec = withoutHa().edit().flinkConfiguration(rollback).build();

        assertThat(Violations.of(spec)).isEmpty();
        assertThat(Violations.of(onOperator(spec)))
                .containsExactly(
                        "flinkConfiguration['kubernetes.operator.deployment.rollback.enabled']:"
                                + " must not be true unless highAvailability.type is kubernetes:"
                                + " the operator rolls back only with HA, was 'true'");
        assertThat(
                        Violations.of(
                                onOperator(
                                        Specs.statefulHa()
                                                .edit()
                                                .flinkConfiguration(rollback)
                                                .build())))
                .isEmpty();
    }

    @Test
    void theOperatorsAutoscalerMustStayOffUnderTheOperatorHpa() {
        FlinkDeploymentSpec hpa =
                onOperator(Specs.statefulHa())
                        .edit()
                        .autoscaling(
                                AutoscalingPolicy.taskManagers(2, 8)
                                        .withStrategy(AutoscalingStrategy.OPERATOR_HPA))
                        .build();

        assertThat(
                        Violations.of(
                                hpa.edit()
                                        .flinkConfiguration(
                                                Map.of(
                                                        "kubernetes.operator.job.autoscaler.enabled",
                                                        "true",
                                                        "job.autoscaler.enabled",
                                                        "TRUE"))
                                        .build()))
                .containsExactly(
                        "flinkConfiguration['job.autoscaler.enabled']: must not be true with"
                                + " autoscaling.strategy operator-hpa: its HPA owns the number of"
                                + " TaskManagers; use operator-autoscaler for the operator's"
                                + " autoscaler, was 'TRUE'",
                        "flinkConfiguration['kubernetes.operator.job.autoscaler.enabled']: must"
                                + " not be true with autoscaling.strategy operator-hpa: its HPA"
                                + " owns the number of TaskManagers; use operator-autoscaler for"
                                + " the operator's autoscaler, was 'true'");
        assertThat(
                        Violations.of(
                                hpa.edit()
                                        .flinkConfiguration(
                                                Map.of("job.autoscaler.enabled", "false"))
                                        .build()))
                .isEmpty();
    }

    @Test
    void keysTheOperatorForbidsAreRejectedOnTheOperatorToo() {
        FlinkDeploymentSpec spec =
                onOperator(
                        Specs.statefulHa()
                                .edit()
                                .flinkConfiguration(
                                        Map.of(
                                                "kubernetes.cluster-id", "other",
                                                "kubernetes.namespace", "other",
                                                "high-availability.cluster-id", "other"))
                                .build());

        assertThat(Violations.of(spec))
                .hasSize(3)
                .allSatisfy(v -> assertThat(v).contains("is managed by the SDK"));
    }

    @Test
    void lastStateStillNeedsHighAvailabilityOnTheOperator() {
        FlinkDeploymentSpec spec =
                onOperator(
                        withoutHa()
                                .edit()
                                .job(withoutHa().job().withUpgradeMode(UpgradeMode.LAST_STATE))
                                .jobManager(new JobManagerSpec(1, null, null))
                                .build());

        assertThat(Violations.of(spec))
                .containsExactly(
                        "job.upgradeMode: must not be last-state unless highAvailability.type is"
                                + " kubernetes, was 'last-state'");
    }
}
