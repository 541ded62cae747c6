package io.flinkk8s.sdk.core.deploy.status;

import java.time.Instant;
import java.util.Objects;

/**
 * A Kubernetes Warning Event about one of a deployment's objects (a pod, ReplicaSet, Deployment or
 * autoscaler), such as {@code FailedScheduling}, {@code BackOff}, {@code Unhealthy} or {@code
 * FailedMount}: what explains a deployment that does not become ready. Repeats of the same reason
 * about the same object are folded into one, with their {@link #count}.
 *
 * @param type the Event's type, {@code Warning}
 * @param reason why, in one CamelCase word, e.g. {@code BackOff}
 * @param kind the kind of the object it is about, e.g. {@code Pod}
 * @param objectName the name of the object it is about
 * @param message the newest message, as the kubelet or controller wrote it
 * @param count how often it happened (summed over the folded Events)
 * @param lastSeen may be null: when it last happened, if the Event says
 */
public record KubernetesEvent(
        String type,
        String reason,
        String kind,
        String objectName,
        String message,
        int count,
        Instant lastSeen) {

    /** Requires reason, kind and object name. */
    public KubernetesEvent {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(objectName, "objectName");
    }

    /** {@code Warning BackOff Pod/orders-taskmanager-5d8f-x2x9q (x4): Back-off restarting ...}. */
    @Override
    public String toString() {
        return type
                + " "
                + reason
                + " "
                + kind
                + "/"
                + objectName
                + (count > 1 ? " (x" + count + ")" : "")
                + ": "
                + message;
    }
}
