package io.flinkk8s.sdk.it;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;

/**
 * A custom render step of the kind a caller adds to the pipeline: it emits a PersistentVolumeClaim
 * {@code <name>-state} and a ConfigMap {@code <name>-extra}, both with the SDK's labels, so that a
 * later apply without the step has something to prune (and something it must not).
 */
final class ExtraObjectsStep implements RenderStep {

    static final StepId ID = StepId.of("extra-objects");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        String name = ctx.spec().name();
        String ns = ctx.spec().namespace();
        var pvc =
                new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName(name + "-state")
                        .withNamespace(ns)
                        .withLabels(ctx.labels().common(Component.TASK_MANAGER))
                        .endMetadata()
                        .withNewSpec()
                        .withAccessModes("ReadWriteOnce")
                        .withNewResources()
                        .addToRequests("storage", new Quantity("1Gi"))
                        .endResources()
                        .endSpec()
                        .build();
        var extra =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name + "-extra")
                        .withNamespace(ns)
                        .withLabels(ctx.labels().common(Component.CONFIG))
                        .endMetadata()
                        .addToData("k", "v")
                        .build();
        return in.withResource(pvc).withResource(extra);
    }
}
