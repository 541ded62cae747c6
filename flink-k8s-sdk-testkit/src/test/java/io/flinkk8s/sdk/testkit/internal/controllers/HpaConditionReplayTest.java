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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kubernetes' HPA controller tests ({@code horizontal_test.go}) about conditions, events,
 * selectors, stabilization and rate limits, replayed on the in-memory cluster; the Go test each
 * replays is named in its comment.
 */
@FlinkK8sTest(namespace = HpaBench.NS, operatorCrds = false)
class HpaConditionReplayTest {

    private HpaBench bench;
    private FlinkK8sCluster cluster;

    @BeforeEach
    void bench(FlinkK8sCluster cluster, KubernetesClient client) {
        this.cluster = cluster;
        bench = new HpaBench(cluster, client);
    }

    @Test
    void aNewHpaHoldsAScaleDownForItsStabilizationWindow() {
        // TestScaleDownStabilizeInitialSize: its first recommendation is the current size
        bench.target(5, 5).pods("1.0", "1.0", "1.0", "1.0", "1.0").advance(Duration.ofMinutes(6));
        bench.cpu(100, 300, 500, 250, 250).createHpa(hpa(2, 6, 50));
        bench.assertDesired(5);
        bench.assertConditions(
                "AbleToScale/True/ScaleDownStabilized",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/False/DesiredWithinRange");
        bench.advance(Duration.ofMinutes(5)).sync();
        bench.assertDesired(3);
    }

    @Test
    void holdsAScaleDownWhileARecentRecommendationWasHigher() {
        // TestStabilizeDownscale: 4 was recommended a minute ago
        bench.target(4, 4).pods("0.1", "0.1", "0.1").runWithoutHistory(hpa(1, 5, 100));
        bench.cpu(100, 100, 100).sync(); // 100%: 4 stays 4
        bench.advance(Duration.ofMinutes(1)).cpu(50, 50, 50).sync();
        bench.assertDesired(4);
        bench.assertConditions(
                "AbleToScale/True/ScaleDownStabilized",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/False/DesiredWithinRange");
    }

    @Test
    void disablesScalingOfATargetAtZeroReplicas() {
        // TestZeroReplicas
        bench.target(0, 0).createHpa(hpa(3, 5, 90));
        bench.assertConditions(
                "AbleToScale/True/SucceededGetScale", "ScalingActive/False/ScalingDisabled");
        assertThat(bench.targetReplicas()).isZero();
        assertThat(bench.current().getStatus().getDesiredReplicas()).isZero();
    }

    @Test
    void raisesATargetBelowTheMinimumWithoutMetrics() {
        // TestTooFewReplicas, TestScaleUpRCImmediately
        bench.target(2, 2).createHpa(hpa(3, 5, 90));
        bench.assertDesired(3);
        bench.assertConditions("AbleToScale/True/SucceededRescale");
        assertThat(bench.events("SuccessfulRescale"))
                .containsExactly(
                        "New size: 3; reason: Current number of replicas below Spec.MinReplicas");
    }

    @Test
    void lowersATargetAboveTheMaximumWithoutMetrics() {
        // TestTooManyReplicas, TestScaleDownRCImmediately
        bench.target(10, 10).createHpa(hpa(3, 5, 90));
        bench.assertDesired(5);
        bench.assertConditions("AbleToScale/True/SucceededRescale");
        assertThat(bench.events("SuccessfulRescale"))
                .containsExactly(
                        "New size: 5; reason: Current number of replicas above Spec.MaxReplicas");
    }

    @Test
    void reportsThatItGotNoMetrics() {
        // TestEmptyMetrics
        bench.target(4, 4).pods("1.0", "1.0", "1.0", "1.0").runWithoutHistory(hpa(2, 6, 100));
        bench.sync();
        assertThat(bench.targetReplicas()).isEqualTo(4);
        bench.assertConditions(
                "AbleToScale/True/SucceededGetScale",
                "ScalingActive/False/FailedGetResourceMetric");
    }

    @Test
    void cannotScaleOnCpuWhenAContainerHasNoCpuRequest() {
        // TestEmptyCPURequest
        bench.target(1, 1).podWithoutRequest().runWithoutHistory(hpa(1, 5, 100));
        bench.cpu(200).sync();
        assertThat(bench.targetReplicas()).isEqualTo(1);
        bench.assertConditions(
                "AbleToScale/True/SucceededGetScale",
                "ScalingActive/False/FailedGetResourceMetric");
        assertThat(bench.current().getStatus().getConditions().get(1).getMessage())
                .isEqualTo(
                        "the HPA was unable to compute the replica count: failed to get cpu"
                                + " utilization: missing request for cpu");
    }

    @Test
    void recordsARescaleEventWithTheMetricThatDroveIt() {
        // TestEventCreated
        bench.target(1, 1).pods("0.2").runWithoutHistory(hpa(1, 5, 50));
        bench.cpu(200).sync();
        bench.assertDesired(2);
        assertThat(bench.events("SuccessfulRescale"))
                .containsExactly(
                        "New size: 2; reason: cpu resource utilization (percentage of request)"
                                + " above target");
    }

    @Test
    void recordsNoRescaleEventWhenTheSizeStays() {
        // TestEventNotCreated
        bench.target(2, 2).pods("0.4", "0.4").runWithoutHistory(hpa(1, 5, 50));
        bench.cpu(200, 200).sync();
        bench.assertDesired(2);
        assertThat(bench.events("SuccessfulRescale")).isEmpty();
        bench.assertConditions(
                "AbleToScale/True/ReadyForNewScale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/False/DesiredWithinRange");
    }

    @Test
    void aPercentScaleUpPolicyCapsTheStep() {
        // TestUpscaleCap: 700% per minute from 3 allows 24
        bench.target(3, 3).pods("0.1", "0.1", "0.1");
        bench.runWithoutHistory(
                hpa(1, 100, 10)
                        .editSpec()
                        .withNewBehavior()
                        .withScaleUp(HpaBench.rules(0, 0, 700, 60, 0))
                        .endBehavior()
                        .endSpec());
        bench.cpu(100, 200, 300).sync();
        bench.assertDesired(24);
        bench.assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/True/ScaleUpLimit");
    }

    @Test
    void theMaximumCapsAScaleUpPolicyAllowingMore() {
        // TestUpscaleCapGreaterThanMaxReplicas
        bench.target(3, 3).pods("0.1", "0.1", "0.1");
        bench.runWithoutHistory(
                hpa(1, 20, 10)
                        .editSpec()
                        .withNewBehavior()
                        .withScaleUp(HpaBench.rules(0, 0, 700, 60, 0))
                        .endBehavior()
                        .endSpec());
        bench.cpu(100, 200, 300).sync();
        bench.assertDesired(20);
        bench.assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/True/TooManyReplicas");
    }

    @Test
    void withoutBehaviorAScaleUpAtMostDoublesOrReachesFour() {
        // calculateScaleUpLimit (TestUpscaleCap's case without behavior): 3 may become 6
        bench.target(3, 3).pods("0.1", "0.1", "0.1").runWithoutHistory(hpa(1, 100, 10));
        bench.cpu(100, 200, 300).sync();
        bench.assertDesired(6);
        bench.assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/True/ScaleUpLimit");
    }

    @Test
    void cannotScaleATargetWhoseScaleHasNoSelector() {
        // TestConditionInvalidSelectorMissing
        bench.target(3, 3, null).pods("0.1", "0.1", "0.1").runWithoutHistory(hpa(1, 100, 10));
        bench.cpu(100, 200, 300).sync();
        assertThat(bench.targetReplicas()).isEqualTo(3);
        bench.assertConditions(
                "AbleToScale/True/SucceededGetScale", "ScalingActive/False/InvalidSelector");
        assertThat(bench.events("SelectorRequired")).contains("selector is required");
    }

    @Test
    void cannotScaleATargetWhoseSelectorDoesNotParse() {
        // TestConditionInvalidSelectorUnparsable
        bench.target(3, 3, "cheddar cheese").pods("0.1", "0.1", "0.1");
        bench.runWithoutHistory(hpa(1, 100, 10));
        bench.cpu(100, 200, 300).sync();
        assertThat(bench.targetReplicas()).isEqualTo(3);
        bench.assertConditions(
                "AbleToScale/True/SucceededGetScale", "ScalingActive/False/InvalidSelector");
    }

    private void secondHpaOn(String selector) {
        bench.target("other-rc", 1, 1, selector);
        cluster.client()
                .resource(
                        hpa(1, 10, 50)
                                .editMetadata()
                                .withName("test-hpa-2")
                                .endMetadata()
                                .editSpec()
                                .editScaleTargetRef()
                                .withName("other-rc")
                                .endScaleTargetRef()
                                .endSpec()
                                .build())
                .create();
    }

    @Test
    void scalesWhenAnotherHpaSelectsOtherPods() {
        // TestConditionNoAmbiguousSelectorWhenNoSelectorOverlapBetweenHPAs
        bench.target(3, 3).pods("1.0", "1.0", "1.0");
        secondHpaOn("cheddar=cheese");
        bench.runWithoutHistory(hpa(2, 6, 30));
        bench.cpu(300, 500, 700).sync();
        bench.assertDesired(5);
        bench.assertStatusOk();
    }

    @Test
    void stopsWhenAnotherHpaSelectsTheSamePods() {
        // TestConditionAmbiguousSelectorWhenFullSelectorOverlapBetweenHPAs
        bench.target(3, 3).pods("1.0", "1.0", "1.0");
        secondHpaOn(HpaBench.SELECTOR);
        bench.runWithoutHistory(hpa(2, 6, 30));
        bench.cpu(300, 500, 700).sync();
        assertThat(bench.targetReplicas()).isEqualTo(3);
        bench.assertConditions(
                "AbleToScale/True/SucceededGetScale", "ScalingActive/False/AmbiguousSelector");
        assertThat(bench.events("AmbiguousSelector"))
                .contains(
                        "pods by selector name=test-pod are controlled by multiple HPAs:"
                                + " [{test-hpa streaming} {test-hpa-2 streaming}]");
    }

    @Test
    void stopsWhenAnotherHpaSelectsSomeOfItsPods() {
        // TestConditionAmbiguousSelectorWhenPartialSelectorOverlapBetweenHPAs
        bench.target(3, 3)
                .labelledPod("1.0", Map.of("cheddar", "cheese"))
                .labelledPod("1.0", Map.of("cheddar", "cheese"))
                .labelledPod("1.0", Map.of("cheddar", "cheese"));
        secondHpaOn("cheddar=cheese");
        bench.runWithoutHistory(hpa(2, 6, 30));
        bench.cpu(300, 500, 700).sync();
        assertThat(bench.targetReplicas()).isEqualTo(3);
        bench.assertConditions(
                "AbleToScale/True/SucceededGetScale", "ScalingActive/False/AmbiguousSelector");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Resource", "Pods", "External"})
    void namesTheKindOfTheMetricItCouldNotGet(String kind) {
        // TestConditionFailedGetMetrics (its Object case: the testkit serves no Object metrics)
        bench.target(3, 3).pods("0.1", "0.1", "0.1");
        bench.runWithoutHistory(
                switch (kind) {
                    case "Resource" -> hpa(1, 100, 10);
                    case "Pods" -> hpa(1, 100, 0, podsQps("15"));
                    default -> hpa(1, 100, 0, externalQps(milli(300), null));
                });
        bench.sync();
        assertThat(bench.targetReplicas()).isEqualTo(3);
        bench.assertConditions(
                "AbleToScale/True/SucceededGetScale",
                "ScalingActive/False/FailedGet" + kind + "Metric");
        assertThat(bench.events("FailedGet" + kind + "Metric")).isNotEmpty();
    }

    @Test
    void reportsThatItCannotGetTheScaleOfAMissingTarget() {
        // TestConditionFailedGetScale; a new HPA's first sync, one period after it was added
        bench.createHpa(hpa(1, 100, 10));
        bench.advance(Duration.ofSeconds(15));
        bench.assertConditions("AbleToScale/False/FailedGetScale");
        assertThat(bench.events("FailedGetScale")).isNotEmpty();
    }

    @Test
    void scalesUpOnTheMetricsItGotWhenAnotherIsMissing() {
        // TestScaleUpOneMetricEmpty
        bench.target(3, 3).pods("1.0", "1.0", "1.0");
        bench.runWithoutHistory(hpa(2, 6, 30, externalQps(milli(100), null)));
        bench.cpu(300, 400, 500).sync();
        bench.assertDesired(4);
        bench.assertStatusOk();
    }

    @Test
    void aMissingMetricHoldsAScaleDownTheOthersPropose() {
        // TestNoScaleDownOneMetricEmpty
        bench.target(5, 5).pods("1.0", "1.0", "1.0", "1.0", "1.0");
        bench.runWithoutHistory(hpa(2, 6, 50, externalQps(milli(1000), null)));
        bench.cpu(100, 300, 500, 250, 250).sync();
        assertThat(bench.targetReplicas()).isEqualTo(5);
        bench.assertConditions(
                "AbleToScale/True/SucceededGetScale",
                "ScalingActive/False/FailedGetExternalMetric");
        assertThat(bench.events("FailedComputeMetricsReplicas"))
                .anyMatch(
                        m -> m.startsWith("invalid metrics (1 invalid out of 2), first error is:"));
    }

    @Test
    void writesNoStatusWhenNothingChanged() {
        // TestAvoidUnnecessaryUpdates
        bench.target(3, 3).pods("1.0", "1.0", "1.0").runWithoutHistory(hpa(1, 6, 50));
        bench.cpu(500, 500, 500).sync();
        String before = bench.current().getMetadata().getResourceVersion();
        bench.sync().sync();
        assertThat(bench.current().getMetadata().getResourceVersion()).isEqualTo(before);
    }

    @Test
    void aScaleUpWindowAppliesTheLowestRecentRecommendation() {
        // TestNormalizeDesiredReplicasWithBehavior, "simple scale up stabilization"
        bench.target(2, 2).pods("1.0", "1.0");
        bench.runWithoutHistory(
                hpa(1, 10, 50)
                        .editSpec()
                        .withNewBehavior()
                        .withScaleUp(HpaBench.rules(0, 0, 900, 15, 300))
                        .endBehavior()
                        .endSpec());
        bench.cpu(500, 500).sync(); // at target: 2 recommended
        bench.cpu(1000, 1000).sync(); // 4 wanted, 2 recommended within the window
        bench.assertDesired(2);
        bench.assertConditions(
                "AbleToScale/True/ScaleUpStabilized",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/False/DesiredWithinRange");
    }
}
