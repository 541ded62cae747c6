package io.flinkk8s.sdk.core.spec;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.flinkk8s.sdk.core.internal.Copies;

/**
 * The TaskManagers: how many, how many slots each, their resources, and a pod template merged under
 * what the SDK renders, over the top-level one.
 *
 * @param replicas may be null: filled by {@link SpecDefaults} (1)
 * @param taskSlots {@code taskmanager.numberOfTaskSlots}; may be null: filled by {@link
 *     SpecDefaults} (1)
 * @param resource never null
 * @param podTemplate may be null: no TaskManager-specific template
 */
public record TaskManagerSpec(
        Integer replicas, Integer taskSlots, Resources resource, PodTemplateSpec podTemplate) {

    /**
     * Normalises: a null resource becomes {@link Resources#unset()}; the template is deep-copied.
     */
    public TaskManagerSpec {
        resource = resource == null ? Resources.unset() : resource;
        podTemplate = Copies.podTemplate(podTemplate);
    }

    /** No value set; {@link SpecDefaults} fills what is needed. */
    public static TaskManagerSpec unset() {
        return new TaskManagerSpec(null, null, null, null);
    }

    /** The pod template, deep-copied so that the spec stays immutable; may be null. */
    @Override
    public PodTemplateSpec podTemplate() {
        return Copies.podTemplate(podTemplate);
    }

    /** A copy with {@code replicas} replaced. */
    public TaskManagerSpec withReplicas(Integer replicas) {
        return new TaskManagerSpec(replicas, taskSlots, resource, podTemplate);
    }

    /** A copy with {@code taskSlots} replaced. */
    public TaskManagerSpec withTaskSlots(Integer taskSlots) {
        return new TaskManagerSpec(replicas, taskSlots, resource, podTemplate);
    }

    /** A copy with {@code resource} replaced. */
    public TaskManagerSpec withResource(Resources resource) {
        return new TaskManagerSpec(replicas, taskSlots, resource, podTemplate);
    }
}
