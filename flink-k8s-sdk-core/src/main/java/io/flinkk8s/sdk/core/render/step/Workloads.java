package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.JobState;

/** The Deployment shape the JobManager and TaskManager workload steps share. */
final class Workloads {

    private Workloads() {}

    /**
     * The Deployment {@code name} of {@code component}'s pod draft with {@code replicas} (0 when
     * the job is suspended) and the update {@code strategy} type (null: Kubernetes' default).
     */
    static Deployment deployment(
            RenderContext ctx,
            Rendering in,
            Component component,
            String name,
            int replicas,
            String strategy) {
        DeploymentStrategy updates =
                strategy == null
                        ? null
                        : new DeploymentStrategyBuilder().withType(strategy).build();
        return new DeploymentBuilder()
                .withMetadata(StepSupport.metadata(ctx, name, component))
                .withNewSpec()
                .withReplicas(suspended(ctx) ? 0 : replicas)
                .withNewSelector()
                .withMatchLabels(ctx.labels().selector(component))
                .endSelector()
                .withStrategy(updates)
                .withTemplate(podTemplate(ctx, in, component))
                .endSpec()
                .build();
    }

    /** Whether the spec's job is suspended: both Deployments then run no pods. */
    static boolean suspended(RenderContext ctx) {
        return ctx.spec().job() != null && ctx.spec().job().state() == JobState.SUSPENDED;
    }

    private static PodTemplateSpec podTemplate(RenderContext ctx, Rendering in, Component c) {
        PodTemplateSpec draft = in.podDraft(c).toTemplate();
        PodSpec spec = draft.getSpec();
        boolean ha = ctx.spec().highAvailability().enabled();
        String serviceAccount =
                ctx.spec().serviceAccount() != null
                        ? ctx.spec().serviceAccount()
                        : ServiceAccountStep.needed(ctx)
                                ? ctx.names().serviceAccount()
                                : spec.getServiceAccountName();
        // The token gives the pod API access: only Kubernetes HA needs it (leader election and
        // job metadata in ConfigMaps), unless the pod template asks for it explicitly.
        Boolean automount = ha ? Boolean.TRUE : orFalse(spec.getAutomountServiceAccountToken());
        String configHash = FlinkConfigFiles.sha256(in.config().fileContent(ctx.flinkVersion()));
        return new PodTemplateSpecBuilder(draft)
                .editOrNewMetadata()
                .addToLabels(ctx.labels().common(c))
                .addToAnnotations(FlinkConfigMapStep.CONFIG_HASH_ANNOTATION, configHash)
                .endMetadata()
                .editSpec()
                .withServiceAccountName(serviceAccount)
                .withAutomountServiceAccountToken(automount)
                .endSpec()
                .build();
    }

    private static Boolean orFalse(Boolean b) {
        return b != null ? b : Boolean.FALSE;
    }
}
