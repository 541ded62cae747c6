package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.KubernetesEvent;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes Warning Events in a deployment's status: from one LIST for a handle's {@code
 * status()} and from the view's one Event informer, with the testkit's kubelet writing them.
 */
class StatusEventsIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aJobManagerWhoseReadinessFailsShowsItsUnhealthyWarningInTheStatus() {
        // given: readiness GET /config every 10 s, 3 failures to turn not ready
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        String jm = pod(Component.JOB_MANAGER);
        // when
        fixture.cluster.faults().failReadinessProbe(NS, jm);
        fixture.cluster.advance(Duration.ofSeconds(30));
        DeploymentStatus status = orders.status();
        // then
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.DEPLOYING);
        assertThat(status.events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.type()).isEqualTo("Warning");
                            assertThat(e.reason()).isEqualTo("Unhealthy");
                            assertThat(e.kind()).isEqualTo("Pod");
                            assertThat(e.objectName()).isEqualTo(jm);
                            assertThat(e.message()).startsWith("Readiness probe failed");
                        });
    }

    @Test
    void aRestartingTaskManagersWarningsAppearInTheViewFoldedWithTheirCount() {
        // given: TCP liveness every 15 s, 4 failures to restart
        deployer.apply(Specs.orders());
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        view.await(NS, "orders", s -> s.lifecycle() == Lifecycle.RUNNING, WAIT);
        String tm = pod(Component.TASK_MANAGER);
        // when: it fails twice
        for (int i = 0; i < 2; i++) {
            fixture.cluster.faults().failLivenessProbe(NS, tm);
            fixture.cluster.advance(Duration.ofSeconds(60));
        }
        // (the Event and Pod informers deliver independently: wait for both)
        DeploymentStatus status =
                view.await(
                        NS,
                        "orders",
                        unhealthyTwice(tm).and(s -> s.taskManagers().restarts() == 2),
                        WAIT);
        // then
        assertThat(status.taskManagers().restarts()).isEqualTo(2);
        assertThat(status.events())
                .filteredOn(e -> e.objectName().equals(tm))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("Liveness probe failed"));
    }

    @Test
    void eventsInTheStatusAreOnlyTheNewestWarningsOfTheDeployment() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        Instant t0 = fixture.cluster.clock().instant();
        // when: 15 pods fail to schedule, and one Normal Event and one of another app
        for (int i = 0; i < 15; i++) {
            record("Pod", "orders-taskmanager-5c9d-p" + i, "Warning", "FailedScheduling", t0, i);
        }
        record("Pod", "orders-taskmanager-5c9d-p1", "Normal", "Pulled", t0, 20);
        record("Pod", "web-5c9d-p1", "Warning", "BackOff", t0, 30);
        DeploymentStatus status = orders.status();
        // then
        assertThat(status.events()).hasSize(DeploymentStatus.MAX_EVENTS);
        assertThat(status.events())
                .extracting(KubernetesEvent::objectName)
                .startsWith("orders-taskmanager-5c9d-p14", "orders-taskmanager-5c9d-p13");
        assertThat(status.events()).allMatch(e -> e.reason().equals("FailedScheduling"));
    }

    @Test
    void theViewAndTheHandleReportTheSameEvents() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        String tm = pod(Component.TASK_MANAGER);
        // when
        record("Pod", tm, "Warning", "FailedMount", fixture.cluster.clock().instant(), 0);
        DeploymentStatus seen = view.await(NS, "orders", s -> !s.events().isEmpty(), WAIT);
        // then
        assertThat(seen.events()).isEqualTo(orders.status().events());
        assertThat(seen.events().get(0).reason()).isEqualTo("FailedMount");
    }

    @Test
    void aClientThatMayNotListEventsGetsStatusesWithoutThem() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        record("Pod", pod(Component.TASK_MANAGER), "Warning", "BackOff", Instant.now(), 0);
        fixture.cluster.faults().failRequests(ApiVerb.LIST, "events", 403);
        // when
        DeploymentStatus status = orders.status();
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        // then
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(status.events()).isEmpty();
        assertThat(view.await(NS, "orders", s -> s.lifecycle() == Lifecycle.RUNNING, WAIT).events())
                .isEmpty();
    }

    private static Predicate<DeploymentStatus> unhealthyTwice(String pod) {
        return s ->
                s.events().stream()
                        .anyMatch(
                                e ->
                                        e.objectName().equals(pod)
                                                && e.reason().equals("Unhealthy")
                                                && e.count() == 2);
    }

    private String pod(Component component) {
        List<Pod> pods =
                fixture.cluster.list(Pod.class, NS).stream()
                        .filter(
                                p ->
                                        component
                                                .labelValue()
                                                .equals(
                                                        p.getMetadata()
                                                                .getLabels()
                                                                .get(ResourceLabels.COMPONENT)))
                        .toList();
        return pods.get(0).getMetadata().getName();
    }

    /**
     * An Event name as a kubelet writes one ({@code <object>.<hex>}): a DNS-1123 subdomain, which
     * the API server requires of core/v1 Event names, so the reason goes in lower case.
     */
    private static String eventName(String name, String reason, int seconds) {
        return name + "." + reason.toLowerCase(Locale.ROOT) + "." + seconds;
    }

    /** Writes an Event as a kubelet or controller would. */
    private void record(
            String kind, String name, String type, String reason, Instant t0, int seconds) {
        String at = t0.plusSeconds(seconds).toString();
        fixture.cluster
                .client()
                .v1()
                .events()
                .inNamespace(NS)
                .resource(
                        new EventBuilder()
                                .withNewMetadata()
                                .withName(eventName(name, reason, seconds))
                                .withNamespace(NS)
                                .endMetadata()
                                .withNewInvolvedObject()
                                .withKind(kind)
                                .withName(name)
                                .withNamespace(NS)
                                .endInvolvedObject()
                                .withType(type)
                                .withReason(reason)
                                .withMessage(reason + " of " + name)
                                .withCount(1)
                                .withFirstTimestamp(at)
                                .withLastTimestamp(at)
                                .build())
                .create();
    }
}
