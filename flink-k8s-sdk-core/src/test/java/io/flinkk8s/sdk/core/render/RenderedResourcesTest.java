package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class RenderedResourcesTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final ResourceLabels LABELS = new ResourceLabels("orders", "2.3", Map.of());

    private static ObjectMeta meta(String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace("default")
                .withLabels(LABELS.common(Component.JOB_MANAGER))
                .build();
    }

    private static Deployment deployment(String name) {
        return new DeploymentBuilder()
                .withMetadata(meta(name))
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withNewResources()
                .addToLimits("cpu", new Quantity("1000m"))
                .addToLimits("memory", new Quantity("2048Mi"))
                .addToLimits("nvidia.com/gpu", new Quantity("1"))
                .addToRequests("cpu", new Quantity("0.5"))
                .addToRequests("ephemeral-storage", new Quantity("10240Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static RenderedResources rendered(HasMetadata... objects) {
        return RenderedResources.of(List.of(objects), List.of());
    }

    @Test
    void objectsComeInApplyOrderByKindRankThenName() {
        RenderedResources r =
                rendered(
                        new SecretBuilder().withMetadata(meta("s")).build(),
                        deployment("b"),
                        new PodDisruptionBudgetBuilder().withMetadata(meta("p")).build(),
                        deployment("a"),
                        new ServiceBuilder().withMetadata(meta("x")).build(),
                        new ConfigMapBuilder().withMetadata(meta("c")).build(),
                        new ServiceAccountBuilder().withMetadata(meta("sa")).build());

        assertThat(r.keys())
                .extracting(ResourceKey::toString)
                .containsExactly(
                        "ServiceAccount/sa",
                        "ConfigMap/c",
                        "Service/x",
                        "Deployment/a",
                        "Deployment/b",
                        "PodDisruptionBudget/p",
                        "Secret/s");
    }

    @Test
    void finderFailureNamesTheObjectsThatExist() {
        RenderedResources r = rendered(deployment("orders-jobmanager"), deployment("orders-tm"));

        assertThatThrownBy(() -> r.deployment("orders-taskmanager"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no Deployment named 'orders-taskmanager'")
                .hasMessageContaining("[orders-jobmanager, orders-tm]");
    }

    @Test
    void anObjectWithoutTheRecommendedLabelsIsAnSdkBug() {
        ConfigMapBuilder unlabelled =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("c")
                        .withNamespace("default")
                        .endMetadata();

        assertThatThrownBy(() -> rendered(unlabelled.build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SDK bug")
                .hasMessageContaining("ConfigMap/c")
                .hasMessageContaining(ResourceLabels.MANAGED_BY);
    }

    @Test
    void anObjectWithoutNamespaceIsAnSdkBug() {
        ObjectMeta noNamespace = meta("c");
        noNamespace.setNamespace(null);

        assertThatThrownBy(() -> rendered(new ConfigMapBuilder().withMetadata(noNamespace).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ConfigMap/c has no namespace");
    }

    @Test
    void callersOnlyEverGetCopies() {
        // given
        Deployment given = deployment("a");
        RenderedResources r = rendered(given);
        // when
        given.getMetadata().setName("changed by the caller");
        r.deployment("a").getSpec().setReplicas(42);
        r.all().get(0).getMetadata().getLabels().put("x", "y");
        // then
        assertThat(r.deployment("a").getSpec().getReplicas()).isNull();
        assertThat(r.deployment("a").getMetadata().getLabels()).doesNotContainKey("x");
    }

    @Test
    void convertGivesEachObjectAsTheSerializationWritesItInApplyOrder() {
        RenderedResources r =
                rendered(deployment("b"), new ConfigMapBuilder().withMetadata(meta("c")).build());

        List<JsonNode> trees = r.convert(JSON, JsonNode.class);

        assertThat(trees)
                .extracting(t -> t.path("kind").asText() + "/" + t.at("/metadata/name").asText())
                .containsExactly("ConfigMap/c", "Deployment/b");
        assertThat(trees)
                .containsExactlyElementsOf(
                        r.all().stream().map(o -> JSON.convertValue(o, JsonNode.class)).toList());
        // the canonical quantities, as the objects hold them
        assertThat(
                        trees.get(1)
                                .at("/spec/template/spec/containers/0/resources/limits/memory")
                                .asText())
                .isEqualTo("2Gi");
    }

    @Test
    void changingAConvertedValueLeavesTheRenderedObjectsAsTheyWere() {
        RenderedResources r = rendered(deployment("a"));

        ((ObjectNode) r.convert(JSON, JsonNode.class).get(0).path("metadata"))
                .put("name", "changed by the caller");

        assertThat(r.deployment("a").getMetadata().getName()).isEqualTo("a");
        assertThat(r.convert(JSON, JsonNode.class).get(0).at("/metadata/name").asText())
                .isEqualTo("a");
    }

    @Test
    void containerQuantitiesAreCanonical() {
        Deployment d = rendered(deployment("a")).deployment("a");

        var resources = d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getLimits())
                .containsEntry("cpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("2Gi"))
                .containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(resources.getRequests())
                .containsEntry("cpu", new Quantity("500m"))
                .containsEntry("ephemeral-storage", new Quantity("10Gi"));
    }
}
