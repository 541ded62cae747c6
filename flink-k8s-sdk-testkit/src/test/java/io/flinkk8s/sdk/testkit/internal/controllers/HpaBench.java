package io.flinkk8s.sdk.testkit.internal.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture of Kubernetes' {@code horizontal_test.go} on the in-memory cluster: a target with a
 * scale subresource whose spec and status replicas the test sets (a custom resource, as the Go
 * test's fake scale client; no controller runs pods for it), pods {@code test-pod-<i>} labelled
 * {@code name=test-pod} with two containers sharing the pod's CPU request, per-pod samples, and the
 * HPA {@code test-hpa}.
 *
 * <p>The Go test's pods start at time zero (past the CPU initialization period) unless it calls
 * them "hot" (started now); its recommendations are either empty (an HPA without history) or nil (a
 * new HPA). Here: {@link #runWithoutHistory} creates the HPA and lets it run six virtual minutes
 * without metrics, so its pods are past the 5-minute initialization period and its first
 * recommendation has expired; {@link #createHpa} is a new HPA, syncing at once.
 */
final class HpaBench {

    static final String NS = Fixtures.NS;
    static final String SELECTOR = "name=test-pod";

    private final FlinkK8sCluster cluster;
    private final KubernetesClient client;
    private int pods;
    private HorizontalPodAutoscaler hpa;

    HpaBench(FlinkK8sCluster cluster, KubernetesClient client) {
        this.cluster = cluster;
        this.client = client;
        cluster.registerCustomResource(workloads());
    }

    /**
     * The scale target {@code test-rc} with its spec and status replicas and the pods' selector.
     */
    HpaBench target(int specReplicas, int statusReplicas) {
        return target(specReplicas, statusReplicas, SELECTOR);
    }

    HpaBench target(int specReplicas, int statusReplicas, String selector) {
        return target("test-rc", specReplicas, statusReplicas, selector);
    }

    HpaBench target(String name, int specReplicas, int statusReplicas, String selector) {
        var workloads = client.genericKubernetesResources("example.com/v1", "Workload");
        workloads
                .inNamespace(NS)
                .resource(
                        new GenericKubernetesResourceBuilder()
                                .withApiVersion("example.com/v1")
                                .withKind("Workload")
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(NS)
                                .endMetadata()
                                .addToAdditionalProperties("spec", Map.of("replicas", specReplicas))
                                .build())
                .create();
        GenericKubernetesResource created = workloads.inNamespace(NS).withName(name).get();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("replicas", statusReplicas);
        if (selector != null) {
            status.put("selector", selector);
        }
        created.setAdditionalProperty("status", status);
        workloads.inNamespace(NS).resource(created).updateStatus();
        return this;
    }

    /** Ready pods with these CPU requests ({@code "1.0"}), each split over two containers. */
    HpaBench pods(String... cpuRequests) {
        for (String request : cpuRequests) {
            pod(request, true, Map.of());
        }
        return this;
    }

    /** Pods that never become ready (their readiness probe waits longer than any test). */
    HpaBench unreadyPods(String... cpuRequests) {
        for (String request : cpuRequests) {
            pod(request, false, Map.of());
        }
        return this;
    }

    /** A pod with {@code labels} besides {@code name=test-pod}. */
    HpaBench labelledPod(String cpuRequest, Map<String, String> labels) {
        pod(cpuRequest, true, labels);
        return this;
    }

    /** A pod whose containers have no CPU request. */
    HpaBench podWithoutRequest() {
        String name = "test-pod-" + pods++;
        client.pods()
                .inNamespace(NS)
                .resource(
                        new PodBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .addToLabels("name", "test-pod")
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("container1")
                                .withImage("flink:2.1")
                                .endContainer()
                                .endSpec()
                                .build())
                .create();
        return this;
    }

    /** Pod {@code test-pod-<index>}, created now: "hot" when created just before a sync. */
    HpaBench podAt(int index, String cpuRequest, boolean ready) {
        pods = Math.max(pods, index + 1);
        pod("test-pod-" + index, cpuRequest, ready, Map.of());
        return this;
    }

    private void pod(String cpuRequest, boolean ready, Map<String, String> labels) {
        pod("test-pod-" + pods++, cpuRequest, ready, labels);
    }

    private void pod(String name, String cpuRequest, boolean ready, Map<String, String> labels) {
        long half = HpaReplicaCalculator.milli(new Quantity(cpuRequest)) / 2;
        List<io.fabric8.kubernetes.api.model.Container> containers = new ArrayList<>();
        for (String c : List.of("container1", "container2")) {
            ContainerBuilder container =
                    new ContainerBuilder()
                            .withName(c)
                            .withImage("flink:2.1")
                            .withNewResources()
                            .addToRequests("cpu", new Quantity(half + "m"))
                            .endResources();
            if (!ready) {
                container.withReadinessProbe(Fixtures.tcpProbe(1_000_000, 10));
            }
            containers.add(container.build());
        }
        client.pods()
                .inNamespace(NS)
                .resource(
                        new PodBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .addToLabels("name", "test-pod")
                                .addToLabels(labels)
                                .endMetadata()
                                .withNewSpec()
                                .withContainers(containers)
                                .endSpec()
                                .build())
                .create();
    }

    /** Marks pods as being deleted (a finalizer holds them), as {@code reportedPodDeletion}. */
    HpaBench deleting(int... indexes) {
        for (int i : indexes) {
            var pod = client.pods().inNamespace(NS).withName("test-pod-" + i);
            pod.edit(
                    p ->
                            new PodBuilder(p)
                                    .editMetadata()
                                    .addToFinalizers("example.com/hold")
                                    .endMetadata()
                                    .build());
            pod.delete();
        }
        return this;
    }

    /** Sets pod {@code i}'s CPU usage in thousandths of a CPU, as {@code reportedLevels}. */
    HpaBench cpu(long... levels) {
        for (int i = 0; i < levels.length; i++) {
            cluster.metrics()
                    .setPodUsage(NS, "test-pod-" + i, "cpu", new Quantity(levels[i] + "m"));
        }
        return this;
    }

    /** Sets pod {@code i}'s custom metric {@code qps} (thousandths), as {@code reportedLevels}. */
    HpaBench qps(long... levels) {
        for (int i = 0; i < levels.length; i++) {
            cluster.metrics().setPodMetric(NS, "test-pod-" + i, "qps", levels[i] / 1000.0);
        }
        return this;
    }

    /** Sets the external metric {@code qps} (thousandths). */
    HpaBench externalQps(long level) {
        cluster.metrics().setExternalMetric(NS, "qps", level / 1000.0);
        return this;
    }

    /** An HPA on {@code test-rc} with these metrics (a CPU target when {@code cpuTarget > 0}). */
    static HorizontalPodAutoscalerBuilder hpa(int min, int max, int cpuTarget, MetricSpec... more) {
        List<MetricSpec> metrics = new ArrayList<>();
        if (cpuTarget > 0) {
            metrics.add(cpuUtilization(cpuTarget));
        }
        metrics.addAll(List.of(more));
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName("test-hpa")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion("example.com/v1")
                .withKind("Workload")
                .withName("test-rc")
                .endScaleTargetRef()
                .withMinReplicas(min)
                .withMaxReplicas(max)
                .withMetrics(metrics)
                .endSpec();
    }

    static MetricSpec cpuUtilization(int target) {
        return new MetricSpecBuilder()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(target)
                .endTarget()
                .endResource()
                .build();
    }

    static MetricSpec podsQps(String averageValue) {
        return new MetricSpecBuilder()
                .withType("Pods")
                .withNewPods()
                .withNewMetric()
                .withName("qps")
                .endMetric()
                .withNewTarget()
                .withType("AverageValue")
                .withAverageValue(new Quantity(averageValue))
                .endTarget()
                .endPods()
                .build();
    }

    static MetricSpec externalQps(Quantity value, Quantity averageValue) {
        return new MetricSpecBuilder()
                .withType("External")
                .withNewExternal()
                .withNewMetric()
                .withName("qps")
                .withNewSelector()
                .endSelector()
                .endMetric()
                .withNewTarget()
                .withType(value != null ? "Value" : "AverageValue")
                .withValue(value)
                .withAverageValue(averageValue)
                .endTarget()
                .endExternal()
                .build();
    }

    static Quantity milli(long value) {
        return new Quantity(value + "m");
    }

    /** generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilization). */
    static HPAScalingRules rules(
            int pods, int podsPeriod, int percent, int percentPeriod, int stabilization) {
        HPAScalingRulesBuilder rules =
                new HPAScalingRulesBuilder().withStabilizationWindowSeconds(stabilization);
        if (pods != 0) {
            rules.addNewPolicy()
                    .withType("Pods")
                    .withValue(pods)
                    .withPeriodSeconds(podsPeriod)
                    .endPolicy();
        }
        if (percent != 0) {
            rules.addNewPolicy()
                    .withType("Percent")
                    .withValue(percent)
                    .withPeriodSeconds(percentPeriod)
                    .endPolicy();
        }
        return rules.build();
    }

    /** A new HPA: created now, it syncs at once (the Go test's nil recommendations). */
    HpaBench createHpa(HorizontalPodAutoscalerBuilder builder) {
        hpa = builder.build();
        client.resource(hpa).create();
        return this;
    }

    /**
     * An HPA running without history (the Go test's empty recommendations) on pods past their
     * initialization period: created now without metrics, run six minutes; set the metrics, then
     * {@link #sync()}.
     */
    HpaBench runWithoutHistory(HorizontalPodAutoscalerBuilder builder) {
        createHpa(builder);
        cluster.advance(Duration.ofMinutes(6));
        return this;
    }

    /** Runs to the HPA's next sync. */
    HpaBench sync() {
        cluster.advance(Duration.ofSeconds(15));
        return this;
    }

    /** Runs part of the way to the next sync, e.g. to start "hot" pods just before it. */
    HpaBench advance(Duration duration) {
        cluster.advance(duration);
        return this;
    }

    HorizontalPodAutoscaler current() {
        return client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(NS)
                .withName("test-hpa")
                .get();
    }

    /** The target's spec replicas (what the HPA scaled it to). */
    int targetReplicas() {
        GenericKubernetesResource target =
                client.genericKubernetesResources("example.com/v1", "Workload")
                        .inNamespace(NS)
                        .withName("test-rc")
                        .get();
        return ((Number) target.get("spec", "replicas")).intValue();
    }

    /** The HPA's status desiredReplicas and the target's replicas are both {@code replicas}. */
    void assertDesired(int replicas) {
        assertThat(current().getStatus().getDesiredReplicas())
                .as("status.desiredReplicas")
                .isEqualTo(replicas);
        assertThat(targetReplicas()).as("the target's spec.replicas").isEqualTo(replicas);
    }

    /** The conditions as {@code Type/Status/Reason}, in order, as the Go test compares them. */
    void assertConditions(String... expected) {
        assertThat(current().getStatus().getConditions())
                .extracting(c -> c.getType() + "/" + c.getStatus() + "/" + c.getReason())
                .containsExactly(expected);
    }

    /** The Go test's statusOk: rescaled, a valid metric, within range. */
    void assertStatusOk() {
        assertConditions(
                "AbleToScale/True/SucceededRescale",
                "ScalingActive/True/ValidMetricFound",
                "ScalingLimited/False/DesiredWithinRange");
    }

    Integer cpuUtilization() {
        return current().getStatus().getCurrentMetrics().stream()
                .filter(m -> "Resource".equals(m.getType()))
                .map(m -> m.getResource().getCurrent().getAverageUtilization())
                .findFirst()
                .orElse(null);
    }

    /** The messages of the HPA's events with {@code reason}. */
    List<String> events(String reason) {
        return cluster.events().stream()
                .filter(e -> "test-hpa".equals(e.getInvolvedObject().getName()))
                .filter(e -> reason.equals(e.getReason()))
                .map(e -> e.getMessage())
                .toList();
    }

    private static CustomResourceDefinition workloads() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("workloads.example.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("example.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("Workload")
                .withPlural("workloads")
                .withSingular("workload")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSubresources()
                .withNewStatus()
                .endStatus()
                .withNewScale()
                .withSpecReplicasPath(".spec.replicas")
                .withStatusReplicasPath(".status.replicas")
                .withLabelSelectorPath(".status.selector")
                .endScale()
                .endSubresources()
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
