package io.flinkk8s.sdk.testkit.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ReplicaSet controller: keeps {@code spec.replicas} pods per ReplicaSet, named {@code
 * <replicaset>-<5 chars>}, labelled from the template and owned by the ReplicaSet; removes surplus
 * pods unscheduled first, then not-ready, then newest; writes the status counts.
 */
public final class ReplicaSetController implements Controller {

    @Override
    public Set<String> watches() {
        return Set.of("replicasets", "pods");
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<Pod> pods = context.api().list(Pod.class);
        for (ReplicaSet rs : context.api().list(ReplicaSet.class)) {
            if (Workloads.isDeleting(rs)) {
                continue;
            }
            List<Pod> owned =
                    pods.stream()
                            .filter(
                                    p ->
                                            Workloads.isControlledBy(p, rs)
                                                    && !Workloads.isDeleting(p))
                            .toList();
            int want = Workloads.replicas(rs.getSpec().getReplicas());
            if (owned.size() < want) {
                for (int i = owned.size(); i < want; i++) {
                    create(context, rs);
                }
                owned =
                        context.api().list(Pod.class, rs.getMetadata().getNamespace()).stream()
                                .filter(p -> Workloads.isControlledBy(p, rs))
                                .toList();
            } else if (owned.size() > want) {
                List<Pod> surplus =
                        owned.stream().sorted(deletionOrder()).limit(owned.size() - want).toList();
                surplus.forEach(p -> context.api().delete(p, "Background"));
                owned = owned.stream().filter(p -> !surplus.contains(p)).toList();
            }
            writeStatus(context, rs, owned);
        }
    }

    private static void create(ControllerContext context, ReplicaSet rs) {
        var template = rs.getSpec().getTemplate();
        Pod pod =
                new PodBuilder()
                        .withNewMetadata()
                        .withGenerateName(rs.getMetadata().getName() + "-")
                        .withNamespace(rs.getMetadata().getNamespace())
                        .withLabels(
                                template.getMetadata() == null
                                        ? null
                                        : template.getMetadata().getLabels())
                        .withAnnotations(
                                template.getMetadata() == null
                                        ? null
                                        : template.getMetadata().getAnnotations())
                        .withOwnerReferences(Workloads.controllerRef(rs))
                        .endMetadata()
                        .withSpec(template.getSpec())
                        .build();
        Pod created = context.api().create(pod, Workloads.CONTROLLER_MANAGER);
        context.recordEvent(
                rs,
                "Normal",
                "SuccessfulCreate",
                "Created pod: " + created.getMetadata().getName());
    }

    private static Comparator<Pod> deletionOrder() {
        return Comparator.comparing((Pod p) -> p.getSpec().getNodeName() != null)
                .thenComparing(Workloads::isReady)
                .thenComparing(
                        (Pod p) -> p.getMetadata().getCreationTimestamp(),
                        Comparator.reverseOrder())
                .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder());
    }

    private static void writeStatus(ControllerContext context, ReplicaSet rs, List<Pod> owned) {
        int ready = (int) owned.stream().filter(Workloads::isReady).count();
        ReplicaSetStatus status =
                new ReplicaSetStatusBuilder()
                        .withReplicas(owned.size())
                        .withFullyLabeledReplicas(owned.size())
                        .withReadyReplicas(ready)
                        .withAvailableReplicas(ready)
                        .withObservedGeneration(rs.getMetadata().getGeneration())
                        .build();
        if (!Objects.equals(status, rs.getStatus())) {
            context.api().updateStatus(new ReplicaSetBuilder(rs).withStatus(status).build());
        }
    }
}
