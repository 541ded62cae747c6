package io.flinkk8s.sdk.fluent;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import org.apache.flink.configuration.MemorySize;

/**
 * Builds the {@link TaskManagerSpec} part of a deployment: how many TaskManagers, slots each, and
 * their resources. Obtained in {@code FlinkDeploymentBuilder.taskManagers(tm -> ...)}; a {@code
 * Consumer<TaskManagerBuilder>} can be kept and reused as a sizing template.
 *
 * <p>Values are passed to the core record as given; the core validator judges them at {@code
 * build()} (so {@code memory("lots")} fails there, at {@code taskManager.resource.memory}). A
 * {@code null} object argument unsets the value.
 *
 * <p>Mutable and not thread-safe.
 */
public final class TaskManagerBuilder {

    private Integer replicas;
    private Integer taskSlots;
    private final ResourcesDraft resource;
    private PodTemplateSpec podTemplate;

    TaskManagerBuilder(TaskManagerSpec spec) {
        replicas = spec.replicas();
        taskSlots = spec.taskSlots();
        resource = new ResourcesDraft(spec.resource());
        podTemplate = spec.podTemplate();
    }

    /** Sets the number of TaskManager pods. */
    public TaskManagerBuilder replicas(int replicas) {
        this.replicas = replicas;
        return this;
    }

    /** Sets the task slots per TaskManager ({@code taskmanager.numberOfTaskSlots}). */
    public TaskManagerBuilder slots(int slots) {
        this.taskSlots = slots;
        return this;
    }

    /** Sets the CPU of each TaskManager in cores, e.g. {@code 2} or {@code 0.5}. */
    public TaskManagerBuilder cpu(double cores) {
        resource.cpu(ResourcesDraft.cores(cores));
        return this;
    }

    /** Sets the CPU of each TaskManager as a Kubernetes quantity, e.g. {@code "500m"}. */
    public TaskManagerBuilder cpu(String quantity) {
        resource.cpu(ResourcesDraft.cpu(quantity));
        return this;
    }

    /** Sets the CPU of each TaskManager from a fabric8 {@link Quantity}. */
    public TaskManagerBuilder cpu(Quantity quantity) {
        resource.cpu(ResourcesDraft.cpu(quantity));
        return this;
    }

    /**
     * Sets the process memory of each TaskManager ({@code taskmanager.memory.process.size}, also
     * the container's request and limit) in Flink's notation ({@code "8g"}, {@code "1600m"}: binary
     * units) or as a Kubernetes binary quantity ({@code "8Gi"}).
     */
    public TaskManagerBuilder memory(String size) {
        resource.memory(ResourcesDraft.memory(size));
        return this;
    }

    /** Sets the process memory of each TaskManager from a Flink {@link MemorySize}. */
    public TaskManagerBuilder memory(MemorySize size) {
        resource.memory(ResourcesDraft.memory(size));
        return this;
    }

    /**
     * Sets the process memory of each TaskManager from a fabric8 {@link Quantity}, with Kubernetes'
     * meaning: {@code 2G} is 2×10⁹ bytes (written as a byte count, because in Flink's notation
     * {@code 2G} would be 2 GiB).
     */
    public TaskManagerBuilder memory(Quantity quantity) {
        resource.memory(ResourcesDraft.memory(quantity));
        return this;
    }

    /** Sets the ephemeral storage request and limit, e.g. {@code "10Gi"}. */
    public TaskManagerBuilder ephemeralStorage(String size) {
        resource.ephemeralStorage(ResourcesDraft.memory(size));
        return this;
    }

    /** Sets the ephemeral storage request and limit from a fabric8 {@link Quantity}. */
    public TaskManagerBuilder ephemeralStorage(Quantity quantity) {
        resource.ephemeralStorage(ResourcesDraft.memory(quantity));
        return this;
    }

    /** Replaces CPU, memory and ephemeral storage at once; {@code null} unsets all three. */
    public TaskManagerBuilder resources(Resources resources) {
        resource.replace(resources);
        return this;
    }

    /**
     * Sets a TaskManager pod template, merged over the deployment's base template and under what
     * the SDK renders; it is copied. {@code null} removes it.
     */
    public TaskManagerBuilder podTemplate(PodTemplateSpec podTemplate) {
        this.podTemplate =
                podTemplate == null ? null : new PodTemplateSpecBuilder(podTemplate).build();
        return this;
    }

    TaskManagerSpec build() {
        return new TaskManagerSpec(replicas, taskSlots, resource.build(), podTemplate);
    }
}
