package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands a Deployment's {@code spec.replicas} to its HorizontalPodAutoscaler without a dip, by the
 * procedure the Kubernetes documentation gives for server-side apply ("Transferring ownership",
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/#transferring-ownership): when
 * the SDK's field manager stops applying a field it owned and no other manager owns it, the API
 * server removes it, and a Deployment's {@code replicas} falls back to its default of 1 until the
 * HPA writes it again. So before that apply, a body holding only {@code spec.replicas} at the live
 * value is applied by a second field manager, {@code <fieldManager>}{@value #SUFFIX}; the two
 * managers then share the field (same value: no conflict), the SDK's apply without it leaves the
 * field to the other one, and the HPA's first scaling takes it (a write that changes a value takes
 * the field from every manager), after which the temporary manager owns nothing and the API server
 * drops its entry.
 *
 * <p>A live count of 0 is the SDK's own suspension, which an HPA never scales out of: then the
 * count handed over is the HPA's {@code minReplicas}, applied with {@code force} (it differs from
 * the value the SDK's manager owns).
 */
final class ReplicaHandover {

    /** The suffix of the temporary field manager's name. */
    static final String SUFFIX = "-handover";

    /**
     * One handover to do before applying {@code object}.
     *
     * @param object the rendered Deployment, which leaves {@code spec.replicas} out
     * @param replicas the count to apply as the temporary manager
     * @param force whether to take the field from the SDK's manager (it holds another value)
     */
    record Step(Deployment object, int replicas, boolean force) {

        /** The temporary manager's applied configuration: identity and {@code spec.replicas}. */
        Deployment body() {
            return new DeploymentBuilder()
                    .withApiVersion(object.getApiVersion())
                    .withKind(object.getKind())
                    .withNewMetadata()
                    .withName(object.getMetadata().getName())
                    .withNamespace(object.getMetadata().getNamespace())
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(replicas)
                    .endSpec()
                    .build();
        }

        /** What the plan says about it. */
        Advisory advisory(String fieldManager) {
            return new Advisory(
                    "autoscaling",
                    "Deployment "
                            + object.getMetadata().getName()
                            + (force
                                    ? " starts at the HPA's minimum of " + replicas + " replicas"
                                    : " keeps its " + replicas + " replicas")
                            + ": the SDK stops applying spec.replicas and hands it to the"
                            + " HorizontalPodAutoscaler through field manager "
                            + fieldManager
                            + SUFFIX
                            + ", which owns it until the HPA first scales");
        }
    }

    private ReplicaHandover() {}

    /**
     * The handover {@code rendered} needs, if any: a Deployment that leaves {@code spec.replicas}
     * out while the live one has it and the SDK's manager ({@code fieldManager}, operation Apply)
     * owns it, so that the apply would remove it.
     *
     * @param desired everything rendered, for the HPA's minimum
     */
    static Optional<Step> needed(
            HasMetadata rendered,
            HasMetadata live,
            RenderedResources desired,
            String fieldManager) {
        if (!(rendered instanceof Deployment d)
                || d.getSpec() == null
                || d.getSpec().getReplicas() != null
                || !(live instanceof Deployment current)
                || current.getSpec() == null
                || current.getSpec().getReplicas() == null
                || !appliedBy(current, fieldManager)) {
            return Optional.empty();
        }
        int count = current.getSpec().getReplicas();
        if (count > 0) {
            return Optional.of(new Step(d, count, false));
        }
        return minimumOfHpaOn(d, desired).map(min -> new Step(d, min, true));
    }

    /** Whether {@code fieldManager}'s apply entry owns {@code spec.replicas} of {@code live}. */
    private static boolean appliedBy(HasMetadata live, String fieldManager) {
        List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
        if (entries == null) {
            return false;
        }
        for (ManagedFieldsEntry e : entries) {
            if (fieldManager.equals(e.getManager())
                    && "Apply".equals(e.getOperation())
                    && (e.getSubresource() == null || e.getSubresource().isEmpty())
                    && e.getFieldsV1() != null
                    && e.getFieldsV1().getAdditionalProperties().get("f:spec")
                            instanceof Map<?, ?> spec
                    && spec.containsKey("f:replicas")) {
                return true;
            }
        }
        return false;
    }

    /** The {@code minReplicas} of the rendered HPA that scales {@code object} (default 1). */
    private static Optional<Integer> minimumOfHpaOn(Deployment object, RenderedResources desired) {
        for (ResourceKey key : desired.keys()) {
            if (!key.kind().equals(ObjectKind.HORIZONTAL_POD_AUTOSCALER.kind())) {
                continue;
            }
            HorizontalPodAutoscaler hpa =
                    desired.find(HorizontalPodAutoscaler.class, key.name()).orElse(null);
            if (hpa != null
                    && hpa.getSpec() != null
                    && hpa.getSpec().getScaleTargetRef() != null
                    && object.getKind().equals(hpa.getSpec().getScaleTargetRef().getKind())
                    && object.getMetadata()
                            .getName()
                            .equals(hpa.getSpec().getScaleTargetRef().getName())) {
                HorizontalPodAutoscalerSpec spec = hpa.getSpec();
                return Optional.of(spec.getMinReplicas() == null ? 1 : spec.getMinReplicas());
            }
        }
        return Optional.empty();
    }
}
