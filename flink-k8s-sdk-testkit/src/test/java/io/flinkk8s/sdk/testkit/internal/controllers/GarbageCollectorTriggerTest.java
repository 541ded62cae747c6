package io.flinkk8s.sdk.testkit.internal.controllers;

import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The garbage collector runs only on changes that can leave garbage; these must still count. */
class GarbageCollectorTriggerTest {

    @RegisterExtension
    static final FlinkK8sClusterExtension K8S =
            FlinkK8sClusterExtension.builder()
                    .namespace(NS)
                    .operatorCrds(false)
                    .customize(b -> b.autoSettle(false))
                    .build();

    private static ConfigMap configMap(String name, String ownerUid) {
        ConfigMapBuilder b =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NS)
                        .endMetadata()
                        .addToData("k", "v");
        if (ownerUid != null) {
            b.editMetadata()
                    .withOwnerReferences(
                            new OwnerReferenceBuilder()
                                    .withApiVersion("v1")
                                    .withKind("ConfigMap")
                                    .withName("owner")
                                    .withUid(ownerUid)
                                    .build())
                    .endMetadata();
        }
        return b.build();
    }

    @Test
    void collectsAnObjectCreatedWithAnOwnerThatDoesNotExist(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(configMap("dangling", "no-such-uid")).create();
        cluster.settle();

        assertThat(client.configMaps().withName("dangling").get()).isNull();
    }

    @Test
    void collectsAnObjectWhoseOwnerReferenceIsChangedToAMissingOwner(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given
        ConfigMap owner = client.resource(configMap("owner", null)).create();
        client.resource(configMap("dependent", owner.getMetadata().getUid())).create();
        cluster.settle();
        assertThat(client.configMaps().withName("dependent").get()).isNotNull();

        // when
        client.configMaps()
                .withName("dependent")
                .edit(
                        cm ->
                                new ConfigMapBuilder(cm)
                                        .editMetadata()
                                        .editFirstOwnerReference()
                                        .withUid("gone-uid")
                                        .endOwnerReference()
                                        .endMetadata()
                                        .build());
        cluster.settle();

        // then
        assertThat(client.configMaps().withName("dependent").get()).isNull();
        assertThat(client.configMaps().withName("owner").get()).isNotNull();
    }

    @Test
    void keepsADependentWhoseOwnerIsOnlyUpdated(FlinkK8sCluster cluster, KubernetesClient client) {
        ConfigMap owner = client.resource(configMap("owner", null)).create();
        client.resource(configMap("dependent", owner.getMetadata().getUid())).create();
        cluster.settle();

        client.configMaps()
                .withName("owner")
                .edit(cm -> new ConfigMapBuilder(cm).addToData("k", "changed").build());
        cluster.settle();

        assertThat(client.configMaps().withName("dependent").get()).isNotNull();
    }
}
