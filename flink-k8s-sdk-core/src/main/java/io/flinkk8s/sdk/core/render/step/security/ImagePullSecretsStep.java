package io.flinkk8s.sdk.core.render.step.security;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.flinkk8s.sdk.core.internal.KubeLists;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import java.util.List;

/**
 * {@code security.imagePullSecrets} on both pods, for both targets (on the operator target they
 * reach the {@code FlinkDeployment}'s pod template, which the operator merges into the pods it
 * creates). Applies when the list is not empty.
 *
 * <ul>
 *   <li><b>merges</b>, by name: one {@code imagePullSecrets} entry per Secret, in the spec's order
 *       after the template's own; a template entry with the same name is kept in its place;
 *   <li><b>emits</b>: nothing; it only edits the pod drafts. The Secrets are the user's:
 *       referenced, never created or read.
 * </ul>
 */
public final class ImagePullSecretsStep implements RenderStep {

    /** {@code image-pull-secrets}. */
    public static final StepId ID = StepId.of("image-pull-secrets");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** When {@code security.imagePullSecrets} is not empty. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return !ctx.spec().security().imagePullSecrets().isEmpty();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        List<LocalObjectReference> refs =
                ctx.spec().security().imagePullSecrets().stream()
                        .map(LocalObjectReference::new)
                        .toList();
        Rendering out = in;
        for (Component c : List.of(Component.JOB_MANAGER, Component.TASK_MANAGER)) {
            out =
                    out.mapPod(
                            c,
                            draft ->
                                    draft.setOnPodSpec(
                                            spec ->
                                                    spec.setImagePullSecrets(
                                                            KubeLists.upsert(
                                                                    spec.getImagePullSecrets(),
                                                                    refs,
                                                                    LocalObjectReference
                                                                            ::getName))));
        }
        return out;
    }
}
