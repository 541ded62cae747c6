package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.KubernetesEvent;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks a deployment's Warning Events and folds them into the few a status carries; shared by a
 * handle's {@code status()} (one LIST) and the status view (one Event informer).
 *
 * <p><b>Which Events.</b> The core/v1 {@code Event} API rather than events.k8s.io/v1: the kubelet
 * and the controller manager write core/v1 Events (client-go's {@code record.EventRecorder}); newer
 * writers such as the scheduler use events.k8s.io/v1, but both APIs are views of the same stored
 * objects, so core/v1 sees every Event whichever API wrote it. fabric8 7.8 reads it as {@code
 * client.v1().events()} ({@code Event} with {@code involvedObject}, {@code count}, {@code
 * lastTimestamp}, {@code series}), and its {@code type} field selector ({@code kubectl get events
 * --field-selector type=Warning}) is served by every API server and honoured by the testkit. Only
 * {@code type=Warning}: Normal Events (Scheduled, Pulled, Created, Started, ScalingReplicaSet) come
 * several per pod and explain nothing that the pod counts do not, and selecting on the server keeps
 * a view's cache small.
 *
 * <p><b>Whose Events.</b> Events carry no labels, so they are matched by the object they are about:
 * the JobManager or TaskManager Deployment, its autoscaler or disruption budget (named after it),
 * its ReplicaSets ({@code <deployment>-<hash>}) and pods ({@code <deployment>-<hash>-<suffix>}).
 */
public final class EventDigest {

    /** The Event type the SDK selects, on the server. */
    public static final String WARNING = "Warning";

    private static final String JOB_MANAGER_SUFFIX = ResourceNames.of("").jobManagerDeployment();
    private static final String TASK_MANAGER_SUFFIX = ResourceNames.of("").taskManagerDeployment();

    private EventDigest() {}

    /** The SDK deployment (its name) an Event is about, if it is about one of its workloads. */
    public static Optional<String> deploymentOf(Event event) {
        ObjectReference o = event.getInvolvedObject();
        if (o == null || o.getKind() == null || o.getName() == null) {
            return Optional.empty();
        }
        String workload =
                switch (o.getKind()) {
                    case "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget" ->
                            o.getName();
                    case "ReplicaSet" -> dropSegments(o.getName(), 1);
                    case "Pod" -> dropSegments(o.getName(), 2);
                    default -> null;
                };
        if (workload == null) {
            return Optional.empty();
        }
        for (String suffix : List.of(JOB_MANAGER_SUFFIX, TASK_MANAGER_SUFFIX)) {
            if (workload.endsWith(suffix) && workload.length() > suffix.length()) {
                return Optional.of(workload.substring(0, workload.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    private static String dropSegments(String name, int segments) {
        String s = name;
        for (int i = 0; i < segments; i++) {
            int dash = s.lastIndexOf('-');
            if (dash <= 0) {
                return null;
            }
            s = s.substring(0, dash);
        }
        return s;
    }

    /** The Warning Events about deployment {@code name} among {@code events}, folded. */
    static List<KubernetesEvent> of(String name, Collection<Event> events) {
        return fold(
                events.stream()
                        .filter(e -> deploymentOf(e).filter(name::equals).isPresent())
                        .toList());
    }

    /**
     * One entry per type, reason and object (counts summed, the newest message kept), newest first,
     * at most {@link DeploymentStatus#MAX_EVENTS}.
     */
    static List<KubernetesEvent> fold(Collection<Event> events) {
        Map<List<String>, KubernetesEvent> folded = new LinkedHashMap<>();
        events.stream()
                .filter(e -> WARNING.equals(e.getType()) && e.getReason() != null)
                .map(EventDigest::toEvent)
                .sorted(NEWEST_FIRST)
                .forEach(
                        e ->
                                folded.merge(
                                        List.of(e.type(), e.reason(), e.kind(), e.objectName()),
                                        e,
                                        (newer, older) ->
                                                new KubernetesEvent(
                                                        newer.type(),
                                                        newer.reason(),
                                                        newer.kind(),
                                                        newer.objectName(),
                                                        newer.message(),
                                                        newer.count() + older.count(),
                                                        newer.lastSeen())));
        return folded.values().stream().limit(DeploymentStatus.MAX_EVENTS).toList();
    }

    /** Newest first; without a time last; then by reason, kind, name and message (stable). */
    private static final Comparator<KubernetesEvent> NEWEST_FIRST =
            Comparator.comparing(
                            KubernetesEvent::lastSeen,
                            Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                    .thenComparing(KubernetesEvent::reason)
                    .thenComparing(KubernetesEvent::kind)
                    .thenComparing(KubernetesEvent::objectName)
                    .thenComparing(e -> Objects.toString(e.message(), ""));

    private static KubernetesEvent toEvent(Event e) {
        ObjectReference o = e.getInvolvedObject();
        int count = e.getCount() != null ? e.getCount() : 1;
        if (e.getSeries() != null && e.getSeries().getCount() != null) {
            count = Math.max(count, e.getSeries().getCount());
        }
        return new KubernetesEvent(
                e.getType(),
                e.getReason(),
                o.getKind(),
                o.getName(),
                Objects.toString(e.getMessage(), ""),
                Math.max(count, 1),
                lastSeen(e));
    }

    /** The core/v1 lastTimestamp, else the series' or the event's time, else its creation. */
    private static Instant lastSeen(Event e) {
        if (e.getSeries() != null && e.getSeries().getLastObservedTime() != null) {
            Instant t = instant(e.getSeries().getLastObservedTime().getTime());
            if (t != null) {
                return t;
            }
        }
        for (String t :
                new String[] {
                    e.getLastTimestamp(),
                    e.getEventTime() == null ? null : e.getEventTime().getTime(),
                    e.getFirstTimestamp(),
                    e.getMetadata() == null ? null : e.getMetadata().getCreationTimestamp()
                }) {
            Instant parsed = instant(t);
            if (parsed != null) {
                return parsed;
            }
        }
        return null;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
