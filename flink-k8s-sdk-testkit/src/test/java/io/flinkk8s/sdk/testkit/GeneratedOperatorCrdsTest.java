package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.core.operator.crd.OperatorCrds;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The testkit registers the CRDs the core jar carries, generated from the SDK's typed resources;
 * the operator's own CRDs can still be loaded from a folder or the classpath.
 */
class GeneratedOperatorCrdsTest {

    @Test
    void flinkOperatorIsTheCoreJarsGeneratedCrdsWithTheScaleSubresource() {
        CustomResourceDefinitions crds = CustomResourceDefinitions.flinkOperator();

        assertThat(crds.definitions())
                .extracting(c -> c.getSpec().getNames().getKind())
                .containsExactly("FlinkDeployment", "FlinkSessionJob", "FlinkStateSnapshot");
        CustomResourceDefinition deployment = crds.definitions().get(0);
        assertThat(
                        deployment
                                .getSpec()
                                .getVersions()
                                .get(0)
                                .getSubresources()
                                .getScale()
                                .getSpecReplicasPath())
                .isEqualTo(".spec.taskManager.replicas");
    }

    @Test
    void aClusterListsTheGeneratedCrdsAsTheCoreJarStoresThem() throws Exception {
        JsonNode file;
        try (InputStream in = OperatorCrds.jsonFiles().get(0).openStream()) {
            file = Serialization.jsonMapper().readTree(in);
        }
        try (InMemoryFlinkK8sCluster cluster =
                InMemoryFlinkK8sCluster.builder()
                        .customResourceDefinitions(CustomResourceDefinitions.flinkOperator())
                        .start()) {
            CustomResourceDefinition listed =
                    cluster
                            .client()
                            .apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .list()
                            .getItems()
                            .stream()
                            .filter(
                                    c ->
                                            c.getMetadata()
                                                    .getName()
                                                    .equals("flinkdeployments.flink.apache.org"))
                            .findFirst()
                            .orElseThrow();

            assertThat((JsonNode) Serialization.jsonMapper().valueToTree(listed.getSpec()))
                    .isEqualTo(file.get("spec"));
        }
    }

    @Test
    void aCrdChangedInOneClusterIsUnchangedInAnotherStartedFromTheSameDefinitions() {
        CustomResourceDefinitions crds = CustomResourceDefinitions.flinkOperator();
        String name = "flinkdeployments.flink.apache.org";
        try (InMemoryFlinkK8sCluster first =
                        InMemoryFlinkK8sCluster.builder().customResourceDefinitions(crds).start();
                InMemoryFlinkK8sCluster second =
                        InMemoryFlinkK8sCluster.builder().customResourceDefinitions(crds).start()) {
            first.client()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(name)
                    .edit(
                            c -> {
                                c.getMetadata().setLabels(java.util.Map.of("changed", "here"));
                                c.getSpec().getVersions().get(0).setServed(false);
                                return c;
                            });

            CustomResourceDefinition other =
                    second.client()
                            .apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(name)
                            .get();
            assertThat(other.getMetadata().getLabels()).isNullOrEmpty();
            assertThat(other.getSpec().getVersions().get(0).getServed()).isTrue();
            assertThat(
                            first.client()
                                    .apiextensions()
                                    .v1()
                                    .customResourceDefinitions()
                                    .withName(name)
                                    .get()
                                    .getMetadata()
                                    .getLabels())
                    .containsEntry("changed", "here");
        }
    }

    @Test
    void onClasspathFindsTheGeneratedCrdsOnceEach() {
        CustomResourceDefinitions crds =
                CustomResourceDefinitions.onClasspath(getClass().getClassLoader());

        assertThat(crds.definitions())
                .extracting(c -> c.getMetadata().getName())
                .contains(
                        "flinkdeployments.flink.apache.org",
                        "flinksessionjobs.flink.apache.org",
                        "flinkstatesnapshots.flink.apache.org")
                .doesNotHaveDuplicates();
    }

    @Test
    void theOperatorsOwnCrdsStillLoadFromTheirFolder() {
        ReferenceData.requireOperatorCrds();

        CustomResourceDefinitions crds =
                CustomResourceDefinitions.load(ReferenceData.operatorCrdDirectory().get());

        assertThat(crds.definitions())
                .extracting(c -> c.getSpec().getNames().getKind())
                .contains("FlinkBlueGreenDeployment", "FlinkDeployment");
    }
}
