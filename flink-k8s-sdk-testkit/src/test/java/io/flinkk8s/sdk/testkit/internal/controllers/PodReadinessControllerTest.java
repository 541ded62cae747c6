package io.flinkk8s.sdk.testkit.internal.controllers;

import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import io.flinkk8s.sdk.testkit.faults.Faults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(namespace = NS, operatorCrds = false)
class PodReadinessControllerTest {

    private static Pod pod(Probe readiness, Probe startup, Probe liveness) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("jm")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("flink:2.1")
                .withReadinessProbe(readiness)
                .withStartupProbe(startup)
                .withLivenessProbe(liveness)
                .endContainer()
                .endSpec()
                .build();
    }

    private static Pod get(KubernetesClient client) {
        return client.pods().withName("jm").get();
    }

    private static boolean ready(KubernetesClient client) {
        return client.pods().withName("jm").get().getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    private static int restarts(KubernetesClient client) {
        return get(client).getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    @Test
    void aPodWithoutProbesIsRunningAndReadyOnceScheduled(KubernetesClient client) {
        client.resource(pod(null, null, null)).create();

        assertThat(get(client).getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(get(client).getStatus().getPhase()).isEqualTo("Running");
        assertThat(ready(client)).isTrue();
    }

    @Test
    void aPodBecomesReadyWhenItsReadinessProbeFirstSucceeds(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(pod(Fixtures.tcpProbe(10, 5), null, null)).create();

        cluster.advance(Duration.ofSeconds(9));
        boolean readyAt9 = ready(client);
        cluster.advance(Duration.ofSeconds(1));

        assertThat(readyAt9).isFalse();
        assertThat(ready(client)).isTrue();
    }

    @Test
    void successThresholdAddsReadinessPeriods(FlinkK8sCluster cluster, KubernetesClient client) {
        Probe readiness =
                new ProbeBuilder(Fixtures.tcpProbe(10, 5)).withSuccessThreshold(3).build();
        client.resource(pod(readiness, null, null)).create();

        cluster.advance(Duration.ofSeconds(19));
        boolean readyAt19 = ready(client);
        cluster.advance(Duration.ofSeconds(1));

        assertThat(readyAt19).isFalse();
        assertThat(ready(client)).isTrue();
    }

    @Test
    void aStartupProbeGatesReadiness(FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(pod(Fixtures.tcpProbe(5, 5), Fixtures.tcpProbe(30, 10), null)).create();

        cluster.advance(Duration.ofSeconds(29));
        boolean readyAt29 = ready(client);
        boolean startedAt29 = get(client).getStatus().getContainerStatuses().get(0).getStarted();
        cluster.advance(Duration.ofSeconds(1));

        assertThat(readyAt29).isFalse();
        assertThat(startedAt29).isFalse();
        assertThat(ready(client)).isTrue();
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainerAfterFailureThresholdProbes(
            FlinkK8sCluster cluster, KubernetesClient client, Faults faults) {
        // given: liveness every 10 s from t=0, 3 failures to restart
        client.resource(pod(Fixtures.tcpProbe(0, 5), null, Fixtures.tcpProbe(0, 10))).create();
        cluster.advance(Duration.ofSeconds(1));
        // when
        faults.failLivenessProbe(NS, "jm");
        cluster.advance(Duration.ofSeconds(28));
        int before = restarts(client);
        cluster.advance(Duration.ofSeconds(1));
        // then: failures at t=10, 20, 30 -> restart at t=30
        assertThat(before).isZero();
        assertThat(restarts(client)).isEqualTo(1);
        assertThat(
                        get(client)
                                .getStatus()
                                .getContainerStatuses()
                                .get(0)
                                .getLastState()
                                .getTerminated()
                                .getExitCode())
                .isEqualTo(137);
        cluster.advance(Duration.ofMinutes(5));
        assertThat(restarts(client)).isEqualTo(1);
    }

    @Test
    void aKilledPodRestartsAtOnceAndMustPassItsProbesAgain(
            FlinkK8sCluster cluster, KubernetesClient client, Faults faults) {
        client.resource(pod(Fixtures.tcpProbe(10, 5), null, null)).create();
        cluster.advance(Duration.ofSeconds(10));

        faults.killPod(NS, "jm");
        boolean readyAfterKill = ready(client);
        cluster.advance(Duration.ofSeconds(10));

        assertThat(restarts(client)).isEqualTo(1);
        assertThat(readyAfterKill).isFalse();
        assertThat(ready(client)).isTrue();
    }

    @Test
    void aFailingReadinessProbeMakesThePodNotReadyAfterFailureThresholdProbesUntilItPasses(
            FlinkK8sCluster cluster, KubernetesClient client, Faults faults) {
        // given: readiness every 5 s from t=0, 3 failures to turn not ready
        client.resource(pod(Fixtures.tcpProbe(0, 5), null, null)).create();
        cluster.advance(Duration.ofSeconds(1));
        // when: failing from t=1, probes fail at t=5, 10, 15
        faults.failReadinessProbe(NS, "jm");
        cluster.advance(Duration.ofSeconds(13));
        boolean readyAt14 = ready(client);
        cluster.advance(Duration.ofSeconds(1));
        boolean readyAt15 = ready(client);
        cluster.advance(Duration.ofMinutes(5));
        boolean readyLater = ready(client);
        faults.passReadinessProbe(NS, "jm");
        // then
        assertThat(readyAt14).isTrue();
        assertThat(readyAt15).isFalse();
        assertThat(readyLater).isFalse();
        assertThat(ready(client)).isTrue();
        assertThat(restarts(client)).isZero();
    }

    @Test
    void aFailingReadinessProbeChangesNothingWithoutAReadinessProbe(
            FlinkK8sCluster cluster, KubernetesClient client, Faults faults) {
        client.resource(pod(null, null, null)).create();

        faults.failReadinessProbe(NS, "jm");
        cluster.advance(Duration.ofMinutes(1));

        assertThat(ready(client)).isTrue();
    }
}
