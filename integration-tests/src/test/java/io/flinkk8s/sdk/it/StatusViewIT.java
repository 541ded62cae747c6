package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watch-based status view over several deployments, with the testkit's own JobManagers behind
 * the REST Services ({@code cluster.restEndpointResolver()}).
 */
class StatusViewIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NO_PODS = "JobManager 0/0 ready, 0/0 TaskManagers ready";

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void viewFollowsSeveralDeploymentsFromDeployToRunningSuspendedAndDeleted() {
        // given
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        List<FlinkDeploymentHandle> handles = new ArrayList<>();
        for (String name : List.of("orders-a", "orders-b", "orders-c")) {
            handles.add(deployer.apply(orders(name)));
        }
        // when: all three run
        for (FlinkDeploymentHandle h : handles) {
            view.await(NS, h.name(), lifecycle(Lifecycle.RUNNING), WAIT);
        }
        // then
        assertThat(view.statuses())
                .extracting(DeploymentStatus::name, DeploymentStatus::lifecycle)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("orders-a", Lifecycle.RUNNING),
                        org.assertj.core.groups.Tuple.tuple("orders-b", Lifecycle.RUNNING),
                        org.assertj.core.groups.Tuple.tuple("orders-c", Lifecycle.RUNNING));
        assertThat(view.status(NS, "orders-a").job().id()).isEqualTo(latestJobId("orders-a"));
        // when: one is suspended, one deleted
        handles.get(1).suspend();
        handles.get(2).delete();
        // then
        DeploymentStatus suspended =
                view.await(NS, "orders-b", lifecycle(Lifecycle.SUSPENDED), WAIT);
        assertThat(suspended.lastSavepoint().path())
                .isEqualTo(
                        fixture.cluster.flink(NS, "orders-b").lastSavepoint().orElseThrow().path());
        assertThat(
                        view.await(NS, "orders-c", lifecycle(Lifecycle.DELETED), WAIT)
                                .taskManagers()
                                .desired())
                .isZero();
        assertThat(view.status(NS, "orders-a").lifecycle()).isEqualTo(Lifecycle.RUNNING);
    }

    @Test
    void viewGivesTheSameRecordAsTheHandlesStatus() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(orders("orders"));
        orders.waitUntilRunning(WAIT);
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        // then: running (but for when each condition last changed: the view knows, a one-off
        // status() does not)
        assertThat(view.await(NS, "orders", lifecycle(Lifecycle.RUNNING), WAIT))
                .usingRecursiveComparison()
                .ignoringFields("conditions.lastTransitionTime")
                .isEqualTo(orders.status());
        // and: suspended, with its savepoint, once the pods are gone
        orders.suspend();
        DeploymentStatus suspended =
                view.await(
                        NS,
                        "orders",
                        s -> s.lifecycle() == Lifecycle.SUSPENDED && s.message().equals(NO_PODS),
                        WAIT);
        assertThat(suspended)
                .usingRecursiveComparison()
                .ignoringFields("conditions.lastTransitionTime")
                .isEqualTo(orders.status());
    }

    @Test
    void watchesArePerKindNotPerDeployment() {
        // given
        fixture.cluster.requests().reset();
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        // when
        for (int i = 1; i <= 4; i++) {
            deployer.apply(orders("orders-" + i));
        }
        for (int i = 1; i <= 4; i++) {
            view.await(NS, "orders-" + i, lifecycle(Lifecycle.RUNNING), WAIT);
        }
        deployer.handle(NS, "orders-1").suspend();
        view.await(NS, "orders-1", lifecycle(Lifecycle.SUSPENDED), WAIT);
        // then: two watches of Deployments and of ConfigMaps (statuses and state records; the
        // digests of the applied objects), one of every other kind, for four deployments
        Map<String, Long> watches = watchesByResource();
        assertThat(watches)
                .containsEntry("deployments", 2L)
                .containsEntry("pods", 1L)
                .containsEntry("configmaps", 2L)
                .containsEntry("events", 1L)
                .containsEntry("services", 1L);
        assertThat(watches.values()).allMatch(n -> n <= 2);
        assertThat(view.statuses()).hasSize(4);
    }

    private Map<String, Long> watchesByResource() {
        return fixture.cluster.requests().all().stream()
                .filter(r -> r.verb() == ApiVerb.WATCH)
                .collect(Collectors.groupingBy(ApiRequest::resource, Collectors.counting()));
    }

    @Test
    void listenersHearEachChangeInOrder() {
        // given
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        List<Lifecycle> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        view.addListener(
                (before, now) -> {
                    if (now.name().equals("orders")
                            && (heard.isEmpty()
                                    || heard.get(heard.size() - 1) != now.lifecycle())) {
                        heard.add(now.lifecycle());
                    }
                });
        // when
        FlinkDeploymentHandle orders = deployer.apply(orders("orders"));
        view.await(NS, "orders", lifecycle(Lifecycle.RUNNING), WAIT);
        orders.suspend();
        view.await(NS, "orders", lifecycle(Lifecycle.SUSPENDED), WAIT);
        orders.delete(DeleteOptions.everything());
        view.await(NS, "orders", lifecycle(Lifecycle.DELETED), WAIT);
        // then
        assertThat(heard)
                .containsSubsequence(
                        Lifecycle.DEPLOYING,
                        Lifecycle.RUNNING,
                        Lifecycle.UPGRADING,
                        Lifecycle.SUSPENDED,
                        Lifecycle.DELETED)
                .endsWith(Lifecycle.DELETED);
        assertThat(view.statuses()).isEmpty();
    }

    @Test
    void aJobThatFailsWithoutAnyPodChangingShowsFailedOnTheNextRead() {
        // given
        deployer.apply(orders("orders"));
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        view.await(NS, "orders", lifecycle(Lifecycle.RUNNING), WAIT);
        FlinkJobManager flink = fixture.cluster.flink(NS, "orders");
        SimulatedFlinkRuntime runtime = (SimulatedFlinkRuntime) flink.runtime().orElseThrow();
        // when
        runtime.failJob(flink.latestJob().orElseThrow().id(), "simulated crash");
        DeploymentStatus status = view.refresh(NS, "orders");
        // then
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.FAILED);
        assertThat(status.job().state()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void viewCarriesOnAfterItsWatchesAreDropped() {
        // given
        FlinkDeploymentHandle orders = deployer.apply(orders("orders"));
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        view.await(NS, "orders", lifecycle(Lifecycle.RUNNING), WAIT);
        // when
        fixture.cluster.faults().dropWatches();
        orders.suspend();
        // then
        assertThat(view.await(NS, "orders", lifecycle(Lifecycle.SUSPENDED), WAIT).lifecycle())
                .isEqualTo(Lifecycle.SUSPENDED);
    }

    @Test
    void viewOfOneNamespaceKnowsNothingOfAnother() {
        // given
        deployer.apply(orders("orders"));
        // when
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace("default"));
        // then
        assertThat(view.statuses()).isEmpty();
        assertThat(view.status(NS, "orders").lifecycle()).isEqualTo(Lifecycle.DELETED);
    }

    @Test
    void awaitTimesOutNamingTheLastStatusSeen() {
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));

        assertThatThrownBy(
                        () ->
                                view.await(
                                        NS,
                                        "nothing",
                                        lifecycle(Lifecycle.RUNNING),
                                        Duration.ofMillis(50)))
                .isInstanceOfSatisfying(
                        WaitTimeoutException.class,
                        e -> assertThat(e.lastObserved()).startsWith(Lifecycle.DELETED.name()));
    }

    @Test
    void closingTheDeployerClosesItsViews() {
        // given
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        // when
        deployer.close();
        // then
        assertThatThrownBy(view::statuses)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        view.close(); // again: harmless
    }

    private static java.util.function.Predicate<DeploymentStatus> lifecycle(Lifecycle wanted) {
        return s -> s.lifecycle() == wanted;
    }

    private String latestJobId(String name) {
        return fixture.cluster.flink(NS, name).latestJob().orElseThrow().id().toHexString();
    }

    private static FlinkDeploymentSpec orders(String name) {
        return FlinkK8s.from(Specs.orders()).name(name).build();
    }
}
