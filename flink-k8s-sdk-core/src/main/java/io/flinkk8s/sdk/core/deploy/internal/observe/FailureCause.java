package io.flinkk8s.sdk.core.deploy.internal.observe;

import java.util.Objects;

/**
 * Why a deployment cannot get to running without someone acting, as its pods or its job say it: an
 * image that cannot be pulled, a container in a crash loop, a pod the scheduler cannot place, a job
 * that FAILED. What a wait fails fast with, a condition's reason and message, and what the SDK
 * writes as a Kubernetes Event on the workload.
 *
 * <p>Internal: not API, may change in any release.
 *
 * @param reason the Kubernetes or Flink word for it: {@code ErrImagePull}, {@code
 *     ImagePullBackOff}, {@code InvalidImageName}, {@code CrashLoopBackOff}, {@code
 *     CreateContainerConfigError}, {@code Unschedulable}, {@code FailedCreate} (the API server
 *     refused the workload's pods) or {@code JobFailed}
 * @param workload the Deployment the pod belongs to (the JobManager's or the TaskManagers'); for
 *     {@code JobFailed} the JobManager's
 * @param pod may be null: the pod that shows it (one of possibly several); null for {@code
 *     JobFailed}
 * @param container may be null: the container that shows it; null for a pod-level cause
 * @param message what a person reads: the image and the kubelet's message, the container's last
 *     termination, the scheduler's message, Flink's root exception
 * @param detail the part of the cause that stays the same while the cause does (the image, the
 *     termination reason and exit code, the scheduler's message): a changed detail is a new cause
 */
public record FailureCause(
        String reason,
        String workload,
        String pod,
        String container,
        String message,
        String detail) {

    /** The reason of a FAILED job. */
    public static final String JOB_FAILED = "JobFailed";

    /** The reason of a container in a crash loop. */
    public static final String CRASH_LOOP = "CrashLoopBackOff";

    /** Requires reason, workload and message. */
    public FailureCause {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(message, "message");
        detail = detail == null ? "" : detail;
    }

    /** What identifies this cause across observations: reason, workload and detail. */
    String identity() {
        return reason + "|" + workload + "|" + detail;
    }

    /** {@code CrashLoopBackOff in orders-taskmanager: ...}. */
    @Override
    public String toString() {
        return reason + " in " + workload + ": " + message;
    }
}
