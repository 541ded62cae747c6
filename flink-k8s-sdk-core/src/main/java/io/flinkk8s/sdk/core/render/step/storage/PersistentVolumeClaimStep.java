package io.flinkk8s.sdk.core.render.step.storage;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.flinkk8s.sdk.core.internal.Quantities;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.storage.PersistentVolumeSpec;

/**
 * The PersistentVolumeClaim of {@code storage.volume}, for both targets: next to the workloads, or
 * next to the {@code FlinkDeployment}, whose pod templates mount it.
 *
 * <ul>
 *   <li><b>emits</b>: v1 PersistentVolumeClaim {@code ResourceNames.stateVolumeClaim()} with the
 *       common labels of {@link Component#STORAGE}, {@code accessModes} = [{@code accessMode}],
 *       {@code storageClassName} (unset: the cluster's default class) and {@code
 *       resources.requests.storage} = {@code size}. It holds state: prune and delete keep it unless
 *       asked ({@code DeployOptions.prunePersistentVolumeClaims}, {@code
 *       DeleteOptions.persistentVolumeClaims});
 *   <li><b>overwrites / merges</b>: nothing.
 * </ul>
 */
public final class PersistentVolumeClaimStep implements RenderStep {

    /** {@code persistent-volume-claim}. */
    public static final StepId ID = StepId.of("persistent-volume-claim");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only with {@code storage.volume}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().storage().volume() != null;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        PersistentVolumeSpec v = ctx.spec().storage().volume();
        PersistentVolumeClaim claim =
                new PersistentVolumeClaimBuilder()
                        .withMetadata(
                                ctx.metadata(ctx.names().stateVolumeClaim(), Component.STORAGE))
                        .withNewSpec()
                        .withAccessModes(v.accessMode())
                        .withStorageClassName(v.storageClassName())
                        .withNewResources()
                        .addToRequests("storage", Quantities.parse(v.size()))
                        .endResources()
                        .endSpec()
                        .build();
        return in.withAdoptedResource(claim);
    }
}
