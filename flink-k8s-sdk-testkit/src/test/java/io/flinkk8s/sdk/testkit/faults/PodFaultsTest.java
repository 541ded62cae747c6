package io.flinkk8s.sdk.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pod faults a consumer's test injects, as the kubelet and the scheduler would write them: the
 * fields code under test reads ({@code state.waiting.reason}, {@code lastState.terminated}, the
 * {@code PodScheduled} condition, {@code pods/log}).
 */
@FlinkK8sTest(namespace = "streaming", operatorCrds = false)
class PodFaultsTest {

    private static final String IMAGE = "registry.example.com/orders:typo";

    private static void deployment(KubernetesClient client, String name, String image) {
        client.resource(
                        new DeploymentBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .endMetadata()
                                .withNewSpec()
                                .withReplicas(1)
                                .withNewSelector()
                                .addToMatchLabels("app", name)
                                .endSelector()
                                .withNewTemplate()
                                .withNewMetadata()
                                .addToLabels("app", name)
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("main")
                                .withImage(image)
                                .endContainer()
                                .endSpec()
                                .endTemplate()
                                .endSpec()
                                .build())
                .create();
    }

    private static Pod pod(KubernetesClient client, String app) {
        return client.pods().withLabel("app", app).list().getItems().get(0);
    }

    private static ContainerStatus main(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0);
    }

    @Test
    void anUnpullableImageWaitsInErrImagePullThenImagePullBackOffUntilLifted(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given
        cluster.faults().failImagePull(IMAGE);
        // when
        deployment(client, "tm", IMAGE);
        Pod pulling = pod(client, "tm");
        cluster.advance(Duration.ofSeconds(10));
        Pod backingOff = pod(client, "tm");
        cluster.faults().clearPodFaults();
        Pod running = pod(client, "tm");
        // then
        assertThat(pulling.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(main(pulling).getState().getWaiting().getReason()).isEqualTo("ErrImagePull");
        assertThat(main(pulling).getState().getWaiting().getMessage()).contains(IMAGE);
        assertThat(main(backingOff).getState().getWaiting().getReason())
                .isEqualTo("ImagePullBackOff");
        assertThat(running.getStatus().getPhase()).isEqualTo("Running");
        assertThat(main(running).getReady()).isTrue();
        assertThat(warnings(client, "Failed")).isNotEmpty();
    }

    @Test
    void aCrashingContainerLoopsWithItsLastTerminationAndServesItsLogLines(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given
        cluster.faults()
                .crashLoop(
                        "streaming",
                        "tm",
                        ContainerCrash.oomKilled(
                                "Starting TaskManager", "java.lang.OutOfMemoryError: heap"));
        // when
        deployment(client, "tm", "flink");
        Pod first = pod(client, "tm");
        cluster.advance(Duration.ofSeconds(10));
        Pod second = pod(client, "tm");
        String log =
                client.pods()
                        .withName(second.getMetadata().getName())
                        .inContainer("main")
                        .terminated()
                        .tailingLines(1)
                        .getLog();
        // then
        assertThat(main(first).getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(main(first).getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
        assertThat(main(first).getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(main(first).getRestartCount()).isEqualTo(1);
        assertThat(main(second).getRestartCount()).isEqualTo(2);
        assertThat(first.getStatus().getPhase()).isEqualTo("Running");
        assertThat(log).isEqualTo("java.lang.OutOfMemoryError: heap\n");
        assertThat(warnings(client, "BackOff")).isNotEmpty();
    }

    @Test
    void aLiftedCrashLoopStartsTheContainerAndKeepsItsRestartCount(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given
        cluster.faults().crashLoop("streaming", "tm", ContainerCrash.exits(1, "boom"));
        deployment(client, "tm", "flink");
        // when
        cluster.faults().clearPodFaults();
        Pod pod = pod(client, "tm");
        // then
        assertThat(main(pod).getState().getRunning()).isNotNull();
        assertThat(main(pod).getReady()).isTrue();
        assertThat(main(pod).getRestartCount()).isEqualTo(1);
    }

    @Test
    void anUnschedulablePodStaysPendingWithTheSchedulersMessage(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given
        String message = "0/3 nodes are available: 3 Insufficient cpu.";
        cluster.faults().failScheduling("streaming", "tm", message);
        // when
        deployment(client, "tm", "flink");
        deployment(client, "jm", "flink");
        Pod pending = pod(client, "tm");
        // then
        PodCondition scheduled =
                pending.getStatus().getConditions().stream()
                        .filter(c -> c.getType().equals("PodScheduled"))
                        .findFirst()
                        .orElseThrow();
        assertThat(pending.getSpec().getNodeName()).isNull();
        assertThat(scheduled.getStatus()).isEqualTo("False");
        assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
        assertThat(scheduled.getMessage()).isEqualTo(message);
        assertThat(pod(client, "jm").getSpec().getNodeName()).isNotNull();
        assertThat(warnings(client, "FailedScheduling"))
                .extracting(Event::getMessage)
                .containsExactly(message);
        // and once lifted it is scheduled
        cluster.faults().clearPodFaults();
        assertThat(pod(client, "tm").getSpec().getNodeName()).isNotNull();
    }

    private static List<Event> warnings(KubernetesClient client, String reason) {
        return client.v1().events().list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason()))
                .toList();
    }
}
