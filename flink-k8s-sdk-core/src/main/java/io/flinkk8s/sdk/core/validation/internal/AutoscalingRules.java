package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.internal.Quantities;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import io.flinkk8s.sdk.core.spec.policy.MetricSignal;
import io.flinkk8s.sdk.core.spec.policy.MetricSourceType;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import java.time.Duration;

/**
 * Rules for {@code autoscaling}: a strategy that fits the render target and mode, bounds with
 * {@code 1 <= min <= max}, utilisation targets in (0, 100], metrics with a target the HPA can use,
 * scaling limits Kubernetes accepts, and no field the strategy does not read (the message names the
 * strategy and what to use instead). {@code operator-hpa} needs target operator (it renders the
 * {@code FlinkDeployment} in the operator's standalone mode) and application mode (reactive mode);
 * every {@code flinkVersion} the operator target accepts (1.18 and later) runs both, so there is no
 * version rule.
 */
public final class AutoscalingRules {

    /** Kubernetes' limit of a stabilization window. */
    private static final Duration MAX_WINDOW = Duration.ofHours(1);

    /** Kubernetes' limit of a scaling policy's period. */
    private static final Duration MAX_PERIOD = Duration.ofMinutes(30);

    private AutoscalingRules() {}

    public static void autoscaling(Checks checks, FlinkDeploymentSpec spec) {
        AutoscalingPolicy a = spec.autoscaling();
        if (!a.isEnabled()) {
            return;
        }
        AutoscalingStrategy strategy = a.strategy();
        checks.at(
                "autoscaling",
                () -> {
                    strategy(checks, spec, strategy);
                    if (strategy.usesHpa()) {
                        hpa(checks, a, strategy.wireValue());
                    } else {
                        operatorAutoscaler(checks, a);
                    }
                    Durations.atLeast(checks, "cooldown", a.cooldown(), Duration.ZERO);
                });
    }

    private static void strategy(Checks checks, FlinkDeploymentSpec spec, AutoscalingStrategy s) {
        if (s.requiredTarget() != spec.target()) {
            checks.report(
                    "strategy",
                    "must not be "
                            + s.wireValue()
                            + " with target "
                            + spec.target().wireValue()
                            + ": "
                            + (s == AutoscalingStrategy.HPA_REACTIVE
                                    ? "it renders an HPA on the TaskManager Deployment of target"
                                            + " standalone; with target operator use"
                                            + " operator-autoscaler or operator-hpa"
                                    : "it configures the Flink Kubernetes Operator's"
                                            + " FlinkDeployment; with target standalone use"
                                            + " hpa-reactive"),
                    s.wireValue());
        }
        if (spec.mode() == DeploymentMode.SESSION) {
            checks.report(
                    "strategy",
                    "must not be "
                            + s.wireValue()
                            + " in session mode: "
                            + (s.usesReactiveMode()
                                    ? "Flink runs reactive mode in standalone application"
                                            + " clusters only"
                                    : "it scales the vertices of the one job of an application"
                                            + " cluster"),
                    s.wireValue());
        }
    }

    private static void hpa(Checks checks, AutoscalingPolicy a, String strategy) {
        boolean min = checks.atLeast("minTaskManagers", a.minTaskManagers(), 1);
        boolean max =
                checks.required(
                                "maxTaskManagers",
                                a.maxTaskManagers(),
                                "must be set with strategy " + strategy + ": the HPA's maxReplicas")
                        && checks.atLeast("maxTaskManagers", a.maxTaskManagers(), 1);
        if (min && max && a.minTaskManagers() > a.maxTaskManagers()) {
            checks.report(
                    "minTaskManagers",
                    "must be <= autoscaling.maxTaskManagers ("
                            + a.maxTaskManagers()
                            + "); when unset it is taskManager.replicas",
                    a.minTaskManagers());
        }
        String parallelismInstead =
                "the HPA scales TaskManagers and reactive mode gives the job every slot; bound"
                        + " minTaskManagers and maxTaskManagers instead";
        notSet(checks, "minParallelism", a.minParallelism(), strategy, parallelismInstead);
        notSet(checks, "maxParallelism", a.maxParallelism(), strategy, parallelismInstead);
        utilization(checks, "targetCpuUtilization", a.targetCpuUtilization());
        utilization(checks, "targetMemoryUtilization", a.targetMemoryUtilization());
        checks.eachItem("metrics", a.metrics(), (m, i) -> metric(checks, m));
        checks.at("scaleUp", () -> rules(checks, a.scaleUp()));
        checks.at("scaleDown", () -> rules(checks, a.scaleDown()));
        if (!a.jobAutoscaler().isUnset()) {
            notSet(
                    checks,
                    "jobAutoscaler",
                    a.jobAutoscaler(),
                    strategy,
                    "only operator-autoscaler reads it");
        }
    }

    private static void operatorAutoscaler(Checks checks, AutoscalingPolicy a) {
        String strategy = AutoscalingStrategy.OPERATOR_AUTOSCALER.wireValue();
        String boundsInstead =
                "it scales each vertex's parallelism and the operator sizes the TaskManagers;"
                        + " bound minParallelism and maxParallelism instead";
        notSet(checks, "minTaskManagers", a.minTaskManagers(), strategy, boundsInstead);
        notSet(checks, "maxTaskManagers", a.maxTaskManagers(), strategy, boundsInstead);
        boolean min = checks.atLeast("minParallelism", a.minParallelism(), 1);
        boolean max = checks.atLeast("maxParallelism", a.maxParallelism(), 1);
        if (min && max && a.minParallelism() > a.maxParallelism()) {
            checks.report(
                    "minParallelism",
                    "must be <= autoscaling.maxParallelism (" + a.maxParallelism() + ")",
                    a.minParallelism());
        }
        String signalInstead =
                "it scales on Flink's busy time, not on container metrics; set"
                        + " jobAutoscaler.targetUtilization instead";
        notSet(checks, "targetCpuUtilization", a.targetCpuUtilization(), strategy, signalInstead);
        notSet(
                checks,
                "targetMemoryUtilization",
                a.targetMemoryUtilization(),
                strategy,
                signalInstead);
        if (!a.metrics().isEmpty()) {
            notSet(checks, "metrics", a.metrics().size(), strategy, signalInstead);
        }
        if (!a.scaleUp().isUnset()) {
            notSet(checks, "scaleUp", a.scaleUp(), strategy, "it has no scale-up limits");
        }
        checks.at("scaleDown", () -> operatorScaleDown(checks, a.scaleDown(), strategy));
        checks.at("jobAutoscaler", () -> tuning(checks, a.jobAutoscaler()));
    }

    private static void operatorScaleDown(Checks checks, ScalingRules rules, String strategy) {
        String only = "only the stabilization window applies (its scale-down.interval)";
        if (!rules.policies().isEmpty()) {
            notSet(checks, "policies", rules.policies().size(), strategy, only);
        }
        notSet(
                checks,
                "selectPolicy",
                rules.selectPolicy() == null ? null : rules.selectPolicy().wireValue(),
                strategy,
                only);
        Durations.atLeast(
                checks, "stabilizationWindow", rules.stabilizationWindow(), Duration.ZERO);
    }

    private static void tuning(Checks checks, JobAutoscalerTuning t) {
        utilization(checks, "targetUtilization", t.targetUtilization());
        Integer boundary = t.utilizationBoundary();
        if (boundary != null && (boundary < 0 || boundary >= 100)) {
            checks.report("utilizationBoundary", "must be >= 0 and < 100", boundary);
        }
        Durations.atLeast(checks, "metricsWindow", t.metricsWindow(), Duration.ofSeconds(1));
        Durations.atLeast(checks, "catchUpDuration", t.catchUpDuration(), Duration.ZERO);
        Durations.atLeast(checks, "restartTime", t.restartTime(), Duration.ZERO);
    }

    private static void rules(Checks checks, ScalingRules rules) {
        Durations.wholeSecondsWithin(
                checks,
                "stabilizationWindow",
                rules.stabilizationWindow(),
                Duration.ZERO,
                MAX_WINDOW);
        checks.eachItem(
                "policies",
                rules.policies(),
                (p, i) -> {
                    if (p == null) {
                        checks.report("must not be null", null);
                        return;
                    }
                    checks.required("type", p.type(), "must be pods or percent");
                    if (checks.required("value", p.value(), "must be set")) {
                        checks.atLeast("value", p.value(), 1);
                    }
                    if (checks.required("period", p.period(), "must be set")) {
                        Durations.wholeSecondsWithin(
                                checks, "period", p.period(), Duration.ofSeconds(1), MAX_PERIOD);
                    }
                });
    }

    private static void metric(Checks checks, MetricSignal m) {
        if (m == null) {
            checks.report("must not be null", null);
            return;
        }
        checks.required("type", m.type(), "must be pods or external");
        if (checks.required("name", m.name(), "must be set") && m.name().isBlank()) {
            checks.report("name", "must not be blank", m.name());
        }
        checks.eachEntry(
                "selector",
                m.selector(),
                (key, value) -> {
                    if (!KubernetesNames.isQualifiedName(key)) {
                        checks.report(KubernetesNames.QUALIFIED_NAME_RULE, key);
                    } else if (!KubernetesNames.isLabelValue(value)) {
                        checks.report(KubernetesNames.LABEL_VALUE_RULE, value);
                    }
                });
        if (m.type() == MetricSourceType.PODS) {
            checks.required(
                    "targetAverageValue",
                    m.targetAverageValue(),
                    "must be set for a pods metric: the target per TaskManager");
            if (m.targetValue() != null) {
                checks.report(
                        "targetValue",
                        "must not be set for a pods metric, which has only an average target",
                        m.targetValue());
            }
        } else if (m.type() == MetricSourceType.EXTERNAL
                && (m.targetValue() == null) == (m.targetAverageValue() == null)) {
            checks.report(
                    "must set exactly one of targetValue and targetAverageValue, "
                            + (m.targetValue() == null ? "neither is set" : "both are set"),
                    null);
        }
        quantity(checks, "targetAverageValue", m.targetAverageValue());
        quantity(checks, "targetValue", m.targetValue());
    }

    private static void quantity(Checks checks, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            if (Quantities.parse(value).getNumericalAmount().signum() <= 0) {
                checks.report(field, "must be > 0", value);
            }
        } catch (IllegalArgumentException e) {
            checks.report(field, "must be a Kubernetes quantity such as 800, 1.5 or 500m", value);
        }
    }

    private static void utilization(Checks checks, String field, Integer percent) {
        if (percent != null && (percent <= 0 || percent > 100)) {
            checks.report(field, "must be > 0 and <= 100 (percent)", percent);
        }
    }

    private static void notSet(
            Checks checks, String field, Object value, String strategy, String because) {
        if (value != null) {
            checks.report(
                    field,
                    "must not be set with strategy " + strategy + ": " + because,
                    value instanceof Record ? null : value);
        }
    }
}
