package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;
import io.flinkk8s.sdk.core.spec.RenderTarget;

/**
 * How an {@link AutoscalingPolicy} scales the deployment. Chosen explicitly, or derived by {@link
 * io.flinkk8s.sdk.core.spec.SpecDefaults} from the render target: {@link #HPA_REACTIVE} for {@link
 * RenderTarget#STANDALONE}, {@link #OPERATOR_AUTOSCALER} for {@link RenderTarget#OPERATOR}.
 */
public enum AutoscalingStrategy {
    /**
     * A Kubernetes HorizontalPodAutoscaler (autoscaling/v2) on the TaskManager Deployment, with
     * Flink's reactive mode ({@code scheduler-mode: reactive}) so that the job rescales to the
     * slots it gets. Needs target {@code standalone} and application mode (Flink supports reactive
     * mode only for standalone application clusters).
     */
    HPA_REACTIVE,
    /**
     * The Flink Kubernetes Operator's own autoscaler ({@code job.autoscaler.*}): it scales each job
     * vertex's parallelism from Flink's busy time and backlog, not from container metrics. Needs
     * target {@code operator} and application mode.
     */
    OPERATOR_AUTOSCALER,
    /**
     * A Kubernetes HorizontalPodAutoscaler on the {@code FlinkDeployment}'s scale subresource
     * ({@code taskManager.replicas}), with the operator in standalone mode and Flink's reactive
     * mode, as in the operator's HPA example. Needs target {@code operator} and application mode.
     * The {@code FlinkDeployment} leaves {@code taskManager.replicas} to the HPA; {@code
     * FlinkDeployer} sets its starting value once, to {@code minTaskManagers}, through the scale
     * subresource.
     */
    OPERATOR_HPA;

    /** The spelling used in YAML and JSON, e.g. {@code hpa-reactive}. */
    @JsonValue
    public String wireValue() {
        return WireValues.kebab(this);
    }

    /** Whether the strategy renders a Kubernetes HPA (and so scales TaskManager replicas). */
    public boolean usesHpa() {
        return this != OPERATOR_AUTOSCALER;
    }

    /** Whether the strategy runs the job in Flink's reactive mode. */
    public boolean usesReactiveMode() {
        return this != OPERATOR_AUTOSCALER;
    }

    /** The render target the strategy needs. */
    public RenderTarget requiredTarget() {
        return this == HPA_REACTIVE ? RenderTarget.STANDALONE : RenderTarget.OPERATOR;
    }

    /**
     * Reads the wire value or the constant name, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed values for anything else
     */
    @JsonCreator
    public static AutoscalingStrategy fromWireValue(String text) {
        return WireValues.parse(AutoscalingStrategy.class, text, AutoscalingStrategy::wireValue);
    }
}
