package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;

/**
 * Builds the {@link DisruptionPolicy} of a deployment: PodDisruptionBudgets, so that a node drain
 * evicts the JobManager and TaskManager pods a few at a time. Obtained in {@code
 * FlinkDeploymentBuilder.disruption(d -> ...)}:
 *
 * <pre>{@code
 * .disruption(d -> d.taskManagerMaxUnavailable(1))     // the JobManager's budget defaults to 1
 * .disruption(d -> d.taskManagerMaxUnavailable("25%"))
 * }</pre>
 *
 * Setting either budget renders both. Mutable and not thread-safe.
 */
public final class DisruptionBuilder {

    private String jobManagerMaxUnavailable;
    private String taskManagerMaxUnavailable;

    DisruptionBuilder(DisruptionPolicy policy) {
        jobManagerMaxUnavailable = policy.jobManagerMaxUnavailable();
        taskManagerMaxUnavailable = policy.taskManagerMaxUnavailable();
    }

    /** Lets at most {@code pods} JobManager pods be evicted at once. */
    public DisruptionBuilder jobManagerMaxUnavailable(int pods) {
        return jobManagerMaxUnavailable(String.valueOf(pods));
    }

    /**
     * Lets at most {@code amount} JobManager pods be evicted at once: a number or a percentage such
     * as {@code 50%}; {@code null} unsets it.
     */
    public DisruptionBuilder jobManagerMaxUnavailable(String amount) {
        this.jobManagerMaxUnavailable = amount;
        return this;
    }

    /** Lets at most {@code pods} TaskManager pods be evicted at once. */
    public DisruptionBuilder taskManagerMaxUnavailable(int pods) {
        return taskManagerMaxUnavailable(String.valueOf(pods));
    }

    /**
     * Lets at most {@code amount} TaskManager pods be evicted at once: a number or a percentage
     * such as {@code 25%}; {@code null} unsets it.
     */
    public DisruptionBuilder taskManagerMaxUnavailable(String amount) {
        this.taskManagerMaxUnavailable = amount;
        return this;
    }

    /** Turns the budgets off. */
    public DisruptionBuilder none() {
        jobManagerMaxUnavailable = null;
        taskManagerMaxUnavailable = null;
        return this;
    }

    DisruptionPolicy build() {
        return new DisruptionPolicy(jobManagerMaxUnavailable, taskManagerMaxUnavailable);
    }
}
