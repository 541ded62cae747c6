package io.flinkk8s.sdk.core.spec;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.flinkk8s.sdk.core.internal.Copies;

/**
 * The JobManager: how many replicas (more than one only with HA: the others are standbys), its
 * resources, and a pod template merged under what the SDK renders, over the top-level one.
 *
 * @param replicas may be null: filled by {@link SpecDefaults} (1)
 * @param resource never null
 * @param podTemplate may be null: no JobManager-specific template
 */
public record JobManagerSpec(Integer replicas, Resources resource, PodTemplateSpec podTemplate) {

    /**
     * Normalises: a null resource becomes {@link Resources#unset()}; the template is deep-copied.
     */
    public JobManagerSpec {
        resource = resource == null ? Resources.unset() : resource;
        podTemplate = Copies.podTemplate(podTemplate);
    }

    /** No value set; {@link SpecDefaults} fills what is needed. */
    public static JobManagerSpec unset() {
        return new JobManagerSpec(null, null, null);
    }

    /** The pod template, deep-copied so that the spec stays immutable; may be null. */
    @Override
    public PodTemplateSpec podTemplate() {
        return Copies.podTemplate(podTemplate);
    }

    /** A copy with {@code replicas} replaced. */
    public JobManagerSpec withReplicas(Integer replicas) {
        return new JobManagerSpec(replicas, resource, podTemplate);
    }

    /** A copy with {@code resource} replaced. */
    public JobManagerSpec withResource(Resources resource) {
        return new JobManagerSpec(replicas, resource, podTemplate);
    }
}
