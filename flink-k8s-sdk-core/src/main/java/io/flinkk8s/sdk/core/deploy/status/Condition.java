package io.flinkk8s.sdk.core.deploy.status;

import java.time.Instant;
import java.util.Objects;

/**
 * One Kubernetes-style condition of a deployment ({@code Ready}, {@code Progressing}, {@code
 * Degraded}, {@code Suspended}), as {@code kubectl describe} shows a Deployment's: what is true
 * now, why in one CamelCase word, and since when.
 *
 * @param type the condition, one of {@link #READY}, {@link #PROGRESSING}, {@link #DEGRADED}, {@link
 *     #SUSPENDED}
 * @param status whether it holds; {@link Status#UNKNOWN} when the API server or Flink could not be
 *     read
 * @param reason why, in one CamelCase word, e.g. {@code Running}, {@code ErrImagePull}, {@code
 *     CrashLoopBackOff}, {@code Unschedulable}, {@code JobFailed}
 * @param message what a person reads: the cause with its details (the container's last termination,
 *     the scheduler's message, Flink's root exception)
 * @param lastTransitionTime when {@code status} last changed, as far as the reader knows: the
 *     status view keeps it across statuses while the status stays; a handle's one-off {@code
 *     status()} cannot know and gives the time it observed
 * @param observedGeneration may be null: the {@code metadata.generation} of the object the
 *     condition was judged from (the JobManager Deployment for target {@code standalone}, the
 *     FlinkDeployment for target {@code operator}); null when there is none
 */
public record Condition(
        String type,
        Status status,
        String reason,
        String message,
        Instant lastTransitionTime,
        Long observedGeneration) {

    /** The deployment is running as asked: every pod ready and the job RUNNING. */
    public static final String READY = "Ready";

    /** The deployment is moving towards what was applied (deploying, upgrading, starting). */
    public static final String PROGRESSING = "Progressing";

    /**
     * Something is wrong: a pod that cannot start or keeps crashing, a job that failed or restarts.
     */
    public static final String DEGRADED = "Degraded";

    /** The job was suspended on purpose. */
    public static final String SUSPENDED = "Suspended";

    /** Whether a condition holds, as Kubernetes writes it ({@code True}, {@code False}). */
    public enum Status {
        /** It holds. */
        TRUE,
        /** It does not hold. */
        FALSE,
        /** Not known: what it depends on could not be read. */
        UNKNOWN;

        /** {@code True}, {@code False} or {@code Unknown}, as in Kubernetes. */
        @Override
        public String toString() {
            return switch (this) {
                case TRUE -> "True";
                case FALSE -> "False";
                case UNKNOWN -> "Unknown";
            };
        }
    }

    /** Requires type, status and reason. */
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    /** Whether this condition holds. */
    public boolean isTrue() {
        return status == Status.TRUE;
    }

    /** The same condition with {@code time} as its last transition. */
    public Condition withLastTransitionTime(Instant time) {
        return new Condition(type, status, reason, message, time, observedGeneration);
    }

    /** {@code Ready=False ErrImagePull: ...}. */
    @Override
    public String toString() {
        return type + "=" + status + " " + reason + (message.isEmpty() ? "" : ": " + message);
    }
}
