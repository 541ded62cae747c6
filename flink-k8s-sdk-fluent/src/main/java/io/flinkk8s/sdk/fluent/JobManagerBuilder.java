package io.flinkk8s.sdk.fluent;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.Resources;
import org.apache.flink.configuration.MemorySize;

/**
 * Builds the {@link JobManagerSpec} part of a deployment: replicas and resources of the JobManager.
 * Obtained in {@code FlinkDeploymentBuilder.jobManager(jm -> ...)}.
 *
 * <p>Values are passed to the core record as given; the core validator judges them at {@code
 * build()} (so {@code memory("lots")} fails there, at {@code jobManager.resource.memory}). A {@code
 * null} object argument unsets the value.
 *
 * <p>Mutable and not thread-safe.
 */
public final class JobManagerBuilder {

    private Integer replicas;
    private final ResourcesDraft resource;
    private PodTemplateSpec podTemplate;

    JobManagerBuilder(JobManagerSpec spec) {
        replicas = spec.replicas();
        resource = new ResourcesDraft(spec.resource());
        podTemplate = spec.podTemplate();
    }

    /**
     * Sets the number of JobManager pods; more than one needs high availability, the others being
     * standbys.
     */
    public JobManagerBuilder replicas(int replicas) {
        this.replicas = replicas;
        return this;
    }

    /** Sets the CPU of the JobManager in cores, e.g. {@code 2} or {@code 0.5}. */
    public JobManagerBuilder cpu(double cores) {
        resource.cpu(ResourcesDraft.cores(cores));
        return this;
    }

    /** Sets the CPU of the JobManager as a Kubernetes quantity, e.g. {@code "500m"}. */
    public JobManagerBuilder cpu(String quantity) {
        resource.cpu(ResourcesDraft.cpu(quantity));
        return this;
    }

    /** Sets the CPU of the JobManager from a fabric8 {@link Quantity}. */
    public JobManagerBuilder cpu(Quantity quantity) {
        resource.cpu(ResourcesDraft.cpu(quantity));
        return this;
    }

    /**
     * Sets the process memory of the JobManager ({@code jobmanager.memory.process.size}, also the
     * container's request and limit) in Flink's notation ({@code "2g"}, {@code "1600m"}: binary
     * units) or as a Kubernetes binary quantity ({@code "2Gi"}).
     */
    public JobManagerBuilder memory(String size) {
        resource.memory(ResourcesDraft.memory(size));
        return this;
    }

    /** Sets the process memory of the JobManager from a Flink {@link MemorySize}. */
    public JobManagerBuilder memory(MemorySize size) {
        resource.memory(ResourcesDraft.memory(size));
        return this;
    }

    /**
     * Sets the process memory of the JobManager from a fabric8 {@link Quantity}, with Kubernetes'
     * meaning: {@code 2G} is 2×10⁹ bytes (written as a byte count, because in Flink's notation
     * {@code 2G} would be 2 GiB).
     */
    public JobManagerBuilder memory(Quantity quantity) {
        resource.memory(ResourcesDraft.memory(quantity));
        return this;
    }

    /** Sets the ephemeral storage request and limit, e.g. {@code "10Gi"}. */
    public JobManagerBuilder ephemeralStorage(String size) {
        resource.ephemeralStorage(ResourcesDraft.memory(size));
        return this;
    }

    /** Sets the ephemeral storage request and limit from a fabric8 {@link Quantity}. */
    public JobManagerBuilder ephemeralStorage(Quantity quantity) {
        resource.ephemeralStorage(ResourcesDraft.memory(quantity));
        return this;
    }

    /** Replaces CPU, memory and ephemeral storage at once; {@code null} unsets all three. */
    public JobManagerBuilder resources(Resources resources) {
        resource.replace(resources);
        return this;
    }

    /**
     * Sets a JobManager pod template, merged over the deployment's base template and under what the
     * SDK renders; it is copied. {@code null} removes it.
     */
    public JobManagerBuilder podTemplate(PodTemplateSpec podTemplate) {
        this.podTemplate =
                podTemplate == null ? null : new PodTemplateSpecBuilder(podTemplate).build();
        return this;
    }

    JobManagerSpec build() {
        return new JobManagerSpec(replicas, resource.build(), podTemplate);
    }
}
