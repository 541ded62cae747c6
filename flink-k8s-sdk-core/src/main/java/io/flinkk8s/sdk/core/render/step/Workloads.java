package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.JobState;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Deployment shape the JobManager and TaskManager workload steps share. */
final class Workloads {

    private Workloads() {}

    /**
     * The Deployment {@code name} of {@code component}'s pod draft with {@code replicas} (0 when
     * the job is suspended; null leaves {@code spec.replicas} out, for an HPA to own) and the
     * update {@code strategy} type (null: Kubernetes' default).
     */
    static Deployment deployment(
            RenderContext ctx,
            Rendering in,
            Component component,
            String name,
            Integer replicas,
            String strategy) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(new LinkedHashMap<>(ctx.labels().selector(component)));
        DeploymentSpec spec = new DeploymentSpec();
        // replicas is null while an HPA owns the count
        spec.setReplicas(suspended(ctx) ? Integer.valueOf(0) : replicas);
        spec.setSelector(selector);
        if (strategy != null) {
            DeploymentStrategy updates = new DeploymentStrategy();
            updates.setType(strategy);
            spec.setStrategy(updates);
        }
        // The template shares the draft's containers and volumes: set it as is, and hand the
        // Deployment over without a copy (Rendering.withAdoptedResource); nobody changes either.
        spec.setTemplate(podTemplate(ctx, in, component));
        Deployment deployment = new Deployment();
        deployment.setMetadata(ctx.metadata(name, component));
        deployment.setSpec(spec);
        return deployment;
    }

    /** Whether the spec's job is suspended: both Deployments then run no pods. */
    static boolean suspended(RenderContext ctx) {
        return ctx.spec().job() != null && ctx.spec().job().state() == JobState.SUSPENDED;
    }

    private static PodTemplateSpec podTemplate(RenderContext ctx, Rendering in, Component c) {
        PodTemplateSpec draft = in.podDraft(c).toSharedTemplate();
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
        String configHash = in.config().fileSha256(ctx.flinkVersion());
        // The template's metadata and spec are this method's own copies, with maps of their own:
        // set their fields and put into their maps.
        ObjectMeta metadata = draft.getMetadata() != null ? draft.getMetadata() : new ObjectMeta();
        draft.setMetadata(metadata);
        metadata.setLabels(with(metadata.getLabels(), ctx.labels().pod(c)));
        metadata.setAnnotations(
                with(
                        metadata.getAnnotations(),
                        Map.of(FlinkConfigMapStep.CONFIG_HASH_ANNOTATION, configHash)));
        spec.setServiceAccountName(serviceAccount);
        spec.setAutomountServiceAccountToken(automount);
        return draft;
    }

    /** {@code map}, a template's own, with {@code additions} put in; a new one when null. */
    private static Map<String, String> with(
            Map<String, String> map, Map<String, String> additions) {
        Map<String, String> result = map == null ? new LinkedHashMap<>() : map;
        result.putAll(additions);
        return result;
    }

    private static Boolean orFalse(Boolean b) {
        return b != null ? b : Boolean.FALSE;
    }
}
