package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import io.flinkk8s.sdk.core.spec.policy.MetricSignal;
import io.flinkk8s.sdk.core.spec.policy.MetricSourceType;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicyType;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import io.flinkk8s.sdk.core.spec.policy.SelectPolicy;
import io.flinkk8s.sdk.core.testing.Specs;
import io.flinkk8s.sdk.core.validation.internal.KubernetesNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutoscalingRulesTest {

    /** A valid autoscaled application: checkpoints on, 2..10 TaskManagers. */
    private static FlinkDeploymentSpec autoscaled(AutoscalingPolicy policy) {
        return Specs.minimalApplication()
                .edit()
                .checkpointing(new CheckpointingSpec(Duration.ofSeconds(30), null, null))
                .autoscaling(policy)
                .build();
    }

    private static AutoscalingPolicy policy(
            AutoscalingStrategy strategy, Integer min, Integer max) {
        return new AutoscalingPolicy(
                strategy, min, max, null, null, null, null, null, null, null, null, null);
    }

    private static AutoscalingPolicy operatorPolicy(Integer minParallelism, Integer maxP) {
        return new AutoscalingPolicy(
                AutoscalingStrategy.OPERATOR_AUTOSCALER,
                null,
                null,
                minParallelism,
                maxP,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static FlinkDeploymentSpec onOperator(AutoscalingPolicy policy) {
        return autoscaled(policy).edit().target(RenderTarget.OPERATOR).build();
    }

    @Test
    void acceptsTaskManagerBoundsWithOneAtMostMax() {
        assertThat(Violations.of(autoscaled(AutoscalingPolicy.taskManagers(1, 1)))).isEmpty();
        assertThat(Violations.of(autoscaled(AutoscalingPolicy.taskManagers(2, 10)))).isEmpty();
    }

    @Test
    void rejectsTaskManagerBoundsOutOfOrderOrBelowOne() {
        assertThat(Violations.of(autoscaled(AutoscalingPolicy.taskManagers(5, 3))))
                .containsExactly(
                        "autoscaling.minTaskManagers: must be <= autoscaling.maxTaskManagers (3);"
                                + " when unset it is taskManager.replicas, was 5");
        assertThat(Violations.of(autoscaled(AutoscalingPolicy.taskManagers(0, 0))))
                .containsExactly(
                        "autoscaling.minTaskManagers: must be >= 1, was 0",
                        "autoscaling.maxTaskManagers: must be >= 1, was 0");
    }

    @Test
    void theDefaultMinimumIsTheReplicasAndMustNotExceedTheMaximum() {
        FlinkDeploymentSpec spec =
                autoscaled(policy(null, null, 4))
                        .edit()
                        .taskManager(new TaskManagerSpec(6, null, null, null))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "autoscaling.minTaskManagers: must be <= autoscaling.maxTaskManagers (4);"
                                + " when unset it is taskManager.replicas, was 6");
    }

    @Test
    void anHpaStrategyNeedsAMaximum() {
        assertThat(Violations.of(autoscaled(policy(AutoscalingStrategy.HPA_REACTIVE, 2, null))))
                .containsExactly(
                        "autoscaling.maxTaskManagers: must be set with strategy hpa-reactive: the"
                                + " HPA's maxReplicas");
    }

    @Test
    void hpaReactiveNeedsTheStandaloneTargetAndApplicationMode() {
        FlinkDeploymentSpec operator = onOperator(policy(AutoscalingStrategy.HPA_REACTIVE, 2, 10));
        FlinkDeploymentSpec session =
                Specs.session()
                        .edit()
                        .checkpointing(new CheckpointingSpec(Duration.ofSeconds(30), null, null))
                        .autoscaling(AutoscalingPolicy.taskManagers(2, 10))
                        .build();

        assertThat(Violations.of(operator))
                .containsExactly(
                        "autoscaling.strategy: must not be hpa-reactive with target operator: it"
                                + " renders an HPA on the TaskManager Deployment of target"
                                + " standalone; with target operator use operator-autoscaler or"
                                + " operator-hpa, was 'hpa-reactive'");
        assertThat(Violations.of(session))
                .containsExactly(
                        "autoscaling.strategy: must not be hpa-reactive in session mode: Flink"
                                + " runs reactive mode in standalone application clusters only,"
                                + " was 'hpa-reactive'");
    }

    @Test
    void operatorStrategiesNeedTheOperatorTarget() {
        assertThat(Violations.of(autoscaled(operatorPolicy(1, 10))))
                .containsExactly(
                        "autoscaling.strategy: must not be operator-autoscaler with target"
                                + " standalone: it configures the Flink Kubernetes Operator's"
                                + " FlinkDeployment; with target standalone use hpa-reactive,"
                                + " was 'operator-autoscaler'");
        assertThat(Violations.of(autoscaled(policy(AutoscalingStrategy.OPERATOR_HPA, 2, 10))))
                .containsExactly(
                        "autoscaling.strategy: must not be operator-hpa with target standalone:"
                                + " it configures the Flink Kubernetes Operator's FlinkDeployment;"
                                + " with target standalone use hpa-reactive, was 'operator-hpa'");
    }

    @Test
    void theOperatorAutoscalerIsValidOnTheOperatorTargetInApplicationMode() {
        assertThat(Violations.of(onOperator(operatorPolicy(2, 64)))).isEmpty();
    }

    @Test
    void theOperatorHpaIsValidOnTheOperatorTargetInApplicationMode() {
        assertThat(Violations.of(onOperator(policy(AutoscalingStrategy.OPERATOR_HPA, 2, 10))))
                .isEmpty();
    }

    @Test
    void theOperatorHpaIsAnErrorInSessionModeNamingReactiveMode() {
        FlinkDeploymentSpec session =
                onOperator(policy(AutoscalingStrategy.OPERATOR_HPA, 2, 10))
                        .edit()
                        .mode(DeploymentMode.SESSION)
                        .job(null)
                        .build();

        assertThat(Violations.of(session))
                .containsExactly(
                        "autoscaling.strategy: must not be operator-hpa in session mode: Flink"
                                + " runs reactive mode in standalone application clusters only,"
                                + " was 'operator-hpa'");
    }

    @Test
    void theOperatorHpaRejectsParallelismBoundsAndNeedsAMaximumNamingTheStrategy() {
        AutoscalingPolicy policy =
                new AutoscalingPolicy(
                        AutoscalingStrategy.OPERATOR_HPA,
                        2,
                        null,
                        1,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);

        assertThat(Violations.of(onOperator(policy)))
                .containsExactly(
                        "autoscaling.maxTaskManagers: must be set with strategy operator-hpa: the"
                                + " HPA's maxReplicas",
                        "autoscaling.minParallelism: must not be set with strategy operator-hpa:"
                                + " the HPA scales TaskManagers and reactive mode gives the job"
                                + " every slot; bound minTaskManagers and maxTaskManagers instead,"
                                + " was 1");
    }

    @Test
    void theOperatorAutoscalerIsAnErrorInSessionMode() {
        FlinkDeploymentSpec session =
                onOperator(operatorPolicy(1, 8))
                        .edit()
                        .mode(DeploymentMode.SESSION)
                        .job(null)
                        .build();

        assertThat(Violations.of(session))
                .containsExactly(
                        "autoscaling.strategy: must not be operator-autoscaler in session mode:"
                                + " it scales the vertices of the one job of an application"
                                + " cluster, was 'operator-autoscaler'");
    }

    @Test
    void rejectsParallelismBoundsWithAnHpaStrategyAndTaskManagerBoundsWithTheOperatorAutoscaler() {
        AutoscalingPolicy hpa =
                new AutoscalingPolicy(null, 2, 10, 1, 8, null, null, null, null, null, null, null);
        AutoscalingPolicy operator =
                new AutoscalingPolicy(
                        AutoscalingStrategy.OPERATOR_AUTOSCALER,
                        2,
                        10,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        String hpaReason =
                ": the HPA scales TaskManagers and reactive mode gives the job every slot; bound"
                        + " minTaskManagers and maxTaskManagers instead";
        String operatorReason =
                ": it scales each vertex's parallelism and the operator sizes the TaskManagers;"
                        + " bound minParallelism and maxParallelism instead";

        assertThat(Violations.of(autoscaled(hpa)))
                .containsExactly(
                        "autoscaling.minParallelism: must not be set with strategy hpa-reactive"
                                + hpaReason
                                + ", was 1",
                        "autoscaling.maxParallelism: must not be set with strategy hpa-reactive"
                                + hpaReason
                                + ", was 8");
        assertThat(Violations.of(onOperator(operator)))
                .containsExactly(
                        "autoscaling.minTaskManagers: must not be set with strategy"
                                + " operator-autoscaler"
                                + operatorReason
                                + ", was 2",
                        "autoscaling.maxTaskManagers: must not be set with strategy"
                                + " operator-autoscaler"
                                + operatorReason
                                + ", was 10");
    }

    @Test
    void rejectsParallelismBoundsOutOfOrder() {
        assertThat(Violations.of(onOperator(operatorPolicy(16, 8))))
                .containsExactly(
                        "autoscaling.minParallelism: must be <= autoscaling.maxParallelism (8),"
                                + " was 16");
        assertThat(Violations.of(onOperator(operatorPolicy(0, 8))))
                .containsExactly("autoscaling.minParallelism: must be >= 1, was 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 100})
    void acceptsUtilizationTargetsAboveZeroUpToAHundred(int percent) {
        AutoscalingPolicy cpuAndMemory =
                new AutoscalingPolicy(
                        null, 2, 10, null, null, percent, percent, null, null, null, null, null);

        assertThat(Violations.of(autoscaled(cpuAndMemory))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5, 101})
    void rejectsUtilizationTargetsOutsideZeroToAHundred(int percent) {
        AutoscalingPolicy cpuAndMemory =
                new AutoscalingPolicy(
                        null, 2, 10, null, null, percent, percent, null, null, null, null, null);

        assertThat(Violations.of(autoscaled(cpuAndMemory)))
                .containsExactly(
                        "autoscaling.targetCpuUtilization: must be > 0 and <= 100 (percent), was "
                                + percent,
                        "autoscaling.targetMemoryUtilization: must be > 0 and <= 100 (percent),"
                                + " was "
                                + percent);
    }

    @Test
    void acceptsPodsAndExternalMetricsWithTheirTargets() {
        AutoscalingPolicy metrics =
                withMetrics(
                        MetricSignal.pods("busy_time", "800m"),
                        MetricSignal.external("lag", Map.of("topic", "orders"), "10k"),
                        new MetricSignal(MetricSourceType.EXTERNAL, "lag", null, "1500", null));

        assertThat(Violations.of(autoscaled(metrics))).isEmpty();
    }

    @Test
    void rejectsMetricsWithoutNameTypeOrAUsableTarget() {
        AutoscalingPolicy metrics =
                withMetrics(
                        new MetricSignal(null, " ", null, "1", null),
                        new MetricSignal(MetricSourceType.PODS, "busy", null, null, "5"),
                        new MetricSignal(MetricSourceType.EXTERNAL, "lag", null, "1", "2"),
                        new MetricSignal(MetricSourceType.EXTERNAL, "lag", null, null, null),
                        MetricSignal.external("lag", Map.of("bad key!", "x"), "lots"),
                        MetricSignal.pods("busy", "-3"));

        assertThat(Violations.of(autoscaled(metrics)))
                .containsExactly(
                        "autoscaling.metrics[0].type: must be pods or external",
                        "autoscaling.metrics[0].name: must not be blank, was ' '",
                        "autoscaling.metrics[1].targetAverageValue: must be set for a pods"
                                + " metric: the target per TaskManager",
                        "autoscaling.metrics[1].targetValue: must not be set for a pods metric,"
                                + " which has only an average target, was '5'",
                        "autoscaling.metrics[2]: must set exactly one of targetValue and"
                                + " targetAverageValue, both are set",
                        "autoscaling.metrics[3]: must set exactly one of targetValue and"
                                + " targetAverageValue, neither is set",
                        "autoscaling.metrics[4].selector['bad key!']: "
                                + KubernetesNames.QUALIFIED_NAME_RULE
                                + ", was 'bad key!'",
                        "autoscaling.metrics[4].targetValue: must be a Kubernetes quantity such"
                                + " as 800, 1.5 or 500m, was 'lots'",
                        "autoscaling.metrics[5].targetAverageValue: must be > 0, was '-3'");
    }

    @Test
    void acceptsScalingRulesWithinKubernetesLimits() {
        ScalingRules rules =
                new ScalingRules(
                        Duration.ofHours(1),
                        List.of(
                                ScalingPolicy.pods(1, Duration.ofMinutes(30)),
                                ScalingPolicy.percent(10, Duration.ofSeconds(1))),
                        SelectPolicy.DISABLED);

        assertThat(Violations.of(autoscaled(withRules(rules, ScalingRules.unset())))).isEmpty();
    }

    @Test
    void rejectsScalingRulesOutsideKubernetesLimits() {
        ScalingRules up =
                new ScalingRules(
                        Duration.ofMillis(1500),
                        List.of(
                                new ScalingPolicy(null, 0, Duration.ofMinutes(31)),
                                new ScalingPolicy(ScalingPolicyType.PODS, null, null)),
                        null);
        ScalingRules down = new ScalingRules(Duration.ofMinutes(61), null, null);

        assertThat(Violations.of(autoscaled(withRules(up, down))))
                .containsExactly(
                        "autoscaling.scaleUp.stabilizationWindow: must be whole seconds:"
                                + " Kubernetes counts it in seconds, was '1500 ms'",
                        "autoscaling.scaleUp.policies[0].type: must be pods or percent",
                        "autoscaling.scaleUp.policies[0].value: must be >= 1, was 0",
                        "autoscaling.scaleUp.policies[0].period: must be >= 1 s and <= 30 min,"
                                + " was '31 min'",
                        "autoscaling.scaleUp.policies[1].value: must be set",
                        "autoscaling.scaleUp.policies[1].period: must be set",
                        "autoscaling.scaleDown.stabilizationWindow: must be >= 0 ms and <= 1 h,"
                                + " was '61 min'");
    }

    @Test
    void theOperatorAutoscalerReadsNoContainerSignalsNorScaleUpLimits() {
        AutoscalingPolicy policy =
                new AutoscalingPolicy(
                        AutoscalingStrategy.OPERATOR_AUTOSCALER,
                        null,
                        null,
                        null,
                        null,
                        70,
                        60,
                        List.of(MetricSignal.pods("busy", "1")),
                        new ScalingRules(Duration.ofMinutes(1), null, null),
                        new ScalingRules(
                                Duration.ofMinutes(30),
                                List.of(ScalingPolicy.pods(1, Duration.ofMinutes(1))),
                                SelectPolicy.MAX),
                        null,
                        null);
        String signals =
                ": it scales on Flink's busy time, not on container metrics; set"
                        + " jobAutoscaler.targetUtilization instead";
        String onlyWindow = ": only the stabilization window applies (its scale-down.interval)";

        assertThat(Violations.of(onOperator(policy)))
                .containsExactly(
                        "autoscaling.targetCpuUtilization: must not be set with strategy"
                                + " operator-autoscaler"
                                + signals
                                + ", was 70",
                        "autoscaling.targetMemoryUtilization: must not be set with strategy"
                                + " operator-autoscaler"
                                + signals
                                + ", was 60",
                        "autoscaling.metrics: must not be set with strategy operator-autoscaler"
                                + signals
                                + ", was 1",
                        "autoscaling.scaleUp: must not be set with strategy operator-autoscaler:"
                                + " it has no scale-up limits",
                        "autoscaling.scaleDown.policies: must not be set with strategy"
                                + " operator-autoscaler"
                                + onlyWindow
                                + ", was 1",
                        "autoscaling.scaleDown.selectPolicy: must not be set with strategy"
                                + " operator-autoscaler"
                                + onlyWindow
                                + ", was 'max'");
    }

    @Test
    void judgesTheOperatorAutoscalerTuningAndRejectsItWithAnHpaStrategy() {
        JobAutoscalerTuning bad =
                new JobAutoscalerTuning(
                        0, 100, Duration.ZERO, Duration.ofSeconds(-1), Duration.ofSeconds(-1));
        AutoscalingPolicy operator =
                new AutoscalingPolicy(
                        AutoscalingStrategy.OPERATOR_AUTOSCALER,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        bad);
        AutoscalingPolicy hpa =
                new AutoscalingPolicy(
                        null,
                        2,
                        10,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new JobAutoscalerTuning(70, null, null, null, null));

        assertThat(Violations.of(onOperator(operator)))
                .containsExactly(
                        "autoscaling.jobAutoscaler.targetUtilization: must be > 0 and <= 100"
                                + " (percent), was 0",
                        "autoscaling.jobAutoscaler.utilizationBoundary: must be >= 0 and < 100,"
                                + " was 100",
                        "autoscaling.jobAutoscaler.metricsWindow: must be >= 1 s, was '0 ms'",
                        "autoscaling.jobAutoscaler.catchUpDuration: must be >= 0 ms, was '-1 s'",
                        "autoscaling.jobAutoscaler.restartTime: must be >= 0 ms, was '-1 s'");
        assertThat(Violations.of(autoscaled(hpa)))
                .containsExactly(
                        "autoscaling.jobAutoscaler: must not be set with strategy hpa-reactive:"
                                + " only operator-autoscaler reads it");
    }

    @Test
    void rejectsANegativeCooldown() {
        AutoscalingPolicy negative =
                new AutoscalingPolicy(
                        null,
                        2,
                        10,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Duration.ofSeconds(-30),
                        null);

        assertThat(Violations.of(autoscaled(negative)))
                .containsExactly("autoscaling.cooldown: must be >= 0 ms, was '-30 s'");
    }

    @Test
    void reactiveModeNeedsCheckpointsOrARestartStrategy() {
        FlinkDeploymentSpec noCheckpoints =
                autoscaled(AutoscalingPolicy.taskManagers(2, 10))
                        .edit()
                        .checkpointing(CheckpointingSpec.none())
                        .build();
        FlinkDeploymentSpec restartStrategy =
                noCheckpoints
                        .edit()
                        .flinkConfiguration(Map.of("restart-strategy.type", "fixed-delay"))
                        .build();
        FlinkDeploymentSpec userInterval =
                noCheckpoints
                        .edit()
                        .flinkConfiguration(Map.of("execution.checkpointing.interval", "10 s"))
                        .build();

        assertThat(Violations.of(noCheckpoints))
                .containsExactly(
                        "checkpointing.interval: must be set while autoscaling uses reactive mode"
                                + " (strategy hpa-reactive): every rescale restarts the job from"
                                + " its latest checkpoint, so without checkpoints it loses its"
                                + " state, and without a restart strategy (or set"
                                + " flinkConfiguration['restart-strategy.type']) Flink fails it"
                                + " instead of rescaling");
        assertThat(Violations.of(restartStrategy)).isEmpty();
        assertThat(Violations.of(userInterval)).isEmpty();
    }

    @Test
    void theSchedulerModeIsTheSdksWhileAutoscalingRunsReactiveMode() {
        FlinkDeploymentSpec spec =
                autoscaled(AutoscalingPolicy.taskManagers(2, 10))
                        .edit()
                        .flinkConfiguration(Map.of("scheduler-mode", "reactive"))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "flinkConfiguration['scheduler-mode']: is managed by the SDK and must not"
                                + " be set: autoscaling runs the job in reactive mode, so that it"
                                + " uses the TaskManagers the HPA adds, was 'reactive'");
    }

    @Test
    void withoutAutoscalingAUserMayChooseReactiveModeButNotInSessionMode() {
        FlinkDeploymentSpec application =
                Specs.minimalApplication()
                        .edit()
                        .flinkConfiguration(Map.of("scheduler-mode", "reactive"))
                        .build();
        FlinkDeploymentSpec session =
                Specs.session()
                        .edit()
                        .flinkConfiguration(Map.of("scheduler-mode", "REACTIVE"))
                        .build();

        assertThat(Violations.of(application)).isEmpty();
        assertThat(Violations.of(session))
                .containsExactly(
                        "flinkConfiguration['scheduler-mode']: must not be reactive in session"
                                + " mode: Flink runs reactive mode in standalone application"
                                + " clusters only, was 'REACTIVE'");
    }

    @Test
    void withAutoscalingParallelismIsBoundedByTheMaximumTaskManagers() {
        FlinkDeploymentSpec fits =
                autoscaled(AutoscalingPolicy.taskManagers(1, 4))
                        .edit()
                        .job(
                                JobSpec.ofJar("local:///opt/flink/usrlib/orders.jar")
                                        .withParallelism(4))
                        .build();
        FlinkDeploymentSpec tooHigh = fits.edit().job(fits.job().withParallelism(5)).build();

        assertThat(Violations.of(fits)).isEmpty();
        assertThat(Violations.of(tooHigh))
                .containsExactly(
                        "job.parallelism: must be <= autoscaling.maxTaskManagers ×"
                                + " taskManager.taskSlots (4), was 5");
    }

    @Test
    void aSpecWithoutAutoscalingHasNoAutoscalingViolations() {
        assertThat(Violations.of(Specs.statefulHa())).isEmpty();
        assertThat(Violations.of(autoscaled(AutoscalingPolicy.none()))).isEmpty();
    }

    private static AutoscalingPolicy withMetrics(MetricSignal... metrics) {
        return new AutoscalingPolicy(
                null, 2, 10, null, null, null, null, List.of(metrics), null, null, null, null);
    }

    private static AutoscalingPolicy withRules(ScalingRules up, ScalingRules down) {
        return new AutoscalingPolicy(
                null, 2, 10, null, null, null, null, null, up, down, null, null);
    }
}
