package io.flinkk8s.sdk.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.internal.controllers.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerBehaviourTest {

    private InMemoryFlinkK8sCluster cluster;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        cluster =
                InMemoryFlinkK8sCluster.builder()
                        .namespace("apps")
                        .customResourceDefinitions(CustomResourceDefinitions.none())
                        .start();
        client = cluster.client();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void configMap(String name, String tier) {
        client.resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .addToLabels("tier", tier)
                                .endMetadata()
                                .build())
                .create();
    }

    private List<String> names(List<ConfigMap> items) {
        return items.stream().map(c -> c.getMetadata().getName()).sorted().toList();
    }

    private static Deployment withoutReplicas(String name) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
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
                .withImage("flink:2.1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    @Test
    void aDeploymentAppliedWithoutReplicasGetsOneAndKeepsWhatTheScaleSubresourceSet() {
        // given: applied without replicas, as the SDK applies a Deployment an HPA scales
        client.resource(withoutReplicas("tm")).fieldManager("sdk").serverSideApply();
        int created = client.apps().deployments().withName("tm").get().getSpec().getReplicas();
        client.apps().deployments().withName("tm").scale(4);
        // when: applied again without replicas
        client.resource(withoutReplicas("tm")).fieldManager("sdk").serverSideApply();
        // then
        assertThat(created).isEqualTo(1);
        assertThat(client.apps().deployments().withName("tm").get().getSpec().getReplicas())
                .isEqualTo(4);
    }

    @Test
    void replicasAManagerStopsApplyingGoBackToOne() {
        // given: applied with 0 replicas, as the SDK applies a suspended job's TaskManagers
        Deployment suspended =
                new DeploymentBuilder(withoutReplicas("tm"))
                        .editSpec()
                        .withReplicas(0)
                        .endSpec()
                        .build();
        client.resource(suspended).fieldManager("sdk").serverSideApply();
        // when: applied again without replicas, as on resume with an HPA
        client.resource(withoutReplicas("tm")).fieldManager("sdk").serverSideApply();
        // then
        assertThat(client.apps().deployments().withName("tm").get().getSpec().getReplicas())
                .isEqualTo(1);
    }

    @Test
    void jsonMergePatchDeletesNullFieldsAndReplacesArrays() {
        // given
        client.apps()
                .deployments()
                .resource(ServerSideApplyTest.deployment("orders", 1, "app"))
                .create();
        // when
        client.apps()
                .deployments()
                .withName("orders")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"gone\":null}},\"spec\":{\"template\":{\"spec\":"
                                + "{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:2\"}]}}}}");
        // then
        Deployment stored = client.apps().deployments().withName("orders").get();
        assertThat(stored.getMetadata().getLabels()).doesNotContainKey("gone");
        assertThat(stored.getSpec().getTemplate().getSpec().getContainers())
                .singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo("busybox:2"));
    }

    @Test
    void jsonMergePatchWithNullRemovesAMapEntry() {
        client.resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("c")
                                .endMetadata()
                                .addToData("k", "v")
                                .addToData("keep", "x")
                                .build())
                .create();

        client.configMaps()
                .withName("c")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":null}}");

        assertThat(client.configMaps().withName("c").get().getData())
                .containsExactlyEntriesOf(Map.of("keep", "x"));
    }

    @Test
    void jsonPatchWhoseTestFailsAnswers422() {
        configMap("c", "a");

        assertThatThrownBy(
                        () ->
                                client.configMaps()
                                        .withName("c")
                                        .patch(
                                                PatchContext.of(PatchType.JSON),
                                                "[{\"op\":\"test\",\"path\":\"/metadata/labels/tier\",\"value\":\"b\"}]"))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422));
    }

    @Test
    void setBasedLabelSelectorsFilterLists() {
        configMap("a", "web");
        configMap("b", "db");
        configMap("c", "cache");
        client.resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("plain")
                                .endMetadata()
                                .build())
                .create();

        assertThat(names(client.configMaps().withLabelIn("tier", "web", "db").list().getItems()))
                .containsExactly("a", "b");
        assertThat(names(client.configMaps().withLabelNotIn("tier", "web").list().getItems()))
                .containsExactly("b", "c", "plain");
        assertThat(names(client.configMaps().withLabel("tier").list().getItems()))
                .containsExactly("a", "b", "c");
        assertThat(names(client.configMaps().withoutLabel("tier").list().getItems()))
                .containsExactly("plain");
    }

    @Test
    void equalityAndSetBasedTermsTogetherFilterLists() {
        configMap("a", "web");
        configMap("b", "db");
        configMap("c", "cache");
        client.configMaps().withName("b").edit(c -> labelled(c, "app", "orders"));
        client.configMaps().withName("c").edit(c -> labelled(c, "app", "orders"));

        assertThat(
                        names(
                                client.configMaps()
                                        .withLabel("app", "orders")
                                        .withLabelIn("tier", "web", "db")
                                        .list()
                                        .getItems()))
                .containsExactly("b");
        assertThat(
                        names(
                                client.configMaps()
                                        .withLabel("app", "orders")
                                        .withLabelNotIn("tier", "db")
                                        .list()
                                        .getItems()))
                .containsExactly("c");
    }

    @Test
    void anObjectIsFoundByNameAcrossRelabellingDeletionAndRecreation() {
        configMap("a", "web");
        assertThat(client.configMaps().withName("a").get()).isNotNull();

        client.configMaps().withName("a").edit(c -> labelled(c, "tier", "db"));
        assertThat(client.configMaps().withName("a").get().getMetadata().getLabels())
                .containsEntry("tier", "db");

        client.configMaps().withName("a").delete();
        assertThat(client.configMaps().withName("a").get()).isNull();

        configMap("a", "cache");
        assertThat(client.configMaps().withName("a").get().getMetadata().getLabels())
                .containsEntry("tier", "cache");
    }

    private static ConfigMap labelled(ConfigMap c, String key, String value) {
        return new ConfigMapBuilder(c).editMetadata().addToLabels(key, value).endMetadata().build();
    }

    @Test
    void matchExpressionsSelectorFiltersLists() {
        configMap("a", "web");
        configMap("b", "db");

        var selector =
                new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("tier")
                        .withOperator("In")
                        .withValues("db")
                        .endMatchExpression()
                        .build();

        assertThat(names(client.configMaps().withLabelSelector(selector).list().getItems()))
                .containsExactly("b");
    }

    @Test
    void deleteCollectionHonoursSetBasedSelectors() {
        configMap("a", "web");
        configMap("b", "db");
        configMap("c", "cache");

        client.configMaps().withLabelIn("tier", "web", "cache").delete();

        assertThat(names(client.configMaps().list().getItems())).containsExactly("b");
    }

    @Test
    void watchWithSetBasedSelectorSeesOnlyMatchingObjects() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (Watch ignored = client.configMaps().withLabelIn("tier", "db").watch(collect(seen))) {
            configMap("a", "web");
            configMap("b", "db");

            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED b");
            configMap("c", "db");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED c");
        }
    }

    @Test
    void watchFromAResourceVersionReplaysOnlyLaterChanges() throws Exception {
        // given
        configMap("before", "x");
        String version = client.configMaps().list().getMetadata().getResourceVersion();
        configMap("after", "x");
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        // when
        try (Watch ignored =
                client.configMaps().withResourceVersion(version).watch(collect(seen))) {
            // then
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED after");
            client.configMaps().withName("after").delete();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("DELETED after");
        }
    }

    @Test
    void scaleSubresourceReadsARealScale() {
        client.apps()
                .deployments()
                .resource(ServerSideApplyTest.deployment("orders", 3, "app"))
                .create();

        Scale scale = client.apps().deployments().withName("orders").scale();

        assertThat(scale.getKind()).isEqualTo("Scale");
        assertThat(scale.getApiVersion()).isEqualTo("autoscaling/v1");
        assertThat(scale.getSpec().getReplicas()).isEqualTo(3);
        assertThat(scale.getStatus().getSelector()).isEqualTo("app=app");
    }

    @Test
    void scaleSubresourceWriteChangesTheReplicas() {
        client.apps()
                .deployments()
                .resource(ServerSideApplyTest.deployment("orders", 1, "app"))
                .create();

        client.apps().deployments().withName("orders").scale(4);

        assertThat(client.apps().deployments().withName("orders").get().getSpec().getReplicas())
                .isEqualTo(4);
    }

    @Test
    void changingADeploymentSelectorIsRejectedWith422() {
        client.apps()
                .deployments()
                .resource(ServerSideApplyTest.deployment("orders", 1, "app"))
                .fieldManager("sdk")
                .serverSideApply();

        assertThatThrownBy(
                        () ->
                                client.apps()
                                        .deployments()
                                        .resource(
                                                ServerSideApplyTest.deployment(
                                                        "orders", 1, "other"))
                                        .fieldManager("sdk")
                                        .forceConflicts()
                                        .serverSideApply())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(422);
                            assertThat(e.getMessage())
                                    .contains("spec.selector")
                                    .contains("immutable");
                        });
    }

    @Test
    void changingAStatefulSetSelectorIsRejectedWith422() {
        StatefulSet set =
                new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName("tm")
                        .endMetadata()
                        .withNewSpec()
                        .withServiceName("tm")
                        .withNewSelector()
                        .addToMatchLabels("app", "a")
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "a")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("main")
                        .withImage("flink")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build();
        StatefulSet created = client.resource(set).create();

        assertThatThrownBy(
                        () ->
                                client.resource(
                                                new StatefulSetBuilder(created)
                                                        .editSpec()
                                                        .editSelector()
                                                        .addToMatchLabels("app", "b")
                                                        .endSelector()
                                                        .endSpec()
                                                        .build())
                                        .update())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422));
    }

    @Test
    void serviceGetsAClusterIpThatAnUpdateCannotChange() {
        Service created = client.resource(service(null)).create();
        String ip = created.getSpec().getClusterIP();

        assertThat(ip).startsWith("10.96.");
        assertThatThrownBy(
                        () ->
                                client.resource(
                                                new ServiceBuilder(created)
                                                        .editSpec()
                                                        .withClusterIP("10.0.0.9")
                                                        .endSpec()
                                                        .build())
                                        .update())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422));
    }

    @Test
    void applyOmittingTheClusterIpKeepsIt() {
        String ip =
                client.resource(service(null))
                        .fieldManager("sdk")
                        .serverSideApply()
                        .getSpec()
                        .getClusterIP();

        Service again = client.resource(service(null)).fieldManager("sdk").serverSideApply();

        assertThat(again.getSpec().getClusterIP()).isEqualTo(ip);
    }

    @Test
    void generationMovesWhenAValueMovesFromTheSpecIntoTheMetadata() {
        Deployment created =
                client.resource(Fixtures.withTemplateAnnotations(withoutReplicas("moved")))
                        .create();

        Deployment moved =
                client.apps()
                        .deployments()
                        .withName("moved")
                        .edit(Fixtures::movingTemplateAnnotationToMetadata);
        Deployment relabelled =
                client.apps()
                        .deployments()
                        .withName("moved")
                        .edit(
                                d ->
                                        new DeploymentBuilder(d)
                                                .editMetadata()
                                                .addToLabels("tier", "web")
                                                .endMetadata()
                                                .build());

        assertThat(moved.getMetadata().getGeneration())
                .isEqualTo(created.getMetadata().getGeneration() + 1);
        assertThat(relabelled.getMetadata().getGeneration())
                .isEqualTo(moved.getMetadata().getGeneration());
    }

    @Test
    void mainResourceWritesKeepTheStoredStatusOfBuiltInKinds() {
        client.apps()
                .deployments()
                .resource(ServerSideApplyTest.deployment("orders", 1, "app"))
                .create();
        cluster.settle();
        Deployment stored = client.apps().deployments().withName("orders").get();

        client.resource(
                        new DeploymentBuilder(stored)
                                .editStatus()
                                .withReadyReplicas(42)
                                .endStatus()
                                .build())
                .update();

        assertThat(
                        client.apps()
                                .deployments()
                                .withName("orders")
                                .get()
                                .getStatus()
                                .getReadyReplicas())
                .isEqualTo(stored.getStatus().getReadyReplicas());
    }

    @Test
    void unsupportedSubresourcesAnswer404AndAPodsLogIsText() throws Exception {
        client.resource(
                        new io.fabric8.kubernetes.api.model.PodBuilder()
                                .withNewMetadata()
                                .withName("p")
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("main")
                                .withImage("busybox:1")
                                .endContainer()
                                .endSpec()
                                .build())
                .create();

        var http = client.getHttpClient();
        var ephemeral =
                http.sendAsync(
                                http.newHttpRequestBuilder()
                                        .uri(
                                                client.getMasterUrl()
                                                        + "api/v1/namespaces/"
                                                        + client.getNamespace()
                                                        + "/pods/p/ephemeralcontainers")
                                        .build(),
                                String.class)
                        .get();

        assertThat(ephemeral.code()).isEqualTo(404);
        // pods/log is served: a container without an injected crash has written nothing
        assertThat(client.pods().withName("p").getLog()).isEmpty();
        assertThatThrownBy(() -> client.pods().withName("nope").getLog())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(404));
    }

    private static Service service(String clusterIp) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName("rest")
                .withNamespace("apps")
                .endMetadata()
                .withNewSpec()
                .withClusterIP(clusterIp)
                .addToSelector("app", "x")
                .addNewPort()
                .withName("rest")
                .withPort(8081)
                .endPort()
                .endSpec()
                .build();
    }

    private static Watcher<ConfigMap> collect(BlockingQueue<String> seen) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                seen.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                // the test closes the watch
            }
        };
    }
}
