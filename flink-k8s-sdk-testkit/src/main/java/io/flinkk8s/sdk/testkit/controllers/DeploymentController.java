package io.flinkk8s.sdk.testkit.controllers;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Deployment controller: one ReplicaSet per pod template ({@code <deployment>-<hash>}, with the
 * {@code pod-template-hash} label on it, its selector and its pods), scaled as the strategy says
 * (RollingUpdate with maxSurge/maxUnavailable, or Recreate), and the Deployment status: replicas,
 * updated/ready/available/unavailable counts, observedGeneration and the Available and Progressing
 * conditions.
 */
public final class DeploymentController implements Controller {

    /** The label and selector key that ties pods to the ReplicaSet of their template. */
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private static final String REVISION = "deployment.kubernetes.io/revision";

    private final TemplateHashes hashes = new TemplateHashes();

    @Override
    public Set<String> watches() {
        return Set.of("deployments", "replicasets");
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<ReplicaSet> all = context.api().list(ReplicaSet.class);
        List<Deployment> deployments = context.api().list(Deployment.class);
        Set<String> live = new HashSet<>();
        deployments.forEach(d -> live.add(d.getMetadata().getUid()));
        hashes.retain(live);
        for (Deployment d : deployments) {
            if (Workloads.isDeleting(d)) {
                continue;
            }
            List<ReplicaSet> owned =
                    new ArrayList<>(
                            all.stream().filter(rs -> Workloads.isControlledBy(rs, d)).toList());
            String hash = hashes.of(d, d.getSpec().getTemplate());
            if (!Boolean.TRUE.equals(d.getSpec().getPaused())) {
                ReplicaSet newRs = ensureNewReplicaSet(context, d, owned, hash);
                rollout(context, d, newRs, owned);
            }
            // The owned list already holds what this run created and scaled (a scale changes
            // no status), so it stands for a fresh list of the Deployment's namespace.
            String namespace = d.getMetadata().getNamespace();
            List<ReplicaSet> current =
                    owned.stream()
                            .filter(
                                    rs ->
                                            Objects.equals(
                                                    namespace, rs.getMetadata().getNamespace()))
                            .toList();
            writeStatus(context, d, current, hash);
        }
    }

    private static ReplicaSet ensureNewReplicaSet(
            ControllerContext context, Deployment d, List<ReplicaSet> owned, String hash) {
        for (ReplicaSet rs : owned) {
            if (hash.equals(
                    rs.getMetadata().getLabels() == null
                            ? null
                            : rs.getMetadata().getLabels().get(POD_TEMPLATE_HASH))) {
                return rs;
            }
        }
        int revision =
                owned.stream().mapToInt(DeploymentController::revisionOf).max().orElse(0) + 1;
        PodTemplateSpec template =
                new PodTemplateSpecBuilder(d.getSpec().getTemplate())
                        .editOrNewMetadata()
                        .addToLabels(POD_TEMPLATE_HASH, hash)
                        .endMetadata()
                        .build();
        ReplicaSet rs =
                new ReplicaSetBuilder()
                        .withNewMetadata()
                        .withName(d.getMetadata().getName() + "-" + hash)
                        .withNamespace(d.getMetadata().getNamespace())
                        .withLabels(template.getMetadata().getLabels())
                        .addToAnnotations(REVISION, String.valueOf(revision))
                        .withOwnerReferences(Workloads.controllerRef(d))
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(0)
                        .withMinReadySeconds(d.getSpec().getMinReadySeconds())
                        .withSelector(
                                new LabelSelectorBuilder(d.getSpec().getSelector())
                                        .addToMatchLabels(POD_TEMPLATE_HASH, hash)
                                        .build())
                        .withTemplate(template)
                        .endSpec()
                        .build();
        ReplicaSet created = context.api().create(rs, Workloads.CONTROLLER_MANAGER);
        owned.add(created);
        return created;
    }

    private static int revisionOf(ReplicaSet rs) {
        var annotations = rs.getMetadata().getAnnotations();
        return annotations == null ? 0 : Integer.parseInt(annotations.getOrDefault(REVISION, "0"));
    }

    private static void rollout(
            ControllerContext context, Deployment d, ReplicaSet newRs, List<ReplicaSet> owned) {
        int desired = Workloads.replicas(d.getSpec().getReplicas());
        List<ReplicaSet> old =
                owned.stream()
                        .filter(
                                rs ->
                                        !rs.getMetadata()
                                                .getUid()
                                                .equals(newRs.getMetadata().getUid()))
                        .sorted(Comparator.comparing(DeploymentController::revisionOf))
                        .toList();
        boolean recreate =
                d.getSpec().getStrategy() != null
                        && "Recreate".equals(d.getSpec().getStrategy().getType());
        int oldReplicas =
                old.stream().mapToInt(rs -> Workloads.count(rs.getSpec().getReplicas())).sum();
        if (recreate) {
            old.forEach(rs -> scale(context, d, rs, 0));
            int oldPods =
                    old.stream()
                            .mapToInt(
                                    rs ->
                                            rs.getStatus() == null
                                                    ? 0
                                                    : Workloads.count(rs.getStatus().getReplicas()))
                            .sum();
            if (oldReplicas == 0 && oldPods == 0) {
                scale(context, d, newRs, desired);
            }
            return;
        }
        if (oldReplicas == 0) {
            scale(context, d, newRs, desired);
            return;
        }
        RollingUpdateDeployment ru =
                d.getSpec().getStrategy() == null
                        ? null
                        : d.getSpec().getStrategy().getRollingUpdate();
        int maxSurge = Workloads.resolve(ru == null ? null : ru.getMaxSurge(), desired, true, 25);
        int maxUnavailable =
                Workloads.resolve(ru == null ? null : ru.getMaxUnavailable(), desired, false, 25);
        if (maxSurge == 0 && maxUnavailable == 0) {
            maxUnavailable = 1;
        }
        int newReplicas = Workloads.count(newRs.getSpec().getReplicas());
        int total = oldReplicas + newReplicas;
        if (total < desired + maxSurge && newReplicas < desired) {
            scale(context, d, newRs, Math.min(desired, newReplicas + desired + maxSurge - total));
            return;
        }
        scaleDownOld(context, d, newRs, old, desired - maxUnavailable);
    }

    /** Kubernetes' reconcileOldReplicaSets: unhealthy old pods first, then down to minAvailable. */
    private static void scaleDownOld(
            ControllerContext context,
            Deployment d,
            ReplicaSet newRs,
            List<ReplicaSet> old,
            int minAvailable) {
        int newReplicas = Workloads.count(newRs.getSpec().getReplicas());
        int allPods =
                newReplicas
                        + old.stream()
                                .mapToInt(rs -> Workloads.count(rs.getSpec().getReplicas()))
                                .sum();
        int maxScaledDown = allPods - minAvailable - (newReplicas - available(newRs));
        if (maxScaledDown <= 0) {
            return;
        }
        int cleaned = 0;
        for (ReplicaSet rs : old) {
            int replicas = Workloads.count(rs.getSpec().getReplicas());
            int unhealthy = replicas - available(rs);
            if (cleaned >= maxScaledDown || unhealthy <= 0) {
                continue;
            }
            int by = Math.min(maxScaledDown - cleaned, unhealthy);
            scale(context, d, rs, replicas - by);
            cleaned += by;
        }
        int availableNow =
                available(newRs) + old.stream().mapToInt(DeploymentController::available).sum();
        int toScaleDown = availableNow - minAvailable;
        for (ReplicaSet rs : old) {
            int replicas = Workloads.count(rs.getSpec().getReplicas());
            int by = Math.min(replicas, toScaleDown);
            if (by > 0) {
                scale(context, d, rs, replicas - by);
                toScaleDown -= by;
            }
        }
    }

    private static int available(ReplicaSet rs) {
        return rs.getStatus() == null ? 0 : Workloads.count(rs.getStatus().getAvailableReplicas());
    }

    private static void scale(
            ControllerContext context, Deployment d, ReplicaSet rs, int replicas) {
        int current = Workloads.count(rs.getSpec().getReplicas());
        if (current == replicas) {
            return;
        }
        ReplicaSet latest =
                context.api()
                        .get(
                                ReplicaSet.class,
                                rs.getMetadata().getNamespace(),
                                rs.getMetadata().getName());
        context.api()
                .update(
                        new ReplicaSetBuilder(latest)
                                .editSpec()
                                .withReplicas(replicas)
                                .endSpec()
                                .build(),
                        Workloads.CONTROLLER_MANAGER);
        rs.getSpec().setReplicas(replicas);
        context.recordEvent(
                d,
                "Normal",
                "ScalingReplicaSet",
                "Scaled "
                        + (replicas > current ? "up" : "down")
                        + " replica set "
                        + rs.getMetadata().getName()
                        + " from "
                        + current
                        + " to "
                        + replicas);
    }

    private static void writeStatus(
            ControllerContext context, Deployment d, List<ReplicaSet> owned, String hash) {
        int desired = Workloads.replicas(d.getSpec().getReplicas());
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        for (ReplicaSet rs : owned) {
            int pods = rs.getStatus() == null ? 0 : Workloads.count(rs.getStatus().getReplicas());
            replicas += pods;
            ready +=
                    rs.getStatus() == null ? 0 : Workloads.count(rs.getStatus().getReadyReplicas());
            available += available(rs);
            if (hash.equals(rs.getMetadata().getLabels().get(POD_TEMPLATE_HASH))) {
                updated += pods;
            }
        }
        RollingUpdateDeployment ru =
                d.getSpec().getStrategy() == null
                        ? null
                        : d.getSpec().getStrategy().getRollingUpdate();
        int maxUnavailable =
                Workloads.resolve(ru == null ? null : ru.getMaxUnavailable(), desired, false, 25);
        boolean complete = updated == desired && replicas == desired && available == desired;
        DeploymentStatus old = d.getStatus();
        String newRsName = d.getMetadata().getName() + "-" + hash;
        List<DeploymentCondition> conditions =
                List.of(
                        condition(
                                old,
                                "Available",
                                available >= desired - maxUnavailable,
                                available >= desired - maxUnavailable
                                        ? "MinimumReplicasAvailable"
                                        : "MinimumReplicasUnavailable",
                                "Deployment "
                                        + (available >= desired - maxUnavailable
                                                ? "has"
                                                : "does not have")
                                        + " minimum availability.",
                                context),
                        condition(
                                old,
                                "Progressing",
                                true,
                                complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                                "ReplicaSet \""
                                        + newRsName
                                        + "\" "
                                        + (complete
                                                ? "has successfully progressed."
                                                : "is progressing."),
                                context));
        DeploymentStatus status =
                new DeploymentStatusBuilder()
                        .withReplicas(replicas)
                        .withUpdatedReplicas(updated)
                        .withReadyReplicas(ready)
                        .withAvailableReplicas(available)
                        .withUnavailableReplicas(
                                Math.max(0, replicas - available) == 0
                                        ? null
                                        : Math.max(0, replicas - available))
                        .withObservedGeneration(d.getMetadata().getGeneration())
                        .withConditions(conditions)
                        .build();
        if (!Objects.equals(status, old)) {
            context.api().updateStatus(new DeploymentBuilder(d).withStatus(status).build());
        }
    }

    private static DeploymentCondition condition(
            DeploymentStatus old,
            String type,
            boolean value,
            String reason,
            String message,
            ControllerContext context) {
        DeploymentCondition previous =
                old == null || old.getConditions() == null
                        ? null
                        : old.getConditions().stream()
                                .filter(c -> c.getType().equals(type))
                                .findFirst()
                                .orElse(null);
        String status = value ? "True" : "False";
        String now = context.now().toString();
        if (previous != null
                && previous.getStatus().equals(status)
                && Objects.equals(previous.getReason(), reason)
                && Objects.equals(previous.getMessage(), message)) {
            return previous;
        }
        String transition =
                previous != null && previous.getStatus().equals(status)
                        ? previous.getLastTransitionTime()
                        : now;
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastUpdateTime(now)
                .withLastTransitionTime(transition)
                .build();
    }
}
