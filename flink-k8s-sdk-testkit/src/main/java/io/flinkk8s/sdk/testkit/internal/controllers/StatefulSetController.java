package io.flinkk8s.sdk.testkit.internal.controllers;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The StatefulSet controller: pods {@code <set>-0 .. <set>-(n-1)} labelled with {@code
 * controller-revision-hash}, {@code statefulset.kubernetes.io/pod-name} and {@code
 * apps.kubernetes.io/pod-index}, their PVCs from {@code volumeClaimTemplates} (bound by {@link
 * VolumeBinder}), created in order each after the previous is ready ({@code OrderedReady}) or all
 * at once ({@code Parallel}); scale-down from the highest ordinal; a template change replaces pods
 * from the highest ordinal down, one at a time, while the rest are ready; status counts and
 * revisions. A pod or claim the API server refuses (admission) leaves a Warning {@code
 * FailedCreate} Event on the set, worded as Kubernetes' controller words it, and the pod is tried
 * again on the next run.
 */
public final class StatefulSetController implements Controller {

    private static final String REVISION_LABEL = "controller-revision-hash";

    @Override
    public Set<String> watches() {
        return Set.of("statefulsets", "pods", "resourcequotas", "limitranges", "namespaces");
    }

    @Override
    public void reconcile(ControllerContext context) {
        for (StatefulSet set : context.api().list(StatefulSet.class)) {
            if (!Workloads.isDeleting(set)) {
                reconcile(context, set);
            }
        }
    }

    private static void reconcile(ControllerContext context, StatefulSet set) {
        String ns = set.getMetadata().getNamespace();
        String name = set.getMetadata().getName();
        String revision =
                name + "-" + Workloads.templateHash(context.api(), set.getSpec().getTemplate());
        boolean parallel = "Parallel".equals(set.getSpec().getPodManagementPolicy());
        int want = Workloads.replicas(set.getSpec().getReplicas());
        Map<Integer, Pod> pods = new HashMap<>();
        for (Pod p : context.api().list(Pod.class, ns)) {
            if (Workloads.isControlledBy(p, set) && !Workloads.isDeleting(p)) {
                pods.put(ordinal(p.getMetadata().getName(), name), p);
            }
        }
        boolean allReady = pods.values().stream().allMatch(Workloads::isReady);
        for (int i = 0; i < want; i++) {
            if (!pods.containsKey(i)) {
                if (parallel || allReadyBelow(pods, i)) {
                    Pod created = create(context, set, i, revision);
                    if (created == null) {
                        break;
                    }
                    pods.put(i, created);
                }
                if (!parallel) {
                    break;
                }
            }
        }
        for (int i = pods.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
                i >= want;
                i--) {
            Pod surplus = pods.remove(i);
            if (surplus != null) {
                context.api().delete(surplus, "Background");
                if (!parallel) {
                    break;
                }
            }
        }
        if (allReady && pods.size() == want) {
            replaceOneOutdated(context, pods, want, revision);
        }
        writeStatus(context, set, pods.values(), revision);
    }

    private static boolean allReadyBelow(Map<Integer, Pod> pods, int ordinal) {
        for (int i = 0; i < ordinal; i++) {
            if (!pods.containsKey(i) || !Workloads.isReady(pods.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static void replaceOneOutdated(
            ControllerContext context, Map<Integer, Pod> pods, int want, String revision) {
        for (int i = want - 1; i >= 0; i--) {
            Pod p = pods.get(i);
            if (!revision.equals(p.getMetadata().getLabels().get(REVISION_LABEL))) {
                context.api().delete(p, "Background");
                return;
            }
        }
    }

    private static Pod create(
            ControllerContext context, StatefulSet set, int ordinal, String revision) {
        String podName = set.getMetadata().getName() + "-" + ordinal;
        String ns = set.getMetadata().getNamespace();
        var template = set.getSpec().getTemplate();
        PodBuilder pod =
                new PodBuilder()
                        .withNewMetadata()
                        .withName(podName)
                        .withNamespace(ns)
                        .withLabels(
                                template.getMetadata() == null
                                        ? null
                                        : template.getMetadata().getLabels())
                        .addToLabels(REVISION_LABEL, revision)
                        .addToLabels("statefulset.kubernetes.io/pod-name", podName)
                        .addToLabels("apps.kubernetes.io/pod-index", String.valueOf(ordinal))
                        .withAnnotations(
                                template.getMetadata() == null
                                        ? null
                                        : template.getMetadata().getAnnotations())
                        .withOwnerReferences(Workloads.controllerRef(set))
                        .endMetadata()
                        .withSpec(template.getSpec())
                        .editSpec()
                        .withHostname(podName)
                        .withSubdomain(set.getSpec().getServiceName())
                        .endSpec();
        for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
            String claimName = claim.getMetadata().getName() + "-" + podName;
            if (context.api().get(PersistentVolumeClaim.class, ns, claimName) == null) {
                try {
                    context.api()
                            .create(
                                    new PersistentVolumeClaimBuilder(claim)
                                            .editMetadata()
                                            .withName(claimName)
                                            .withNamespace(ns)
                                            .endMetadata()
                                            .withStatus(null)
                                            .build(),
                                    Workloads.CONTROLLER_MANAGER);
                } catch (ApiError e) {
                    failedCreate(context, set, "Claim " + claimName + " for Pod " + podName, e);
                    return null;
                }
            }
            pod.editSpec()
                    .addNewVolume()
                    .withName(claim.getMetadata().getName())
                    .withNewPersistentVolumeClaim()
                    .withClaimName(claimName)
                    .endPersistentVolumeClaim()
                    .endVolume()
                    .endSpec();
        }
        Pod created;
        try {
            created = context.api().create(pod.build(), Workloads.CONTROLLER_MANAGER);
        } catch (ApiError e) {
            failedCreate(context, set, "Pod " + podName, e);
            return null;
        }
        context.recordEvent(
                set,
                "Normal",
                "SuccessfulCreate",
                "create Pod "
                        + podName
                        + " in StatefulSet "
                        + set.getMetadata().getName()
                        + " successful");
        return created;
    }

    /**
     * A FailedCreate Warning Event on {@code set}, worded as Kubernetes' StatefulSet controller
     * words it: "create {@code what} in StatefulSet name failed error: cause".
     */
    private static void failedCreate(
            ControllerContext context, StatefulSet set, String what, ApiError e) {
        context.recordEvent(
                set,
                "Warning",
                "FailedCreate",
                "create "
                        + what
                        + " in StatefulSet "
                        + set.getMetadata().getName()
                        + " failed error: "
                        + e.getMessage());
    }

    private static int ordinal(String podName, String setName) {
        try {
            return Integer.parseInt(podName.substring(setName.length() + 1));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static void writeStatus(
            ControllerContext context,
            StatefulSet set,
            java.util.Collection<Pod> pods,
            String revision) {
        int ready = (int) pods.stream().filter(Workloads::isReady).count();
        List<Pod> updated =
                pods.stream()
                        .filter(
                                p ->
                                        revision.equals(
                                                p.getMetadata().getLabels().get(REVISION_LABEL)))
                        .toList();
        boolean done = updated.size() == pods.size();
        StatefulSetStatus status =
                new StatefulSetStatusBuilder()
                        .withReplicas(pods.size())
                        .withReadyReplicas(ready)
                        .withAvailableReplicas(ready)
                        .withCurrentReplicas(done ? pods.size() : pods.size() - updated.size())
                        .withUpdatedReplicas(updated.size())
                        .withCurrentRevision(
                                done
                                        ? revision
                                        : set.getStatus() == null
                                                ? revision
                                                : set.getStatus().getCurrentRevision())
                        .withUpdateRevision(revision)
                        .withObservedGeneration(set.getMetadata().getGeneration())
                        .build();
        if (!Objects.equals(status, set.getStatus())) {
            context.api().updateStatus(new StatefulSetBuilder(set).withStatus(status).build());
        }
    }
}
