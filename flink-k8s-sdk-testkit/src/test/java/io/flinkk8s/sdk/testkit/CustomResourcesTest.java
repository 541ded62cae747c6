package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API server's custom resource semantics; the test writes statuses, so no operator runs. */
@FlinkK8sTest(namespace = "streaming", operatorStandIn = false)
class CustomResourcesTest {

    @BeforeEach
    void needsOperatorCrds() {
        ReferenceData.requireOperatorCrds();
    }

    private static MixedOperation<
                    GenericKubernetesResource,
                    GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            flinkDeployments(KubernetesClient client) {
        return client.genericKubernetesResources("flink.apache.org/v1beta1", "FlinkDeployment");
    }

    private static GenericKubernetesResource flinkDeployment(int taskManagers) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("flink.apache.org/v1beta1")
                .withKind("FlinkDeployment")
                .withNewMetadata()
                .withName("orders")
                .withNamespace("streaming")
                .endMetadata()
                .addToAdditionalProperties(
                        "spec",
                        Map.of(
                                "image",
                                "flink:2.1",
                                "flinkVersion",
                                "v2_1",
                                "taskManager",
                                Map.of("replicas", taskManagers)))
                .addToAdditionalProperties("status", Map.of("lifecycleState", "STABLE"))
                .build();
    }

    @Test
    void operatorCrdsAreRegisteredAtStart(KubernetesClient client) {
        assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .contains("flinkdeployments.flink.apache.org", "flinksessionjobs.flink.apache.org");
    }

    @Test
    void flinkDeploymentsGetCrudThroughTheGenericClient(KubernetesClient client) {
        flinkDeployments(client).resource(flinkDeployment(2)).create();

        assertThat(flinkDeployments(client).list().getItems())
                .singleElement()
                .satisfies(fd -> assertThat(fd.getMetadata().getName()).isEqualTo("orders"));
        flinkDeployments(client).withName("orders").delete();
        assertThat(flinkDeployments(client).list().getItems()).isEmpty();
    }

    @Test
    void flinkDeploymentStatusIsASubresource(KubernetesClient client) {
        // given: create ignores the status it carries
        GenericKubernetesResource created =
                flinkDeployments(client).resource(flinkDeployment(2)).create();
        assertThat(created.getAdditionalProperties()).doesNotContainKey("status");
        // when
        GenericKubernetesResource withStatus =
                new GenericKubernetesResourceBuilder(created)
                        .addToAdditionalProperties("status", Map.of("lifecycleState", "DEPLOYED"))
                        .build();
        flinkDeployments(client).resource(withStatus).updateStatus();
        flinkDeployments(client)
                .resource(
                        new GenericKubernetesResourceBuilder(flinkDeployment(3))
                                .addToAdditionalProperties(
                                        "status", Map.of("lifecycleState", "FAILED"))
                                .build())
                .update();
        // then
        GenericKubernetesResource stored = flinkDeployments(client).withName("orders").get();
        assertThat(stored.get("status", "lifecycleState").toString()).isEqualTo("DEPLOYED");
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void flinkDeploymentScaleSubresourceMapsToTaskManagerReplicas(KubernetesClient client) {
        flinkDeployments(client).resource(flinkDeployment(2)).create();

        var scale = flinkDeployments(client).withName("orders").scale();
        flinkDeployments(client).withName("orders").scale(5);

        assertThat(scale.getSpec().getReplicas()).isEqualTo(2);
        assertThat(
                        flinkDeployments(client)
                                .withName("orders")
                                .get()
                                .get("spec", "taskManager", "replicas")
                                .toString())
                .isEqualTo("5");
    }

    @Test
    void flinkDeploymentsCanBeServerSideApplied(KubernetesClient client) {
        client.resource(flinkDeployment(2)).fieldManager("sdk").serverSideApply();
        client.resource(flinkDeployment(4)).fieldManager("sdk").serverSideApply();

        assertThat(
                        flinkDeployments(client)
                                .withName("orders")
                                .get()
                                .get("spec", "taskManager", "replicas")
                                .toString())
                .isEqualTo("4");
    }

    @Test
    void flinkDeploymentsCanBeWatched(KubernetesClient client) throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (Watch ignored =
                flinkDeployments(client)
                        .watch(
                                new Watcher<>() {
                                    @Override
                                    public void eventReceived(
                                            Action action, GenericKubernetesResource resource) {
                                        seen.add(action.name());
                                    }

                                    @Override
                                    public void onClose(WatcherException cause) {
                                        // closed by the test
                                    }
                                })) {
            flinkDeployments(client).resource(flinkDeployment(2)).create();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED");
        }
    }

    @Test
    void anHpaScalesAFlinkDeploymentThroughItsScaleSubresource(
            FlinkK8sCluster cluster, KubernetesClient client) {
        flinkDeployments(client).resource(flinkDeployment(2)).create();
        // what the operator reports and runs: the TaskManagers' selector and two such pods, with
        // the CPU request a utilization target divides by (a scale without a selector, or pods
        // without requests, stop a real HPA)
        GenericKubernetesResource running = flinkDeployments(client).withName("orders").get();
        running.setAdditionalProperty(
                "status",
                Map.of(
                        "taskManager",
                        Map.of(
                                "labelSelector",
                                "app=orders,component=taskmanager",
                                "replicas",
                                2)));
        flinkDeployments(client).resource(running).updateStatus();
        for (int i = 0; i < 2; i++) {
            client.pods()
                    .resource(
                            new io.fabric8.kubernetes.api.model.PodBuilder()
                                    .withNewMetadata()
                                    .withName("orders-taskmanager-" + i)
                                    .addToLabels("app", "orders")
                                    .addToLabels("component", "taskmanager")
                                    .endMetadata()
                                    .withNewSpec()
                                    .addNewContainer()
                                    .withName("flink-main-container")
                                    .withImage("flink:2.1")
                                    .withNewResources()
                                    .addToRequests(
                                            "cpu",
                                            new io.fabric8.kubernetes.api.model.Quantity("1"))
                                    .endResources()
                                    .endContainer()
                                    .endSpec()
                                    .build())
                    .create();
        }
        client.resource(
                        new io.fabric8.kubernetes.api.model.autoscaling.v2
                                        .HorizontalPodAutoscalerBuilder()
                                .withNewMetadata()
                                .withName("orders")
                                .endMetadata()
                                .withNewSpec()
                                .withNewScaleTargetRef()
                                .withApiVersion("flink.apache.org/v1beta1")
                                .withKind("FlinkDeployment")
                                .withName("orders")
                                .endScaleTargetRef()
                                .withMinReplicas(1)
                                .withMaxReplicas(8)
                                .addNewMetric()
                                .withType("Resource")
                                .withNewResource()
                                .withName("cpu")
                                .withNewTarget()
                                .withType("Utilization")
                                .withAverageUtilization(50)
                                .endTarget()
                                .endResource()
                                .endMetric()
                                .endSpec()
                                .build())
                .create();

        cluster.metrics().setCpuUtilization("streaming", "orders", 150);
        cluster.advance(java.time.Duration.ofSeconds(15));

        // 150% of a 50% target: 6 wanted; an HPA without behavior grows by at most
        // max(2 x 2, 4) per sync, as Kubernetes' does
        assertThat(
                        flinkDeployments(client)
                                .withName("orders")
                                .get()
                                .get("spec", "taskManager", "replicas")
                                .toString())
                .isEqualTo("4");
    }

    @Test
    void aCrdRegisteredByTheTestGetsAStatusSubresource(
            FlinkK8sCluster cluster, KubernetesClient client) {
        cluster.registerCustomResource(widgetCrd());
        var widgets = client.genericKubernetesResources("example.com/v1", "Widget");

        widgets.resource(
                        new GenericKubernetesResourceBuilder()
                                .withApiVersion("example.com/v1")
                                .withKind("Widget")
                                .withNewMetadata()
                                .withName("w")
                                .endMetadata()
                                .addToAdditionalProperties("spec", Map.of("size", 1))
                                .addToAdditionalProperties("status", Map.of("ok", true))
                                .build())
                .create();

        assertThat(widgets.withName("w").get().getAdditionalProperties())
                .doesNotContainKey("status");
    }

    private static CustomResourceDefinition widgetCrd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("widgets.example.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("example.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("Widget")
                .withPlural("widgets")
                .withSingular("widget")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSubresources()
                .withNewStatus()
                .endStatus()
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
