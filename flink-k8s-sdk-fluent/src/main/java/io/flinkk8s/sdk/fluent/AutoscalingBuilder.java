package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import io.flinkk8s.sdk.core.spec.policy.MetricSignal;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds the {@link AutoscalingPolicy} of a deployment: between how many TaskManagers (or, with the
 * operator's autoscaler, which parallelism) it scales, on which signals, how fast, and with which
 * strategy. Obtained in {@code FlinkDeploymentBuilder.autoscaling(a -> ...)}:
 *
 * <pre>{@code
 * // standalone: an HPA on the TaskManagers, Flink in reactive mode
 * .autoscaling(a -> a.taskManagers(2, 10)
 *                    .targetCpu(70)
 *                    .addExternalMetric("kafka_consumergroup_lag",
 *                                       Map.of("consumergroup", "orders"), "10k")
 *                    .scaleDownAfter(Duration.ofMinutes(15))
 *                    .cooldown(Duration.ofMinutes(3)))
 *
 * // operator target: the Flink Kubernetes Operator's autoscaler
 * .autoscaling(a -> a.parallelism(2, 48)
 *                    .jobAutoscaler(j -> j.targetUtilization(60).metricsWindow(Duration.ofMinutes(10))))
 * }</pre>
 *
 * Setting anything turns autoscaling on; the strategy is derived from the render target unless
 * {@link #strategy} says otherwise, and core fills the rest (prompt scale-up, slow scale-down).
 * {@link #none()} turns it off again. Core's validator rejects what the strategy does not read. A
 * second lambda merges; the nested lambdas merge too. Mutable and not thread-safe.
 */
public final class AutoscalingBuilder {

    private AutoscalingStrategy strategy;
    private Integer minTaskManagers;
    private Integer maxTaskManagers;
    private Integer minParallelism;
    private Integer maxParallelism;
    private Integer targetCpuUtilization;
    private Integer targetMemoryUtilization;
    private final List<MetricSignal> metrics;
    private ScalingRulesBuilder scaleUp;
    private ScalingRulesBuilder scaleDown;
    private Duration cooldown;
    private JobAutoscalerBuilder jobAutoscaler;

    AutoscalingBuilder(AutoscalingPolicy policy) {
        strategy = policy.strategy();
        minTaskManagers = policy.minTaskManagers();
        maxTaskManagers = policy.maxTaskManagers();
        minParallelism = policy.minParallelism();
        maxParallelism = policy.maxParallelism();
        targetCpuUtilization = policy.targetCpuUtilization();
        targetMemoryUtilization = policy.targetMemoryUtilization();
        metrics = new ArrayList<>(policy.metrics());
        scaleUp = new ScalingRulesBuilder(policy.scaleUp());
        scaleDown = new ScalingRulesBuilder(policy.scaleDown());
        cooldown = policy.cooldown();
        jobAutoscaler = new JobAutoscalerBuilder(policy.jobAutoscaler());
    }

    /** Chooses the strategy instead of deriving it from the render target. */
    public AutoscalingBuilder strategy(AutoscalingStrategy strategy) {
        this.strategy = strategy;
        return this;
    }

    /** Scales between {@code min} and {@code max} TaskManagers (the HPA's min and max replicas). */
    public AutoscalingBuilder taskManagers(int min, int max) {
        this.minTaskManagers = min;
        this.maxTaskManagers = max;
        return this;
    }

    /** Sets the fewest TaskManagers; {@code null} goes back to {@code taskManager.replicas}. */
    public AutoscalingBuilder minTaskManagers(Integer min) {
        this.minTaskManagers = min;
        return this;
    }

    /** Sets the most TaskManagers; the HPA strategies need it. */
    public AutoscalingBuilder maxTaskManagers(Integer max) {
        this.maxTaskManagers = max;
        return this;
    }

    /** Scales each vertex between {@code min} and {@code max} parallelism (operator autoscaler). */
    public AutoscalingBuilder parallelism(int min, int max) {
        this.minParallelism = min;
        this.maxParallelism = max;
        return this;
    }

    /** Sets the lowest vertex parallelism of the operator autoscaler; {@code null} unsets it. */
    public AutoscalingBuilder minParallelism(Integer min) {
        this.minParallelism = min;
        return this;
    }

    /** Sets the highest vertex parallelism of the operator autoscaler; {@code null} unsets it. */
    public AutoscalingBuilder maxParallelism(Integer max) {
        this.maxParallelism = max;
        return this;
    }

    /**
     * Scales so that the TaskManagers use {@code percent} of their CPU request on average; {@code
     * null} unsets it (with no signal at all, core sets 80).
     */
    public AutoscalingBuilder targetCpu(Integer percent) {
        this.targetCpuUtilization = percent;
        return this;
    }

    /** Scales so that the TaskManagers use {@code percent} of their memory request on average. */
    public AutoscalingBuilder targetMemory(Integer percent) {
        this.targetMemoryUtilization = percent;
        return this;
    }

    /**
     * Also scales on a metric of the TaskManager pods, averaged over them, e.g. Flink's busy time
     * exported through a custom metrics adapter.
     *
     * @param targetAverageValue a Kubernetes quantity per TaskManager, e.g. {@code 800m}
     */
    public AutoscalingBuilder addPodsMetric(String name, String targetAverageValue) {
        return addMetric(MetricSignal.pods(name, targetAverageValue));
    }

    /**
     * Also scales on an external metric, e.g. a Kafka consumer group's lag.
     *
     * @param selector the metric's labels to match; may be empty
     * @param targetValue a Kubernetes quantity for the metric's total value, e.g. {@code 10k}
     */
    public AutoscalingBuilder addExternalMetric(
            String name, Map<String, String> selector, String targetValue) {
        return addMetric(MetricSignal.external(name, selector, targetValue));
    }

    /** Adds one metric signal after those already added. */
    public AutoscalingBuilder addMetric(MetricSignal metric) {
        metrics.add(metric);
        return this;
    }

    /** Replaces all metric signals; {@code null} clears them. */
    public AutoscalingBuilder metrics(List<MetricSignal> metrics) {
        this.metrics.clear();
        if (metrics != null) {
            this.metrics.addAll(metrics);
        }
        return this;
    }

    /** Configures how fast the TaskManagers may grow; a second call merges. */
    public AutoscalingBuilder scaleUp(Consumer<ScalingRulesBuilder> scaleUp) {
        Objects.requireNonNull(scaleUp, "scaleUp").accept(this.scaleUp);
        return this;
    }

    /** Replaces the scale-up rules with {@code rules}; {@code null} unsets them. */
    public AutoscalingBuilder scaleUp(ScalingRules rules) {
        this.scaleUp = new ScalingRulesBuilder(rules == null ? ScalingRules.unset() : rules);
        return this;
    }

    /** Configures how fast the TaskManagers may shrink; a second call merges. */
    public AutoscalingBuilder scaleDown(Consumer<ScalingRulesBuilder> scaleDown) {
        Objects.requireNonNull(scaleDown, "scaleDown").accept(this.scaleDown);
        return this;
    }

    /** Replaces the scale-down rules with {@code rules}; {@code null} unsets them. */
    public AutoscalingBuilder scaleDown(ScalingRules rules) {
        this.scaleDown = new ScalingRulesBuilder(rules == null ? ScalingRules.unset() : rules);
        return this;
    }

    /**
     * Scales up only on a recommendation that held for {@code window}: the scale-up stabilization
     * window.
     */
    public AutoscalingBuilder scaleUpAfter(Duration window) {
        scaleUp.stabilizationWindow(window);
        return this;
    }

    /**
     * Scales down only on a recommendation that held for {@code window}: the scale-down
     * stabilization window (with the operator autoscaler, its {@code scale-down.interval}).
     */
    public AutoscalingBuilder scaleDownAfter(Duration window) {
        scaleDown.stabilizationWindow(window);
        return this;
    }

    /**
     * Lets at least {@code cooldown} pass between two rescales of the running job (Flink's adaptive
     * scheduler in reactive mode; the operator autoscaler's {@code stabilization.interval}).
     */
    public AutoscalingBuilder cooldown(Duration cooldown) {
        this.cooldown = cooldown;
        return this;
    }

    /** Tunes the operator's autoscaler (strategy {@code operator-autoscaler}); merges. */
    public AutoscalingBuilder jobAutoscaler(Consumer<JobAutoscalerBuilder> jobAutoscaler) {
        Objects.requireNonNull(jobAutoscaler, "jobAutoscaler").accept(this.jobAutoscaler);
        return this;
    }

    /** Replaces the operator autoscaler's tuning; {@code null} unsets it. */
    public AutoscalingBuilder jobAutoscaler(JobAutoscalerTuning tuning) {
        this.jobAutoscaler =
                new JobAutoscalerBuilder(tuning == null ? JobAutoscalerTuning.unset() : tuning);
        return this;
    }

    /**
     * Turns autoscaling off: forgets everything set so far (bounds, signals, rules, strategy), so
     * the policy is {@link AutoscalingPolicy#none()}. The one way to turn it off in the DSL, like
     * {@code DisruptionBuilder.none()} for the budgets:
     *
     * <pre>{@code
     * FlinkK8s.from(spec).autoscaling(AutoscalingBuilder::none).build()
     * }</pre>
     */
    public AutoscalingBuilder none() {
        AutoscalingPolicy none = AutoscalingPolicy.none();
        strategy = none.strategy();
        minTaskManagers = none.minTaskManagers();
        maxTaskManagers = none.maxTaskManagers();
        minParallelism = none.minParallelism();
        maxParallelism = none.maxParallelism();
        targetCpuUtilization = none.targetCpuUtilization();
        targetMemoryUtilization = none.targetMemoryUtilization();
        metrics.clear();
        scaleUp = new ScalingRulesBuilder(none.scaleUp());
        scaleDown = new ScalingRulesBuilder(none.scaleDown());
        cooldown = none.cooldown();
        jobAutoscaler = new JobAutoscalerBuilder(none.jobAutoscaler());
        return this;
    }

    AutoscalingPolicy build() {
        return new AutoscalingPolicy(
                strategy,
                minTaskManagers,
                maxTaskManagers,
                minParallelism,
                maxParallelism,
                targetCpuUtilization,
                targetMemoryUtilization,
                metrics,
                scaleUp.build(),
                scaleDown.build(),
                cooldown,
                jobAutoscaler.build());
    }
}
