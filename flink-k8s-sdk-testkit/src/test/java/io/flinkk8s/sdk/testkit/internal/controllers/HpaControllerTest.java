package io.flinkk8s.sdk.testkit.internal.controllers;

import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.NS;
import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.deployment;
import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.hpa;
import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.withCpuRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(namespace = NS, operatorCrds = false)
class HpaControllerTest {

    private static int replicas(KubernetesClient client) {
        return client.apps().deployments().withName("tm").get().getSpec().getReplicas();
    }

    private static HorizontalPodAutoscalerCondition condition(
            KubernetesClient client, String type) {
        return client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .withName("tm")
                .get()
                .getStatus()
                .getConditions()
                .stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static void start(KubernetesClient client, HorizontalPodAutoscaler hpa) {
        client.resource(withCpuRequest(deployment("tm", 2), "1")).create();
        client.resource(hpa).create();
    }

    @Test
    void anHpaWrittenAnInstantBeforeItsTargetScalesItToItsMinimumWhenTheTargetAppears(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(hpa("tm", 3, 10, 50)).create();

        client.resource(withCpuRequest(deployment("tm", 1), "1")).create();

        assertThat(replicas(client)).isEqualTo(3);
        assertThat(condition(client, "AbleToScale").getReason()).isNotEqualTo("FailedGetScale");
    }

    @Test
    void anHpaWhoseTargetIsStillMissingOneSyncPeriodAfterItWasAddedCannotGetItsScale(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(hpa("tm", 3, 10, 50)).create();
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().withName("tm").get())
                .extracting(h -> h.getStatus())
                .isNull();

        cluster.advance(Duration.ofSeconds(15));

        assertThat(condition(client, "AbleToScale").getReason()).isEqualTo("FailedGetScale");
    }

    @Test
    void scalesOutByTheUtilizationRatio(FlinkK8sCluster cluster, KubernetesClient client) {
        start(client, hpa("tm", 2, 10, 50));

        cluster.metrics().setCpuUtilization(NS, "tm", 100);
        cluster.advance(Duration.ofSeconds(15));

        assertThat(replicas(client)).isEqualTo(4);
        assertThat(client.pods().withLabel("app", "tm").list().getItems()).hasSize(4);
        var status =
                client.autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .withName("tm")
                        .get()
                        .getStatus();
        assertThat(status.getDesiredReplicas()).isEqualTo(4);
        assertThat(
                        status.getCurrentMetrics()
                                .get(0)
                                .getResource()
                                .getCurrent()
                                .getAverageUtilization())
                .isEqualTo(100);
        assertThat(status.getLastScaleTime()).isNotNull();
    }

    @Test
    void doesNotScaleWithinTheTenPercentTolerance(
            FlinkK8sCluster cluster, KubernetesClient client) {
        start(client, hpa("tm", 2, 10, 50));

        cluster.metrics().setCpuUtilization(NS, "tm", 54);
        cluster.advance(Duration.ofMinutes(1));

        assertThat(replicas(client)).isEqualTo(2);
    }

    @Test
    void staysWithinMaxReplicasAndSaysSo(FlinkK8sCluster cluster, KubernetesClient client) {
        start(client, hpa("tm", 2, 5, 50));

        cluster.metrics().setCpuUtilization(NS, "tm", 500);
        cluster.advance(Duration.ofMinutes(1));

        assertThat(replicas(client)).isEqualTo(5);
        assertThat(condition(client, "ScalingLimited").getReason()).isEqualTo("TooManyReplicas");
    }

    @Test
    void scalesDownOnlyAfterTheStabilizationWindow(
            FlinkK8sCluster cluster, KubernetesClient client) {
        start(client, hpa("tm", 2, 10, 50));
        cluster.metrics().setCpuUtilization(NS, "tm", 100);
        cluster.advance(Duration.ofSeconds(15));

        cluster.metrics().setCpuUtilization(NS, "tm", 10);
        cluster.advance(Duration.ofMinutes(4));
        int withinWindow = replicas(client);
        cluster.advance(Duration.ofMinutes(2));

        assertThat(withinWindow).isEqualTo(4);
        assertThat(replicas(client)).isEqualTo(2);
    }

    @Test
    void aScaleUpPolicyLimitsHowFastReplicasGrow(FlinkK8sCluster cluster, KubernetesClient client) {
        HorizontalPodAutoscaler limited =
                new HorizontalPodAutoscalerBuilder(hpa("tm", 2, 20, 50))
                        .editSpec()
                        .withNewBehavior()
                        .withNewScaleUp()
                        .addNewPolicy()
                        .withType("Pods")
                        .withValue(1)
                        .withPeriodSeconds(60)
                        .endPolicy()
                        .endScaleUp()
                        .endBehavior()
                        .endSpec()
                        .build();
        start(client, limited);

        cluster.metrics().setCpuUtilization(NS, "tm", 400);
        cluster.advance(Duration.ofSeconds(15));
        int afterFirstSync = replicas(client);
        cluster.advance(Duration.ofSeconds(60));

        assertThat(afterFirstSync).isEqualTo(3);
        assertThat(replicas(client)).isEqualTo(4);
        assertThat(condition(client, "ScalingLimited").getReason()).isEqualTo("ScaleUpLimit");
    }

    @Test
    void reApplyingReplicasTheHpaChangedConflictsWithTheControllerManager(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given: the SDK applies replicas, the HPA then owns them through the scale subresource
        client.resource(withCpuRequest(deployment("tm", 2), "1"))
                .fieldManager("sdk")
                .serverSideApply();
        client.resource(hpa("tm", 2, 10, 50)).create();
        cluster.metrics().setCpuUtilization(NS, "tm", 100);
        cluster.advance(Duration.ofSeconds(15));
        // when / then
        assertThatThrownBy(
                        () ->
                                client.resource(withCpuRequest(deployment("tm", 2), "1"))
                                        .fieldManager("sdk")
                                        .serverSideApply())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e ->
                                assertThat(e.getMessage())
                                        .contains("kube-controller-manager")
                                        .contains(".spec.replicas"));
    }

    @Test
    void reportsThatItCannotScaleWithoutMetrics(FlinkK8sCluster cluster, KubernetesClient client) {
        start(client, hpa("tm", 2, 10, 50));

        cluster.advance(Duration.ofSeconds(15));

        assertThat(condition(client, "ScalingActive").getStatus()).isEqualTo("False");
        assertThat(condition(client, "ScalingActive").getReason())
                .isEqualTo("FailedGetResourceMetric");
        assertThat(replicas(client)).isEqualTo(2);
    }

    /** An HPA on {@code metric} alone that may grow by up to 100 pods per sync. */
    private static HorizontalPodAutoscaler withMetric(MetricSpec metric) {
        return new HorizontalPodAutoscalerBuilder(unlimitedScaleUp(hpa("tm", 2, 20, 50)))
                .editSpec()
                .withMetrics(metric)
                .endSpec()
                .build();
    }

    private static HorizontalPodAutoscaler unlimitedScaleUp(HorizontalPodAutoscaler hpa) {
        return new HorizontalPodAutoscalerBuilder(hpa)
                .editSpec()
                .withNewBehavior()
                .withNewScaleUp()
                .addNewPolicy()
                .withType("Pods")
                .withValue(100)
                .withPeriodSeconds(15)
                .endPolicy()
                .endScaleUp()
                .endBehavior()
                .endSpec()
                .build();
    }

    @Test
    void scalesOnAPodsMetricAverageAgainstItsTargetAverage(
            FlinkK8sCluster cluster, KubernetesClient client) {
        start(
                client,
                withMetric(
                        new MetricSpecBuilder()
                                .withType("Pods")
                                .withNewPods()
                                .withNewMetric()
                                .withName("busy_time")
                                .endMetric()
                                .withNewTarget()
                                .withType("AverageValue")
                                .withAverageValue(new Quantity("500"))
                                .endTarget()
                                .endPods()
                                .build()));

        cluster.metrics().setPodsMetric(NS, "tm", "busy_time", 900);
        cluster.advance(Duration.ofSeconds(15));

        assertThat(replicas(client)).isEqualTo(4);
        var current =
                client.autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .withName("tm")
                        .get()
                        .getStatus()
                        .getCurrentMetrics()
                        .get(0);
        assertThat(current.getType()).isEqualTo("Pods");
        assertThat(current.getPods().getCurrent().getAverageValue()).isEqualTo(new Quantity("900"));
    }

    @Test
    void scalesOnAnExternalValueByItsRatioToTheTarget(
            FlinkK8sCluster cluster, KubernetesClient client) {
        start(client, withMetric(external(new Quantity("1k"), null)));

        cluster.metrics().setExternalMetric(NS, "lag", 3000);
        cluster.advance(Duration.ofSeconds(15));

        assertThat(replicas(client)).isEqualTo(6);
    }

    @Test
    void scalesOnAnExternalAverageValueToTheValueOverTheTarget(
            FlinkK8sCluster cluster, KubernetesClient client) {
        start(client, withMetric(external(null, new Quantity("100"))));

        cluster.metrics().setExternalMetric(NS, "lag", 750);
        cluster.advance(Duration.ofSeconds(15));

        assertThat(replicas(client)).isEqualTo(8);
    }

    @Test
    void theLargestProposalOfSeveralMetricsWins(FlinkK8sCluster cluster, KubernetesClient client) {
        HorizontalPodAutoscaler both =
                new HorizontalPodAutoscalerBuilder(unlimitedScaleUp(hpa("tm", 2, 20, 50)))
                        .editSpec()
                        .addToMetrics(external(new Quantity("1k"), null))
                        .endSpec()
                        .build();
        start(client, both);

        cluster.metrics().setCpuUtilization(NS, "tm", 75);
        cluster.metrics().setExternalMetric(NS, "lag", 5000);
        cluster.advance(Duration.ofSeconds(15));

        assertThat(replicas(client)).isEqualTo(10);
    }

    private static MetricSpec external(Quantity value, Quantity averageValue) {
        return new MetricSpecBuilder()
                .withType("External")
                .withNewExternal()
                .withNewMetric()
                .withName("lag")
                .endMetric()
                .withNewTarget()
                .withType(value != null ? "Value" : "AverageValue")
                .withValue(value)
                .withAverageValue(averageValue)
                .endTarget()
                .endExternal()
                .build();
    }
}
