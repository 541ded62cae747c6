package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default probes of the SDK on the in-memory cluster: a container whose liveness probe fails is
 * restarted, and a JobManager whose readiness probe fails is taken out of its REST Service's
 * endpoints until it passes again.
 */
class ProbesIT {

    private static final String NS = "streaming";
    private static final ResourceNames NAMES = ResourceNames.of("orders");

    private final InMemoryFlinkK8sCluster cluster =
            InMemoryFlinkK8sCluster.builder().namespace(NS).start();
    private final FlinkDeployer deployer =
            FlinkDeployer.create(
                    cluster.client(),
                    DeployOptions.builder()
                            .retryPolicy(
                                    RetryPolicy.defaults()
                                            .withBackoff(
                                                    Duration.ofMillis(1), Duration.ofMillis(5)))
                            .pollInterval(Duration.ofMillis(5))
                            .restEndpointResolver(cluster.restEndpointResolver())
                            .build());

    @BeforeEach
    void deploy() {
        deployer.apply(Specs.orders());
        cluster.awaitRunning(NS, "orders");
    }

    @AfterEach
    void close() {
        deployer.close();
        cluster.close();
    }

    private List<Pod> pods(Component component) {
        return cluster.list(Pod.class, NS).stream()
                .filter(
                        p ->
                                component
                                        .labelValue()
                                        .equals(
                                                p.getMetadata()
                                                        .getLabels()
                                                        .get(ResourceLabels.COMPONENT)))
                .toList();
    }

    private Pod pod(String name) {
        return cluster.find(Pod.class, NS, name).orElseThrow();
    }

    private static int restarts(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    private EndpointSubset restEndpoints() {
        Endpoints endpoints = cluster.find(Endpoints.class, NS, NAMES.restService()).orElseThrow();
        return endpoints.getSubsets().get(0);
    }

    private static List<String> names(List<EndpointAddress> addresses) {
        return addresses.stream().map(a -> a.getTargetRef().getName()).toList();
    }

    @Test
    void aTaskManagerWhoseLivenessFailsIsRestartedAfterFourFailedProbes() {
        // given: TCP liveness on rpc every 15 s, 4 failures to restart
        String tm = pods(Component.TASK_MANAGER).get(0).getMetadata().getName();
        // when
        cluster.faults().failLivenessProbe(NS, tm);
        cluster.advance(Duration.ofSeconds(44));
        int beforeFourthFailure = restarts(pod(tm));
        cluster.advance(Duration.ofSeconds(16));
        // then
        assertThat(beforeFourthFailure).isZero();
        assertThat(restarts(pod(tm))).isEqualTo(1);
        cluster.awaitReady(NS, NAMES.taskManagerDeployment());
        assertThat(pods(Component.TASK_MANAGER)).hasSize(3);
    }

    @Test
    void aJobManagerWhoseLivenessFailsIsRestartedAndFlinkStartsAgain() {
        // given
        FlinkJobManager flink = cluster.flink(NS, "orders");
        String jm = pods(Component.JOB_MANAGER).get(0).getMetadata().getName();
        int startsBefore = flink.runtimeStarts();
        // when
        cluster.faults().failLivenessProbe(NS, jm);
        cluster.advance(Duration.ofMinutes(1));
        cluster.awaitRunning(NS, "orders");
        // then
        assertThat(restarts(pod(jm))).isEqualTo(1);
        assertThat(flink.runtimeStarts()).isEqualTo(startsBefore + 1);
    }

    @Test
    void aJobManagerWhoseReadinessFailsDropsOutOfTheRestServiceEndpoints() {
        // given: readiness GET /config every 10 s, 3 failures to turn not ready
        String jm = pods(Component.JOB_MANAGER).get(0).getMetadata().getName();
        List<String> before = names(restEndpoints().getAddresses());
        // when
        cluster.faults().failReadinessProbe(NS, jm);
        cluster.advance(Duration.ofSeconds(30));
        EndpointSubset failing = restEndpoints();
        cluster.faults().passReadinessProbe(NS, jm);
        // then
        assertThat(before).containsExactly(jm);
        assertThat(failing.getAddresses()).isEmpty();
        assertThat(names(failing.getNotReadyAddresses())).containsExactly(jm);
        assertThat(names(restEndpoints().getAddresses())).containsExactly(jm);
        assertThat(restarts(pod(jm))).isZero();
    }
}
