package io.flinkk8s.sdk.testkit.internal.controllers;

import static io.flinkk8s.sdk.testkit.internal.controllers.HpaBench.externalQps;
import static io.flinkk8s.sdk.testkit.internal.controllers.HpaBench.hpa;
import static io.flinkk8s.sdk.testkit.internal.controllers.HpaBench.milli;
import static io.flinkk8s.sdk.testkit.internal.controllers.HpaBench.podsQps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes' HPA controller tests ({@code pkg/controller/podautoscaler/horizontal_test.go}),
 * replayed on the in-memory cluster: how many replicas each case's metrics and pods lead to. The Go
 * test each replays is named in its comment; its numbers are kept.
 */
@FlinkK8sTest(namespace = HpaBench.NS, operatorCrds = false)
class HpaReplicaReplayTest {

    private HpaBench bench;

    @BeforeEach
    void bench(FlinkK8sCluster cluster, KubernetesClient client) {
        bench = new HpaBench(cluster, client);
    }

    private static final String[] THREE = {"1.0", "1.0", "1.0"};
    private static final String[] FIVE = {"1.0", "1.0", "1.0", "1.0", "1.0"};

    @Test
    void scalesUpByTheUtilizationOfAllPodsOverTheirRequests() {
        // TestScaleUp
        bench.target(3, 3).pods(THREE).runWithoutHistory(hpa(2, 6, 30));
        bench.cpu(300, 500, 700).sync();
        bench.assertDesired(5);
        bench.assertStatusOk();
        assertThat(bench.cpuUtilization()).isEqualTo(50);
    }

    @Test
    void countsAnUnreadyPodAsIdleOnAScaleUp() {
        // TestScaleUpUnreadyLessScale
        bench.target(3, 3).unreadyPods("1.0").pods("1.0", "1.0").runWithoutHistory(hpa(2, 6, 30));
        bench.cpu(300, 500, 700).sync();
        bench.assertDesired(4);
        assertThat(bench.cpuUtilization()).isEqualTo(60);
    }

    /**
     * Runs the HPA six minutes with the ready pods at {@code cool} (started long ago), then starts
     * the pods at {@code hot} 10 s before the next sync: within the sample's window.
     */
    private void coolAndHot(int[] cool, int[] hot, boolean hotReady, int cpuTarget, long... cpu) {
        bench.target(hot.length + cool.length, hot.length + cool.length);
        for (int i : cool) {
            bench.podAt(i, "1.0", true);
        }
        bench.runWithoutHistory(hpa(2, 6, cpuTarget)).advance(Duration.ofSeconds(5));
        for (int i : hot) {
            bench.podAt(i, "1.0", hotReady);
        }
        bench.cpu(cpu).advance(Duration.ofSeconds(10));
    }

    @Test
    void countsAPodThatJustBecameReadyAsIdleOnAScaleUp() {
        // TestScaleUpHotCpuLessScale
        coolAndHot(new int[] {1, 2}, new int[] {0}, true, 30, 300, 500, 700);
        bench.assertDesired(4);
        assertThat(bench.cpuUtilization()).isEqualTo(60);
    }

    @Test
    void doesNotScaleUpWhenOnlyPodsStillStartingAreBusy() {
        // TestScaleUpHotCpuNoScale
        coolAndHot(new int[] {0}, new int[] {1, 2}, false, 30, 400, 500, 700);
        bench.assertDesired(3);
        assertThat(bench.cpuUtilization()).isEqualTo(40);
    }

    @Test
    void leavesPodsThatJustBecameReadyOutOfAScaleDown() {
        // TestScaleDownIgnoreHotCpuPods
        coolAndHot(new int[] {0, 1, 2}, new int[] {3, 4}, true, 50, 100, 300, 500, 250, 250);
        bench.assertDesired(2);
        assertThat(bench.cpuUtilization()).isEqualTo(30);
    }

    @Test
    void doesNotScaleUpWhenOnlyUnreadyPodsAreBusy() {
        // TestScaleUpUnreadyNoScale
        bench.target(3, 3).pods("1.0").unreadyPods("1.0", "1.0").runWithoutHistory(hpa(2, 6, 30));
        bench.cpu(400, 500, 700).sync();
        bench.assertDesired(3);
        assertThat(bench.cpuUtilization()).isEqualTo(40);
        bench.assertConditions(
                "AbleToScale/True/ReadyForNewScale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/False/DesiredWithinRange");
    }

    @Test
    void leavesOutPodsBeingDeletedOnAScaleUp() {
        // TestScaleUpIgnoresDeletionPods
        bench.target(2, 2).pods("1.0", "1.0").unreadyPods("1.0", "1.0").deleting(2, 3);
        bench.runWithoutHistory(hpa(2, 6, 30));
        bench.cpu(500, 700).sync();
        bench.assertDesired(4);
        assertThat(bench.cpuUtilization()).isEqualTo(60);
    }

    @Test
    void scalesUpOnAPodsMetricAverage() {
        // TestScaleUpCM
        bench.target(3, 3).pods(THREE).runWithoutHistory(hpa(2, 6, 0, podsQps("15")));
        bench.qps(20000, 10000, 30000).sync();
        bench.assertDesired(4);
    }

    @Test
    void countsUnreadyPodsForACustomMetric() {
        // TestScaleUpCMUnreadyAndHotCpuNoLessScale: readiness is a CPU rule only
        bench.target(3, 3).pods("1.0", "1.0").unreadyPods("1.0");
        bench.runWithoutHistory(hpa(2, 6, 0, podsQps("15")));
        bench.qps(50000, 10000, 30000).sync();
        bench.assertDesired(6);
    }

    @Test
    void caps7AtTheMaximumForACustomMetricWithUnreadyPods() {
        // TestScaleUpCMUnreadyandCpuHot, TestScaleUpHotCpuNoScaleWouldScaleDown
        bench.target(3, 3).unreadyPods("1.0").pods("1.0").unreadyPods("1.0");
        bench.runWithoutHistory(hpa(2, 6, 0, podsQps("15")));
        bench.qps(50000, 15000, 30000).sync();
        bench.assertDesired(6);
        bench.assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/True/TooManyReplicas");
    }

    @Test
    void scalesUpOnAnExternalValueTimesTheReadyPods() {
        // TestScaleUpCMExternal
        bench.target(3, 3)
                .pods(THREE)
                .runWithoutHistory(hpa(2, 6, 0, externalQps(milli(6666), null)));
        bench.externalQps(8600).sync();
        bench.assertDesired(4);
    }

    @Test
    void scalesUpOnAnExternalAverageValueToTheValueOverTheTarget() {
        // TestScaleUpPerPodCMExternal
        bench.target(3, 3)
                .pods(THREE)
                .runWithoutHistory(hpa(2, 6, 0, externalQps(null, milli(2222))));
        bench.externalQps(8600).sync();
        bench.assertDesired(4);
    }

    @Test
    void scalesDownByTheUtilizationOfAllPods() {
        // TestScaleDown
        bench.target(5, 5).pods(FIVE).runWithoutHistory(hpa(2, 6, 50));
        bench.cpu(100, 300, 500, 250, 250).sync();
        bench.assertDesired(3);
        assertThat(bench.cpuUtilization()).isEqualTo(28);
    }

    @Test
    void scalesDownWithScaleUpRulesSet() {
        // TestScaleDownWithScalingRules
        bench.target(5, 5).pods(FIVE);
        bench.runWithoutHistory(
                hpa(2, 6, 50)
                        .editSpec()
                        .withNewBehavior()
                        .withScaleUp(HpaBench.rules(0, 0, 100, 15, 30))
                        .endBehavior()
                        .endSpec());
        bench.cpu(100, 300, 500, 250, 250).sync();
        bench.assertDesired(3);
    }

    @Test
    void scalesDownOnAPodsMetric() {
        // TestScaleDownCM
        bench.target(5, 5).pods(FIVE).runWithoutHistory(hpa(2, 6, 0, podsQps("20")));
        bench.qps(12000, 12000, 12000, 12000, 12000).sync();
        bench.assertDesired(3);
    }

    @Test
    void scalesDownOnAnExternalValue() {
        // TestScaleDownCMExternal
        bench.target(5, 5)
                .pods(FIVE)
                .runWithoutHistory(hpa(2, 6, 0, externalQps(milli(14400), null)));
        bench.externalQps(8600).sync();
        bench.assertDesired(3);
    }

    @Test
    void scalesDownOnAnExternalAverageValue() {
        // TestScaleDownPerPodCMExternal
        bench.target(5, 5)
                .pods(FIVE)
                .runWithoutHistory(hpa(2, 6, 0, externalQps(null, milli(3000))));
        bench.externalQps(8600).sync();
        bench.assertDesired(3);
    }

    @Test
    void leavesUnreadyPodsOutOfAScaleDown() {
        // TestScaleDownIncludeUnreadyPods
        bench.target(5, 5).pods("1.0", "1.0", "1.0").unreadyPods("1.0", "1.0");
        bench.runWithoutHistory(hpa(2, 6, 50));
        bench.cpu(100, 300, 500, 250, 250).sync();
        bench.assertDesired(2);
        assertThat(bench.cpuUtilization()).isEqualTo(30);
    }

    @Test
    void leavesPodsBeingDeletedOutOfAScaleDown() {
        // TestScaleDownIgnoresDeletionPods
        bench.target(5, 5).pods(FIVE).unreadyPods("1.0", "1.0").deleting(5, 6);
        bench.runWithoutHistory(hpa(2, 6, 50));
        bench.cpu(100, 300, 500, 250, 250).sync();
        bench.assertDesired(3);
        assertThat(bench.cpuUtilization()).isEqualTo(28);
    }

    @Test
    void staysWithinTheToleranceOfUtilizationOverUnequalRequests() {
        // TestTolerance
        bench.target(3, 3).pods("0.9", "1.0", "1.1").runWithoutHistory(hpa(1, 5, 100));
        bench.cpu(1010, 1030, 1020).sync();
        bench.assertDesired(3);
        bench.assertConditions(
                "AbleToScale/True/ReadyForNewScale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/False/DesiredWithinRange");
    }

    @Test
    void staysWithinTheToleranceOfAPodsMetric() {
        // TestToleranceCM
        bench.target(3, 3).pods("0.9", "1.0", "1.1").runWithoutHistory(hpa(1, 5, 0, podsQps("20")));
        bench.qps(20000, 20001, 21000).sync();
        bench.assertDesired(3);
    }

    @Test
    void staysWithinTheToleranceOfAnExternalValue() {
        // TestToleranceCMExternal
        bench.target(4, 4).pods("1.0", "1.0", "1.0", "1.0");
        bench.runWithoutHistory(hpa(2, 6, 0, externalQps(milli(8666), null)));
        bench.externalQps(8600).sync();
        bench.assertDesired(4);
    }

    @Test
    void staysWithinTheToleranceOfAnExternalAverageValue() {
        // TestTolerancePerPodCMExternal
        bench.target(4, 4).pods("1.0", "1.0", "1.0", "1.0");
        bench.runWithoutHistory(hpa(2, 6, 0, externalQps(null, milli(2200))));
        bench.externalQps(8600).sync();
        bench.assertDesired(4);
    }

    @Test
    void neverGoesBelowTheMinimum() {
        // TestMinReplicas
        bench.target(3, 3).pods("0.9", "1.0", "1.1").runWithoutHistory(hpa(2, 5, 90));
        bench.cpu(10, 95, 10).sync();
        bench.assertDesired(2);
        bench.assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/True/TooFewReplicas");
    }

    @Test
    void goesToTheMinimumWhenNothingIsUsed() {
        // TestMinReplicasDesiredZero
        bench.target(3, 3).pods("0.9", "1.0", "1.1").runWithoutHistory(hpa(2, 5, 90));
        bench.cpu(0, 0, 0).sync();
        bench.assertDesired(2);
        bench.assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/True/TooFewReplicas");
    }

    @Test
    void neverGoesAboveTheMaximum() {
        // TestMaxReplicas
        bench.target(3, 3).pods("0.9", "1.0", "1.1").runWithoutHistory(hpa(2, 5, 90));
        bench.cpu(8000, 9500, 1000).sync();
        bench.assertDesired(5);
        bench.assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/True/TooManyReplicas");
    }

    @Test
    void ignoresSamplesOfPodsTheSelectorDoesNotSelect() {
        // TestSuperfluousMetrics: six samples, four pods
        bench.target(4, 4).pods("1.0", "1.0", "1.0", "1.0").runWithoutHistory(hpa(2, 6, 100));
        bench.cpu(4000, 9500, 3000, 7000, 3200, 2000).sync();
        bench.assertDesired(6);
        bench.assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/True/TooManyReplicas");
    }

    @Test
    void countsPodsWithoutASampleAsFullyUsedOnAScaleDown() {
        // TestMissingMetrics
        bench.target(4, 4).pods("1.0", "1.0", "1.0", "1.0").runWithoutHistory(hpa(2, 6, 100));
        bench.cpu(400, 95).sync();
        bench.assertDesired(3);
    }

    @Test
    void sizesFromThePodsThatExistWhenFewerRunThanTheSpecSays() {
        // TestMissingReports
        bench.target(4, 4).pods("0.2").runWithoutHistory(hpa(1, 5, 50));
        bench.cpu(200).sync();
        bench.assertDesired(2);
    }

    @Test
    void keepsTheSpecReplicasWhenSurgePodsAreAtTarget() {
        // TestMoreReplicasThanSpecNoScale: a rollout's surge pod
        bench.target(4, 5).pods(FIVE).runWithoutHistory(hpa(1, 8, 50));
        bench.cpu(500, 500, 500, 500, 500).sync();
        bench.assertDesired(4);
        bench.assertConditions(
                "AbleToScale/True/ReadyForNewScale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/False/DesiredWithinRange");
    }

    @Test
    void scalesUpAfterARecentScaleWithoutBackoff() {
        // TestNoBackoffUpscaleCM
        bench.target(3, 3).pods(THREE).runWithoutHistory(hpa(1, 5, 0, podsQps("15")));
        bench.qps(20000, 10000, 30000).sync();
        bench.assertDesired(4);
        bench.assertStatusOk();
    }

    @Test
    void theLargestOfACpuAndAPodsMetricWinsUpToTheMaximum() {
        // TestNoBackoffUpscaleCMNoBackoffCpu
        bench.target(3, 3).pods(THREE).runWithoutHistory(hpa(1, 5, 10, podsQps("15")));
        bench.cpu(20000, 10000, 30000).qps(20000, 10000, 30000).sync();
        bench.assertDesired(5);
        bench.assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/True/TooManyReplicas");
    }

    @Test
    void scalesDownJustPastTheToleranceAndNotJustWithinIt() {
        // TestComputedToleranceAlgImplementation: 10 pods using 150m of ~300m requests
        String[] requests = new String[10];
        int[] offsets = {100, -100, 10, -10, 2, -2, 1, -1, 0, 0};
        for (int i = 0; i < 10; i++) {
            requests[i] = (300 + offsets[i]) + "m";
        }
        long[] usage = new long[10];
        java.util.Arrays.fill(usage, 150);
        double target = 1 / (2 * (1 - HpaReplicaCalculator.TOLERANCE)) + .01;
        int percent = (int) (target * 100);
        int finalPods = (int) Math.ceil(1500.0 / (3000.0 * target) * 10);
        bench.target(10, 10).pods(requests).runWithoutHistory(hpa(1, 1000, percent));
        bench.cpu(usage).sync();
        bench.assertDesired(finalPods);
    }
}
