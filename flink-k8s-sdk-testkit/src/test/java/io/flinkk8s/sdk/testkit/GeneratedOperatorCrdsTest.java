package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
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
