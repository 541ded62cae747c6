package io.flinkk8s.sdk.core.deploy.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.KubernetesEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventDigestTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void attributesEventsOfTheWorkloadsTheirReplicaSetsAndPodsToTheDeployment() {
        assertThat(EventDigest.deploymentOf(event("Pod", "orders-jobmanager-7d9f8-x2x9q")))
                .contains("orders");
        assertThat(EventDigest.deploymentOf(event("ReplicaSet", "orders-taskmanager-7d9f8")))
                .contains("orders");
        assertThat(EventDigest.deploymentOf(event("Deployment", "orders-taskmanager")))
                .contains("orders");
        assertThat(EventDigest.deploymentOf(event("HorizontalPodAutoscaler", "orders-taskmanager")))
                .contains("orders");
        assertThat(EventDigest.deploymentOf(event("Pod", "my-orders-b-taskmanager-5c-abcde")))
                .contains("my-orders-b");
    }

    @Test
    void ignoresEventsOfObjectsThatAreNotAnSdkWorkload() {
        assertThat(EventDigest.deploymentOf(event("Pod", "web-7d9f8-x2x9q"))).isEmpty();
        assertThat(EventDigest.deploymentOf(event("Pod", "orders-jobmanager"))).isEmpty();
        assertThat(EventDigest.deploymentOf(event("Service", "orders-jobmanager"))).isEmpty();
        assertThat(EventDigest.deploymentOf(event("Deployment", "-jobmanager")))
                .isEqualTo(Optional.empty());
    }

    @Test
    void foldsRepeatsOfOneReasonOnOneObjectWithTheirCountAndNewestMessage() {
        // given
        List<Event> events =
                List.of(
                        warning("Pod", "orders-taskmanager-5c-a", "BackOff", "first", 3, T0),
                        warning(
                                "Pod",
                                "orders-taskmanager-5c-a",
                                "BackOff",
                                "second",
                                2,
                                T0.plusSeconds(60)),
                        warning(
                                "Pod",
                                "orders-taskmanager-5c-b",
                                "BackOff",
                                "other pod",
                                1,
                                T0.plusSeconds(30)));
        // when
        List<KubernetesEvent> folded = EventDigest.of("orders", events);
        // then
        assertThat(folded)
                .containsExactly(
                        new KubernetesEvent(
                                "Warning",
                                "BackOff",
                                "Pod",
                                "orders-taskmanager-5c-a",
                                "second",
                                5,
                                T0.plusSeconds(60)),
                        new KubernetesEvent(
                                "Warning",
                                "BackOff",
                                "Pod",
                                "orders-taskmanager-5c-b",
                                "other pod",
                                1,
                                T0.plusSeconds(30)));
    }

    @Test
    void keepsOnlyTheNewestWarningsOfTheDeployment() {
        // given
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(
                    warning(
                            "Pod",
                            "orders-taskmanager-5c-p" + i,
                            "FailedScheduling",
                            "0/3 nodes are available",
                            1,
                            T0.plusSeconds(i)));
        }
        events.add(warning("Pod", "web-5c-p1", "BackOff", "not ours", 1, T0.plusSeconds(99)));
        events.add(normal("Pod", "orders-taskmanager-5c-p1", "Pulled", T0.plusSeconds(99)));
        // when
        List<KubernetesEvent> folded = EventDigest.of("orders", events);
        // then
        assertThat(folded).hasSize(DeploymentStatus.MAX_EVENTS);
        assertThat(folded.get(0).objectName()).isEqualTo("orders-taskmanager-5c-p24");
        assertThat(folded).allMatch(e -> e.reason().equals("FailedScheduling"));
    }

    private static Event event(String kind, String name) {
        return new EventBuilder()
                .withNewInvolvedObject()
                .withKind(kind)
                .withName(name)
                .endInvolvedObject()
                .build();
    }

    private static Event warning(
            String kind, String name, String reason, String message, int count, Instant at) {
        return new EventBuilder(event(kind, name))
                .withType("Warning")
                .withReason(reason)
                .withMessage(message)
                .withCount(count)
                .withLastTimestamp(at.toString())
                .build();
    }

    private static Event normal(String kind, String name, String reason, Instant at) {
        return new EventBuilder(warning(kind, name, reason, "normal", 1, at))
                .withType("Normal")
                .build();
    }
}
