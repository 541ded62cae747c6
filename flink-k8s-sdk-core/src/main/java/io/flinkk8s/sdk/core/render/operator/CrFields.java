package io.flinkk8s.sdk.core.render.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.flinkk8s.sdk.core.internal.Canonicalizer;
import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.internal.Quantities;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.operator.crd.JobManagerSpec;
import io.flinkk8s.sdk.core.operator.crd.JobSpec;
import io.flinkk8s.sdk.core.operator.crd.Resource;
import io.flinkk8s.sdk.core.operator.crd.TaskManagerSpec;
import io.flinkk8s.sdk.core.render.FlinkConfigDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MemorySize.MemoryUnit;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The sections of a {@code FlinkDeployment}'s spec, as the typed parts of {@link
 * io.flinkk8s.sdk.core.operator.crd.FlinkDeploymentSpec}.
 */
final class CrFields {

    /** Largest first: a size is written in the largest unit that holds it exactly. */
    private static final List<MemoryUnit> UNITS =
            List.of(
                    MemoryUnit.TERA_BYTES,
                    MemoryUnit.GIGA_BYTES,
                    MemoryUnit.MEGA_BYTES,
                    MemoryUnit.KILO_BYTES);

    private static final String EPHEMERAL_STORAGE = "ephemeral-storage";

    private CrFields() {}

    /**
     * The config draft as {@code flinkConfiguration}: without the memory sizes (the operator writes
     * them from {@code resource.memory}) and, in application mode, without {@code
     * parallelism.default} (it writes that from {@code job.parallelism}).
     */
    static Map<String, String> flinkConfiguration(
            RenderContext ctx, FlinkConfigDraft config, boolean application) {
        FlinkConfigDraft c =
                config.without(JobManagerOptions.TOTAL_PROCESS_MEMORY)
                        .without(TaskManagerOptions.TOTAL_PROCESS_MEMORY);
        if (application) {
            c = c.without(CoreOptions.DEFAULT_PARALLELISM);
        }
        return ctx.flinkVersion().isAtLeast2()
                ? new TreeMap<>(c.asMap())
                : FlinkConfigFiles.withLegacyKeys(c.asMap());
    }

    /**
     * {@code replicas}, {@code resource} (operator 1.15) or {@code resources} (1.16 and later) and
     * {@code podTemplate} of the JobManager.
     */
    static JobManagerSpec jobManager(RenderContext ctx, Rendering in) {
        Resources r = ctx.spec().jobManager().resource();
        MemorySize memory = processSize(r, in.config(), JobManagerOptions.TOTAL_PROCESS_MEMORY);
        boolean requirements = writesRequirements(ctx);
        return new JobManagerSpec(
                ctx.spec().jobManager().replicas(),
                requirements ? null : resource(r, memory),
                requirements ? requirements(r, memory) : null,
                podTemplate(in, Component.JOB_MANAGER));
    }

    /**
     * {@code resource} and {@code podTemplate} of the TaskManagers, and {@code replicas} when
     * {@code withReplicas}.
     */
    static TaskManagerSpec taskManager(RenderContext ctx, Rendering in, boolean withReplicas) {
        Resources r = ctx.spec().taskManager().resource();
        MemorySize memory = processSize(r, in.config(), TaskManagerOptions.TOTAL_PROCESS_MEMORY);
        boolean requirements = writesRequirements(ctx);
        return new TaskManagerSpec(
                withReplicas ? ctx.spec().taskManager().replicas() : null,
                requirements ? null : resource(r, memory),
                requirements ? requirements(r, memory) : null,
                podTemplate(in, Component.TASK_MANAGER));
    }

    /** The {@code job} section; {@code parallelism} is the config draft's final value. */
    static JobSpec job(io.flinkk8s.sdk.core.spec.JobSpec job, FlinkConfigDraft config) {
        return new JobSpec(
                job.jarURI(),
                job.entryClass(),
                job.args(),
                config.get(CoreOptions.DEFAULT_PARALLELISM).orElse(null),
                job.upgradeMode().wireValue(),
                job.state().wireValue(),
                job.initialSavepointPath(),
                job.allowNonRestoredState(),
                null,
                null,
                null,
                null);
    }

    /** {@code ingress} as the operator's, or null when the spec has none. */
    static io.flinkk8s.sdk.core.operator.crd.IngressSpec ingress(IngressSpec ingress) {
        if (ingress == null) {
            return null;
        }
        List<IngressTLS> tls =
                ingress.tls().stream()
                        .map(
                                t ->
                                        new IngressTLSBuilder()
                                                .withHosts(t.hosts().isEmpty() ? null : t.hosts())
                                                .withSecretName(t.secretName())
                                                .build())
                        .toList();
        return new io.flinkk8s.sdk.core.operator.crd.IngressSpec(
                ingress.template(),
                ingress.className(),
                ingress.annotations(),
                ingress.labels(),
                tls.isEmpty() ? null : tls);
    }

    private static boolean writesRequirements(RenderContext ctx) {
        return ctx.spec().operator().version().writesResourceRequirements();
    }

    /** The config draft's process size, so that a user override counts, else the spec's. */
    private static MemorySize processSize(
            Resources r, FlinkConfigDraft config, ConfigOption<MemorySize> processSize) {
        return config.get(processSize).orElse(r.memory().toMemorySize());
    }

    /**
     * The operator 1.15 form: {@code cpu} (cores, a number), {@code memory} (in Flink's notation)
     * and {@code ephemeralStorage} (a Kubernetes quantity, which is how the operator parses it).
     */
    private static Resource resource(Resources r, MemorySize memory) {
        return new Resource(
                cores(r.cpu()),
                flinkNotation(memory),
                r.ephemeralStorage() == null ? null : r.ephemeralStorage().toQuantity().toString());
    }

    /**
     * The operator 1.16 form, Kubernetes requests: {@code cpu} and {@code memory} as canonical
     * quantities ({@code 500m}, {@code 1600Mi}: a binary quantity reads the same to the operator,
     * which tries Flink's notation first and then a Kubernetes quantity, and to Kubernetes), and
     * {@code ephemeral-storage} as both request and limit when set (as 1.15's {@code
     * ephemeralStorage}). No CPU or memory limits: the operator then leaves Flink's limit factors
     * at 1, so the limits equal the requests, as with 1.15's {@code resource}.
     */
    private static ResourceRequirements requirements(Resources r, MemorySize memory) {
        Map<String, Quantity> requests = new TreeMap<>();
        requests.put("cpu", Quantities.canonicalCpu(r.cpu().cores()));
        requests.put("memory", Quantities.canonicalBytes(memory.getBytes()));
        Map<String, Quantity> limits = new TreeMap<>();
        if (r.ephemeralStorage() != null) {
            Quantity storage = Canonicalizer.canonical(r.ephemeralStorage().toQuantity());
            requests.put(EPHEMERAL_STORAGE, storage);
            limits.put(EPHEMERAL_STORAGE, storage);
        }
        return new ResourceRequirementsBuilder()
                .withRequests(new LinkedHashMap<>(requests))
                .withLimits(limits.isEmpty() ? null : new LinkedHashMap<>(limits))
                .build();
    }

    /** The pod draft of {@code component} as the operator's pod template: metadata and spec. */
    private static Pod podTemplate(Rendering in, Component component) {
        PodTemplateSpec template = in.podDraft(component).toSharedTemplate();
        Pod pod = new Pod();
        pod.setApiVersion(null);
        pod.setKind(null);
        pod.setMetadata(template.getMetadata());
        pod.setSpec(template.getSpec());
        return pod;
    }

    /** Cores as a number ({@code 500m} is {@code 0.5}); whole ones are written as integers. */
    static Double cores(Cpu cpu) {
        return cpu.cores().doubleValue();
    }

    /**
     * {@code size} in the largest of Flink's units that holds it exactly, with the unit's short
     * name: {@code 1600m}, {@code 2g}; the form of the operator's examples, read by Flink's {@link
     * MemorySize#parse}, which the operator tries first.
     */
    static String flinkNotation(MemorySize size) {
        long bytes = size.getBytes();
        for (MemoryUnit unit : UNITS) {
            if (bytes != 0 && bytes % unit.getMultiplier() == 0) {
                return bytes / unit.getMultiplier() + unit.getUnits()[0];
            }
        }
        return bytes + MemoryUnit.BYTES.getUnits()[0];
    }
}
