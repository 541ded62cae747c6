package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.scheduling.NodeRequirement;
import io.flinkk8s.sdk.core.spec.scheduling.PodPlacement;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.scheduling.SpreadMethod;
import io.flinkk8s.sdk.core.spec.scheduling.TaskManagerSpread;
import io.flinkk8s.sdk.core.spec.scheduling.TolerationSpec;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulingRulesTest {

    private static FlinkDeploymentSpec with(SchedulingPolicy scheduling) {
        return Specs.statefulHa().withScheduling(scheduling);
    }

    private static PodPlacement placement(
            Map<String, String> nodeSelector,
            List<NodeRequirement> required,
            List<NodeRequirement> preferred,
            List<TolerationSpec> tolerations) {
        return new PodPlacement(nodeSelector, required, preferred, tolerations, null, null);
    }

    @Test
    void acceptsAFullPolicy() {
        SchedulingPolicy policy =
                new SchedulingPolicy(
                        new PodPlacement(
                                Map.of("pool", "flink"),
                                List.of(NodeRequirement.in("lifecycle", "on-demand")),
                                List.of(
                                        new NodeRequirement(
                                                "node.kubernetes.io/instance-type",
                                                "In",
                                                List.of("m6i.2xlarge"),
                                                50)),
                                List.of(
                                        TolerationSpec.equal("dedicated", "flink", "NoSchedule"),
                                        new TolerationSpec(
                                                null, "Exists", null, "NoExecute", 300L)),
                                "flink-production",
                                "default-scheduler"),
                        null,
                        placement(
                                Map.of(),
                                List.of(new NodeRequirement("cpu-count", "Gt", List.of("7"), null)),
                                List.of(),
                                List.of()),
                        TaskManagerSpread.of(TaskManagerSpread.ZONES, null));

        assertThat(Violations.of(with(policy))).isEmpty();
    }

    @Test
    void reportsBadPlacementsWithTheirPaths() {
        SchedulingPolicy policy =
                new SchedulingPolicy(
                        new PodPlacement(
                                Map.of("bad key!", "x", "pool", "not a value"),
                                List.of(
                                        new NodeRequirement("zone", "Near", List.of("a"), null),
                                        new NodeRequirement("zone", "In", List.of(), 5)),
                                List.of(
                                        new NodeRequirement("gpu", "Exists", List.of("yes"), 0),
                                        new NodeRequirement("cpus", "Lt", List.of("many"), null)),
                                List.of(),
                                "Not_A_Name",
                                null),
                        null,
                        new PodPlacement(
                                null,
                                null,
                                null,
                                List.of(
                                        new TolerationSpec(null, "Equal", "x", null, null),
                                        new TolerationSpec("k", "Exists", "v", "NoRun", null),
                                        new TolerationSpec("k", "Near", null, "NoSchedule", 60L)),
                                null,
                                "My Scheduler"),
                        null);

        assertThat(Violations.of(with(policy)))
                .containsExactly(
                        "scheduling.common.nodeSelector['bad key!']: key must be a qualified name:"
                                + " an optional DNS-1123 subdomain prefix and '/', then at most 63"
                                + " characters matching ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9],"
                                + " was 'bad key!'",
                        "scheduling.common.nodeSelector['pool']: must be empty or at most 63"
                                + " characters matching ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9],"
                                + " was 'not a value'",
                        "scheduling.common.requiredNodeAffinity[0].operator: must be one of [In,"
                                + " NotIn, Exists, DoesNotExist, Gt, Lt], was 'Near'",
                        "scheduling.common.requiredNodeAffinity[1].values: must have at least one"
                                + " value for In, was []",
                        "scheduling.common.requiredNodeAffinity[1].weight: applies to"
                                + " preferredNodeAffinity only; remove it, was 5",
                        "scheduling.common.preferredNodeAffinity[0].values: must be empty for"
                                + " Exists, was [yes]",
                        "scheduling.common.preferredNodeAffinity[0].weight: must be 1 to 100, was"
                                + " 0",
                        "scheduling.common.preferredNodeAffinity[1].values: must be one integer"
                                + " for Lt, was [many]",
                        "scheduling.common.priorityClassName: must be a DNS-1123 subdomain"
                                + " (lower-case alphanumerics, '-' and '.', starting and ending"
                                + " with an alphanumeric) of at most 253 characters, was"
                                + " 'Not_A_Name'",
                        "scheduling.taskManager.tolerations[0].key: must be set unless operator is"
                                + " Exists",
                        "scheduling.taskManager.tolerations[1].value: must be empty when operator"
                                + " is Exists, was 'v'",
                        "scheduling.taskManager.tolerations[1].effect: must be unset (every effect)"
                                + " or one of [NoSchedule, PreferNoSchedule, NoExecute], was"
                                + " 'NoRun'",
                        "scheduling.taskManager.tolerations[2].operator: must be one of [Equal,"
                                + " Exists], was 'Near'",
                        "scheduling.taskManager.tolerations[2].tolerationSeconds: applies to effect"
                                + " NoExecute only, was 60",
                        "scheduling.taskManager.schedulerName: must be a DNS-1123 subdomain"
                                + " (lower-case alphanumerics, '-' and '.', starting and ending"
                                + " with an alphanumeric) of at most 253 characters, was 'My"
                                + " Scheduler'");
    }

    @Test
    void reportsASpreadsFieldsThatItsMethodDoesNotUse() {
        assertThat(
                        Violations.of(
                                with(
                                        SchedulingPolicy.none()
                                                .withSpread(
                                                        new TaskManagerSpread(
                                                                "nodes",
                                                                SpreadMethod
                                                                        .PREFERRED_ANTI_AFFINITY,
                                                                "DoNotSchedule",
                                                                2)))))
                .containsExactly(
                        "scheduling.spread.whenUnsatisfiable: applies to method spread-constraint"
                                + " only (the method is preferred-anti-affinity), was"
                                + " 'DoNotSchedule'",
                        "scheduling.spread.maxSkew: applies to method spread-constraint only (the"
                                + " method is preferred-anti-affinity), was 2");
        assertThat(
                        Violations.of(
                                with(
                                        SchedulingPolicy.none()
                                                .withSpread(
                                                        new TaskManagerSpread(
                                                                "rack key", null, "Never", 0)))))
                .containsExactly(
                        "scheduling.spread.across: must be nodes, zones or a node label key; key"
                                + " must be a qualified name: an optional DNS-1123 subdomain prefix"
                                + " and '/', then at most 63 characters matching"
                                + " ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], was 'rack key'",
                        "scheduling.spread.whenUnsatisfiable: must be one of [DoNotSchedule,"
                                + " ScheduleAnyway], was 'Never'",
                        "scheduling.spread.maxSkew: must be >= 1, was 0");
    }

    @Test
    void aSpreadNeedsWhereToSpreadAcross() {
        assertThat(
                        Violations.of(
                                with(
                                        SchedulingPolicy.none()
                                                .withSpread(
                                                        new TaskManagerSpread(
                                                                null, null, null, null)))))
                .containsExactly(
                        "scheduling.spread.across: must be set: nodes, zones or a node label key"
                                + " such as topology.kubernetes.io/rack");
    }
}
