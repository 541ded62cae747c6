package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code hpa-reactive} autoscaling policy on the in-memory cluster: the deployer applies the
 * HPA the SDK renders, the testkit's HPA controller scales the TaskManagers on the CPU the test
 * sets, on the virtual clock, and the simulated JobManager in reactive mode gives the job the slots
 * they bring.
 */
class AutoscalingIT {

    private static final String NS = "streaming";
    private static final ResourceNames NAMES = ResourceNames.of("orders");
    private static final String TASK_MANAGERS = NAMES.taskManagerDeployment();

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

    @AfterEach
    void close() {
        deployer.close();
        cluster.close();
    }

    /**
     * {@code orders} (2 slots per TaskManager) autoscaled between 2 and 8 TaskManagers at 60% CPU,
     * growing by at most 2 TaskManagers a minute, shrinking after 5 minutes of low load by one
     * every 5 minutes (the default scale-down policy).
     */
    private static FlinkDeploymentSpec autoscaled() {
        return FlinkK8s.from(Specs.orders())
                .autoscaling(
                        a ->
                                a.taskManagers(2, 8)
                                        .targetCpu(60)
                                        .scaleUp(
                                                up ->
                                                        up.stabilizationWindow(Duration.ZERO)
                                                                .policies(
                                                                        List.of(
                                                                                ScalingPolicy.pods(
                                                                                        2,
                                                                                        Duration
                                                                                                .ofMinutes(
                                                                                                        1)))))
                                        .scaleDownAfter(Duration.ofMinutes(5)))
                .disruption(d -> d.taskManagerMaxUnavailable(1))
                .build();
    }

    /**
     * Applies {@link #autoscaled()}, waits until it runs, and lets two minutes pass, so that the
     * HPA's own scale-up to its minimum (from the one TaskManager a new Deployment starts with) no
     * longer counts against the scale-up policy.
     */
    private void deployed() {
        deployer.apply(autoscaled());
        cluster.awaitRunning(NS, "orders");
        cluster.advance(Duration.ofMinutes(2));
    }

    private int taskManagers() {
        return cluster.find(Deployment.class, NS, TASK_MANAGERS)
                .orElseThrow()
                .getSpec()
                .getReplicas();
    }

    /** The TaskManager count after each of {@code syncs} HPA syncs (15 s apart). */
    private List<Integer> everySync(int syncs) {
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < syncs; i++) {
            cluster.advance(Duration.ofSeconds(15));
            counts.add(taskManagers());
        }
        return counts;
    }

    @Test
    void theHpaAndTheBudgetsAreAppliedAndTheHpaStartsAtItsMinimum() {
        // when
        deployer.apply(autoscaled());
        cluster.awaitRunning(NS, "orders");
        // then
        HorizontalPodAutoscaler hpa =
                cluster.find(HorizontalPodAutoscaler.class, NS, NAMES.taskManagerAutoscaler())
                        .orElseThrow();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(TASK_MANAGERS);
        assertThat(cluster.find(PodDisruptionBudget.class, NS, NAMES.taskManagerDisruptionBudget()))
                .isPresent();
        assertThat(cluster.find(PodDisruptionBudget.class, NS, NAMES.jobManagerDisruptionBudget()))
                .isPresent();
        assertThat(taskManagers()).isEqualTo(2);
    }

    @Test
    void underHighCpuTheTaskManagersGrowToTheMaximumNoFasterThanTheScaleUpPolicy() {
        // given
        deployed();
        // when: 100% CPU against a 60% target, for 4 minutes
        cluster.metrics().setCpuUtilization(NS, TASK_MANAGERS, 100);
        List<Integer> counts = everySync(16);
        // then: +2 per minute (2 -> 4 -> 6 -> 8), never above the maximum
        assertThat(counts.get(0)).isEqualTo(4);
        assertThat(counts.subList(0, 4)).containsOnly(4);
        assertThat(counts.get(4)).isEqualTo(6);
        assertThat(counts.subList(4, 8)).containsOnly(6);
        assertThat(counts.get(8)).isEqualTo(8);
        assertThat(counts.subList(8, 16)).containsOnly(8);
        assertThat(counts).isSorted();
    }

    @Test
    void underLowCpuTheTaskManagersShrinkNoFasterThanTheStabilizationWindowAllows() {
        // given: scaled up to 6
        deployed();
        cluster.metrics().setCpuUtilization(NS, TASK_MANAGERS, 100);
        everySync(5);
        assertThat(taskManagers()).isEqualTo(6);
        // when: 10% CPU for 20 minutes
        cluster.metrics().setCpuUtilization(NS, TASK_MANAGERS, 10);
        List<Integer> counts = everySync(84);
        // then: nothing for the 5-minute window (which still holds the high recommendations),
        // then one TaskManager every 5 minutes, down to the minimum
        int lastSyncOfTheWindow = 5 * 4 - 2;
        assertThat(counts.subList(0, lastSyncOfTheWindow)).containsOnly(6);
        int firstDown = counts.indexOf(5);
        assertThat(firstDown).isGreaterThanOrEqualTo(lastSyncOfTheWindow);
        assertThat(counts.indexOf(4) - firstDown).isGreaterThanOrEqualTo(5 * 4);
        assertThat(counts.indexOf(3) - counts.indexOf(4)).isGreaterThanOrEqualTo(5 * 4);
        assertThat(counts.get(counts.size() - 1)).isEqualTo(2);
        assertThat(counts).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void inReactiveModeTheJobsParallelismFollowsTheSlotsOfTheReadyTaskManagers() {
        // given
        deployed();
        FlinkJobManager flink = cluster.flink(NS, "orders");
        JobID job = flink.latestJob().orElseThrow().id();
        int atMinimum = flink.parallelism(job).orElseThrow();
        // when
        cluster.metrics().setCpuUtilization(NS, TASK_MANAGERS, 100);
        everySync(12);
        cluster.awaitReady(NS, TASK_MANAGERS);
        // then: 2 slots per TaskManager
        assertThat(atMinimum).isEqualTo(2 * 2);
        assertThat(flink.readyTaskManagers()).isEqualTo(8);
        assertThat(flink.parallelism(job)).hasValue(8 * 2);
        assertThat(flink.rescales(job).orElseThrow()).isPositive();
    }

    @Test
    void reApplyingTheSpecKeepsTheTaskManagersTheHpaChose() {
        // given
        deployed();
        cluster.metrics().setCpuUtilization(NS, TASK_MANAGERS, 100);
        everySync(5);
        cluster.requests().reset();
        // when
        deployer.apply(autoscaled());
        // then
        assertThat(taskManagers()).isEqualTo(6);
        assertThat(cluster.requests().writes()).isEmpty();
    }

    @Test
    void aSuspendedJobKeepsNoTaskManagersAndResumesAtTheHpaMinimum() {
        // given: scaled up to 4
        deployed();
        cluster.metrics().setCpuUtilization(NS, TASK_MANAGERS, 100);
        everySync(1);
        FlinkDeploymentHandle orders = deployer.handle(NS, "orders");
        // when
        orders.suspend();
        List<Integer> whileSuspended = everySync(8);
        orders.resume();
        cluster.metrics().clear(NS, TASK_MANAGERS, "cpu");
        everySync(1);
        cluster.awaitRunning(NS, "orders");
        // then: the HPA does not scale a target at zero; on resume the SDK hands the replicas
        // to the HPA at its minimum (AutoscalingHandoverIT), where the HPA keeps them
        assertThat(whileSuspended).containsOnly(0);
        assertThat(taskManagers()).isEqualTo(2);
        assertThat(cluster.flink(NS, "orders").latestJob().orElseThrow().restoredFrom())
                .isPresent();
    }
}
