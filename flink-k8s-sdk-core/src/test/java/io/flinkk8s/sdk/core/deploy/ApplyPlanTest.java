package io.flinkk8s.sdk.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.ResourceChange.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyPlanTest {

    @Test
    void readsAsASummaryWithOneLinePerWriteAndItsFields() {
        ApplyPlan plan =
                new ApplyPlan(
                        "streaming",
                        "orders",
                        List.of(
                                new ResourceChange(
                                        "ConfigMap",
                                        "orders-flink-config",
                                        Action.UNCHANGED,
                                        List.of()),
                                new ResourceChange(
                                        "Deployment",
                                        "orders-taskmanager",
                                        Action.UPDATE,
                                        List.of(new FieldChange("spec.replicas", "3", "4"))),
                                new ResourceChange(
                                        "Ingress", "orders-rest", Action.PRUNE, List.of())),
                        List.of());

        assertThat(plan.toString().lines().toList())
                .containsExactly(
                        "Plan for streaming/orders: 0 to create, 1 to update, 1 unchanged, 1 to"
                                + " prune",
                        "  ~ Deployment orders-taskmanager",
                        "    spec.replicas: 3 -> 4",
                        "  - Ingress orders-rest");
        assertThat(plan.hasChanges()).isTrue();
    }

    @Test
    void aPlanOfUnchangedObjectsHasNoChanges() {
        ApplyPlan plan =
                new ApplyPlan(
                        "streaming",
                        "orders",
                        List.of(
                                new ResourceChange(
                                        "Service", "orders-rest", Action.UNCHANGED, List.of())),
                        List.of());

        assertThat(plan.hasChanges()).isFalse();
    }

    @Test
    void aRemovedFieldReadsAsRemoved() {
        assertThat(new FieldChange("data.drop", "2", null))
                .hasToString("data.drop: 2 -> (removed)");
    }
}
