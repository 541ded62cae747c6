package io.flinkk8s.sdk.core.error;

/**
 * A wait ({@code waitUntilReady}, {@code waitUntilRunning}) ended before its timeout because the
 * deployment cannot get there without someone acting: an image that cannot be pulled ({@code
 * ErrImagePull}, {@code ImagePullBackOff}), a container in a crash loop ({@code CrashLoopBackOff},
 * with its last termination reason, exit code and the last lines of its log), a pod the scheduler
 * cannot place ({@code Unschedulable}, with the scheduler's message). The message names the
 * deployment, the workload and pod, the cause and what to do next. Nothing was changed by the wait;
 * the deployment stays as applied, and waiting again after fixing the cause is safe.
 */
public class DeploymentFailedException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String workload;

    /**
     * @param message what failed, on which deployment and pod, and what to do next
     * @param reason the Kubernetes reason, e.g. {@code ErrImagePull}
     * @param workload the Deployment whose pods show it, e.g. {@code orders-taskmanager}
     */
    public DeploymentFailedException(String message, String reason, String workload) {
        super(message);
        this.reason = reason;
        this.workload = workload;
    }

    /** The Kubernetes reason, e.g. {@code ErrImagePull}, {@code CrashLoopBackOff}. */
    public String reason() {
        return reason;
    }

    /** The Deployment whose pods show the cause, e.g. {@code orders-jobmanager}. */
    public String workload() {
        return workload;
    }
}
