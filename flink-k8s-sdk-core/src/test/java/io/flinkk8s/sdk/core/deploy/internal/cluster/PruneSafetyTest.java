package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PruneSafetyTest {

    private static final ResourceLabels LABELS = new ResourceLabels("orders", "2.1", Map.of());

    @Test
    void anObjectWithBothOfTheSdksLabelsIsPrunable() {
        assertThat(
                        ResourceApplier.prunable(
                                "orders",
                                configMap("orders-extra", LABELS.common(Component.CONFIG)),
                                false))
                .isTrue();
    }

    @Test
    void anObjectOfAnotherInstanceOrManagerIsNot() {
        Map<String, String> otherInstance = new HashMap<>(LABELS.common(Component.CONFIG));
        otherInstance.put(ResourceLabels.INSTANCE, "payments");
        Map<String, String> otherManager = new HashMap<>(LABELS.common(Component.CONFIG));
        otherManager.put(ResourceLabels.MANAGED_BY, "helm");

        assertThat(ResourceApplier.prunable("orders", configMap("a", otherInstance), false))
                .isFalse();
        assertThat(ResourceApplier.prunable("orders", configMap("b", otherManager), false))
                .isFalse();
    }

    @Test
    void theStateRecordIsNeverPrunable() {
        assertThat(
                        ResourceApplier.prunable(
                                "orders",
                                configMap("orders-sdk-state", LABELS.common(Component.SDK_STATE)),
                                true))
                .isFalse();
    }

    @Test
    void aSessionJobsRecordIsNeverPrunableNorDeletedWithADeploymentOfTheSameName() {
        // a session job "orders" next to a deployment "orders": same instance label
        HasMetadata record =
                configMap(
                        "orders-sdk-session-job",
                        new ResourceLabels("orders", null, Map.of())
                                .common(Component.SESSION_JOB_STATE));

        assertThat(ResourceApplier.prunable("orders", record, true)).isFalse();
        assertThat(StateStore.isRecord("orders", record)).isTrue();
    }

    @Test
    void aFlinkHaConfigMapIsNeverPrunableEvenWithTheSdksLabels() {
        Map<String, String> labels = new HashMap<>(LABELS.common(Component.CONFIG));
        labels.put("configmap-type", "high-availability");

        assertThat(
                        ResourceApplier.prunable(
                                "orders", configMap("orders-cluster-config-map", labels), true))
                .isFalse();
    }

    @Test
    void flinksOwnHaLabelsNeverMatchThePruneSelector() {
        Map<String, String> flinkHa =
                Map.of(
                        "app",
                        "orders",
                        "configmap-type",
                        "high-availability",
                        "type",
                        "flink-native-kubernetes");

        assertThat(flinkHa.entrySet()).doesNotContainAnyElementsOf(LABELS.ownedBySdk().entrySet());
    }

    @Test
    void aPersistentVolumeClaimIsPrunableOnlyWhenTheOptionSaysSo() {
        HasMetadata pvc =
                new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName("orders-state")
                        .withLabels(LABELS.common(Component.TASK_MANAGER))
                        .endMetadata()
                        .build();

        assertThat(ResourceApplier.prunable("orders", pvc, false)).isFalse();
        assertThat(ResourceApplier.prunable("orders", pvc, true)).isTrue();
    }

    private static HasMetadata configMap(String name, Map<String, String> labels) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build();
    }
}
