package io.flinkk8s.sdk.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.TestkitInternals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerSideApplyTest {

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

    private static ConfigMap configMap(Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace("apps")
                .endMetadata()
                .withData(data)
                .build();
    }

    private ConfigMap apply(String manager, ConfigMap cm) {
        return client.resource(cm).fieldManager(manager).serverSideApply();
    }

    @Test
    void applyCreatesTheObjectWhenAbsent() {
        ConfigMap applied = apply("sdk", configMap(Map.of("a", "1")));

        ConfigMap stored = client.configMaps().withName("settings").get();
        assertThat(applied.getMetadata().getUid()).isNotBlank();
        assertThat(stored.getData()).containsExactlyEntriesOf(Map.of("a", "1"));
        // as on a real API server: ConfigMaps have no spec, so no generation
        assertThat(stored.getMetadata().getGeneration()).isNull();
    }

    @Test
    void applyMergesIntoTheStoredObjectKeepingFieldsItDoesNotMention() {
        // given
        client.resource(configMap(Map.of("kept", "x"))).create();
        // when
        apply("sdk", configMap(Map.of("a", "1")));
        // then
        assertThat(client.configMaps().withName("settings").get().getData())
                .containsEntry("kept", "x")
                .containsEntry("a", "1");
    }

    @Test
    void applyRecordsManagedFieldsPerFieldManager() {
        apply("sdk", configMap(Map.of("a", "1")));
        apply("operator", configMap(Map.of("b", "2")));

        var entries =
                client.configMaps().withName("settings").get().getMetadata().getManagedFields();
        assertThat(entries)
                .extracting(ManagedFieldsEntry::getManager)
                .containsExactlyInAnyOrder("sdk", "operator");
        assertThat(entries).allSatisfy(e -> assertThat(e.getOperation()).isEqualTo("Apply"));
        ManagedFieldsEntry sdk =
                entries.stream()
                        .filter(e -> e.getManager().equals("sdk"))
                        .findFirst()
                        .orElseThrow();
        assertThat(sdk.getFieldsV1().getAdditionalProperties())
                .isEqualTo(Map.of("f:data", Map.of("f:a", Map.of())));
    }

    @Test
    void applyRemovesFieldsTheManagerStoppedApplying() {
        apply("sdk", configMap(Map.of("a", "1", "b", "2")));

        apply("sdk", configMap(Map.of("a", "1")));

        assertThat(client.configMaps().withName("settings").get().getData())
                .containsExactlyEntriesOf(Map.of("a", "1"));
    }

    @Test
    void applyKeepsAFieldTheManagerStoppedApplyingWhenAnotherManagerOwnsItToo() {
        apply("sdk", configMap(Map.of("a", "1", "b", "2")));
        apply("operator", configMap(Map.of("b", "2")));

        apply("sdk", configMap(Map.of("a", "1")));

        assertThat(client.configMaps().withName("settings").get().getData())
                .containsEntry("b", "2");
    }

    @Test
    void applyConflictsWhenAnotherManagerOwnsAFieldWithADifferentValue() {
        apply("sdk", configMap(Map.of("a", "1")));

        assertThatThrownBy(() -> apply("operator", configMap(Map.of("a", "2"))))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(409);
                            assertThat(e.getMessage())
                                    .contains("conflict with \"sdk\"")
                                    .contains(".data.a");
                        });
        assertThat(client.configMaps().withName("settings").get().getData())
                .containsEntry("a", "1");
    }

    @Test
    void applyOfTheSameValueSharesOwnershipWithoutConflict() {
        apply("sdk", configMap(Map.of("a", "1")));

        apply("operator", configMap(Map.of("a", "1")));

        assertThat(client.configMaps().withName("settings").get().getMetadata().getManagedFields())
                .hasSize(2);
    }

    @Test
    void forcedApplyTakesOverTheConflictingField() {
        apply("sdk", configMap(Map.of("a", "1", "b", "1")));

        client.resource(configMap(Map.of("a", "2")))
                .fieldManager("operator")
                .forceConflicts()
                .serverSideApply();
        apply("sdk", configMap(Map.of("b", "1")));

        ConfigMap stored = client.configMaps().withName("settings").get();
        assertThat(stored.getData()).containsEntry("a", "2");
    }

    @Test
    void applyConflictsWithAFieldAClientChangedByUpdate() {
        // given
        client.apps()
                .deployments()
                .resource(deployment("orders", 2, "app"))
                .fieldManager("sdk")
                .serverSideApply();
        client.apps().deployments().withName("orders").scale(5);
        // when / then
        assertThatThrownBy(
                        () ->
                                client.apps()
                                        .deployments()
                                        .resource(deployment("orders", 2, "app"))
                                        .fieldManager("sdk")
                                        .serverSideApply())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409));
    }

    /**
     * The procedure of the Kubernetes documentation's "Transferring ownership" (server-side apply):
     * a second manager applies only {@code spec.replicas} at the same value, so both share it; the
     * first then leaves it out without the API server resetting it to the default of 1; the HPA's
     * scale write takes it from the second, whose entry, owning nothing, disappears.
     */
    @Test
    void replicasHandedToASecondManagerSurviveTheFirstDroppingThemUntilTheScalerTakesThem() {
        // given: "sdk" applied 3 replicas
        client.apps()
                .deployments()
                .resource(deployment("orders", 3, "app"))
                .fieldManager("sdk")
                .serverSideApply();
        // when: "handover" applies the same count, then "sdk" stops applying it
        client.apps()
                .deployments()
                .resource(
                        new DeploymentBuilder()
                                .withNewMetadata()
                                .withName("orders")
                                .withNamespace("apps")
                                .endMetadata()
                                .withNewSpec()
                                .withReplicas(3)
                                .endSpec()
                                .build())
                .fieldManager("handover")
                .serverSideApply();
        Deployment withoutReplicas =
                new DeploymentBuilder(deployment("orders", 3, "app"))
                        .editSpec()
                        .withReplicas(null)
                        .endSpec()
                        .build();
        client.apps().deployments().resource(withoutReplicas).fieldManager("sdk").serverSideApply();
        // then
        assertThat(replicas()).isEqualTo(3);
        assertThat(replicaOwners()).containsExactly("handover Apply");
        // when: the HPA scales through the scale subresource
        TestkitInternals.dispatcher(cluster)
                .direct()
                .setScale("apps/v1", "Deployment", "apps", "orders", 5, "kube-controller-manager");
        // then
        assertThat(replicas()).isEqualTo(5);
        assertThat(replicaOwners()).containsExactly("kube-controller-manager Update scale");
        assertThat(
                        client.apps()
                                .deployments()
                                .withName("orders")
                                .get()
                                .getMetadata()
                                .getManagedFields())
                .extracting(ManagedFieldsEntry::getManager)
                .containsExactlyInAnyOrder("sdk", "kube-controller-manager");
    }

    @Test
    void aHandoverThatWouldChangeAnotherManagersCountConflicts() {
        // given: the HPA owns 5 replicas
        client.apps()
                .deployments()
                .resource(deployment("orders", 3, "app"))
                .fieldManager("sdk")
                .serverSideApply();
        TestkitInternals.dispatcher(cluster)
                .direct()
                .setScale("apps/v1", "Deployment", "apps", "orders", 5, "kube-controller-manager");
        // when / then: a stale count is refused, and the HPA's stays
        assertThatThrownBy(
                        () ->
                                client.apps()
                                        .deployments()
                                        .resource(
                                                new DeploymentBuilder()
                                                        .withNewMetadata()
                                                        .withName("orders")
                                                        .withNamespace("apps")
                                                        .endMetadata()
                                                        .withNewSpec()
                                                        .withReplicas(3)
                                                        .endSpec()
                                                        .build())
                                        .fieldManager("handover")
                                        .serverSideApply())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e ->
                                assertThat(e.getMessage())
                                        .contains(
                                                "conflict with \"kube-controller-manager\" with"
                                                        + " subresource \"scale\" using apps/v1:"
                                                        + " .spec.replicas"));
        assertThat(replicas()).isEqualTo(5);
    }

    private int replicas() {
        return client.apps().deployments().withName("orders").get().getSpec().getReplicas();
    }

    /**
     * Who owns {@code spec.replicas} of Deployment orders: "manager operation", and the subresource
     * when there is one.
     */
    private List<String> replicaOwners() {
        return client
                .apps()
                .deployments()
                .withName("orders")
                .get()
                .getMetadata()
                .getManagedFields()
                .stream()
                .filter(
                        e ->
                                e.getFieldsV1().getAdditionalProperties().get("f:spec")
                                                instanceof Map<?, ?> spec
                                        && spec.containsKey("f:replicas"))
                .map(
                        e ->
                                e.getManager()
                                        + " "
                                        + e.getOperation()
                                        + (e.getSubresource() == null
                                                ? ""
                                                : " " + e.getSubresource()))
                .toList();
    }

    @Test
    void applyOfAnObjectWhoseNameDiffersFromTheUrlIsABadRequest() throws Exception {
        // the fabric8 client refuses this before sending, so send it raw
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        cluster.url()
                                                + "api/v1/namespaces/apps/configmaps/settings?fieldManager=sdk"))
                        .header("Content-Type", "application/apply-patch+yaml")
                        .method(
                                "PATCH",
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"apiVersion\":\"v1\","
                                                + "\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"other\"}}"))
                        .build();

        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("does not match the name on the URL");
        assertThat(client.configMaps().list().getItems()).isEmpty();
    }

    @Test
    void applyWithoutChangesLeavesTheResourceVersionUnchanged() {
        String first = apply("sdk", configMap(Map.of("a", "1"))).getMetadata().getResourceVersion();

        String second =
                apply("sdk", configMap(Map.of("a", "1"))).getMetadata().getResourceVersion();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void generationMovesOnlyWhenTheSpecChanges() {
        client.apps()
                .deployments()
                .resource(deployment("orders", 1, "app"))
                .fieldManager("sdk")
                .serverSideApply();
        long initial = generation("orders");

        Deployment relabelled =
                new DeploymentBuilder(deployment("orders", 1, "app"))
                        .editMetadata()
                        .addToLabels("team", "a")
                        .endMetadata()
                        .build();
        client.apps().deployments().resource(relabelled).fieldManager("sdk").serverSideApply();
        long afterMetadata = generation("orders");
        client.apps()
                .deployments()
                .resource(
                        new DeploymentBuilder(relabelled)
                                .editSpec()
                                .withReplicas(3)
                                .endSpec()
                                .build())
                .fieldManager("sdk")
                .serverSideApply();

        assertThat(afterMetadata).isEqualTo(initial);
        assertThat(generation("orders")).isEqualTo(initial + 1);
    }

    private long generation(String name) {
        return client.apps().deployments().withName(name).get().getMetadata().getGeneration();
    }

    static Deployment deployment(String name, int replicas, String selectorValue) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("apps")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", selectorValue)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", selectorValue)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("busybox:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
