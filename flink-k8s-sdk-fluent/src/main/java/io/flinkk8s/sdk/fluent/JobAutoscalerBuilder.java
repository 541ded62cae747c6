package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import java.time.Duration;

/**
 * Builds the {@link JobAutoscalerTuning} of the Flink Kubernetes Operator's autoscaler (strategy
 * {@code operator-autoscaler}), which scales each vertex on its busy time. Obtained in {@code
 * AutoscalingBuilder.jobAutoscaler(j -> ...)}; what is not set keeps the operator's defaults, which
 * core writes into the effective spec. Mutable and not thread-safe.
 */
public final class JobAutoscalerBuilder {

    private Integer targetUtilization;
    private Integer utilizationBoundary;
    private Duration metricsWindow;
    private Duration catchUpDuration;
    private Duration restartTime;

    JobAutoscalerBuilder(JobAutoscalerTuning tuning) {
        targetUtilization = tuning.targetUtilization();
        utilizationBoundary = tuning.utilizationBoundary();
        metricsWindow = tuning.metricsWindow();
        catchUpDuration = tuning.catchUpDuration();
        restartTime = tuning.restartTime();
    }

    /** Scales each vertex towards {@code percent} busy time ({@code utilization.target}). */
    public JobAutoscalerBuilder targetUtilization(Integer percent) {
        this.targetUtilization = percent;
        return this;
    }

    /**
     * Scales nothing while each vertex stays within {@code points} percentage points of the target
     * ({@code utilization.min} / {@code utilization.max}).
     */
    public JobAutoscalerBuilder utilizationBoundary(Integer points) {
        this.utilizationBoundary = points;
        return this;
    }

    /** Aggregates metrics over {@code window} before deciding ({@code metrics.window}). */
    public JobAutoscalerBuilder metricsWindow(Duration window) {
        this.metricsWindow = window;
        return this;
    }

    /**
     * Leaves {@code duration} to work off a backlog after a scaling ({@code catch-up.duration}).
     */
    public JobAutoscalerBuilder catchUpDuration(Duration duration) {
        this.catchUpDuration = duration;
        return this;
    }

    /** Assumes a restart takes {@code duration} ({@code restart.time}). */
    public JobAutoscalerBuilder restartTime(Duration duration) {
        this.restartTime = duration;
        return this;
    }

    JobAutoscalerTuning build() {
        return new JobAutoscalerTuning(
                targetUtilization,
                utilizationBoundary,
                metricsWindow,
                catchUpDuration,
                restartTime);
    }
}
