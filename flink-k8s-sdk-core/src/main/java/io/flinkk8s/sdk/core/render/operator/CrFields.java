package io.flinkk8s.sdk.core.render.operator;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.FlinkConfigDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import java.math.BigDecimal;
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
 * The sections of a {@code FlinkDeployment}'s spec, as the plain maps and values the CRD's schema
 * describes: strings, numbers, booleans, lists and maps, in a fixed order.
 */
final class CrFields {

    // Configured once in its constructor and never changed: safe to share.
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Largest first: a size is written in the largest unit that holds it exactly. */
    private static final List<MemoryUnit> UNITS =
            List.of(
                    MemoryUnit.TERA_BYTES,
                    MemoryUnit.GIGA_BYTES,
                    MemoryUnit.MEGA_BYTES,
                    MemoryUnit.KILO_BYTES);

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

    /** {@code replicas}, {@code resource} and {@code podTemplate} of the JobManager. */
    static Map<String, Object> jobManager(RenderContext ctx, Rendering in) {
        Map<String, Object> jm = new LinkedHashMap<>();
        jm.put("replicas", ctx.spec().jobManager().replicas());
        jm.put(
                "resource",
                resource(
                        ctx.spec().jobManager().resource(),
                        in.config(),
                        JobManagerOptions.TOTAL_PROCESS_MEMORY));
        jm.put("podTemplate", podTemplate(in, Component.JOB_MANAGER));
        return jm;
    }

    /**
     * {@code resource} and {@code podTemplate} of the TaskManagers, and {@code replicas} when
     * {@code withReplicas}.
     */
    static Map<String, Object> taskManager(RenderContext ctx, Rendering in, boolean withReplicas) {
        Map<String, Object> tm = new LinkedHashMap<>();
        if (withReplicas) {
            tm.put("replicas", ctx.spec().taskManager().replicas());
        }
        tm.put(
                "resource",
                resource(
                        ctx.spec().taskManager().resource(),
                        in.config(),
                        TaskManagerOptions.TOTAL_PROCESS_MEMORY));
        tm.put("podTemplate", podTemplate(in, Component.TASK_MANAGER));
        return tm;
    }

    /** The {@code job} section; {@code parallelism} is the config draft's final value. */
    static Map<String, Object> job(JobSpec job, FlinkConfigDraft config) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("jarURI", job.jarURI());
        putIfSet(j, "entryClass", job.entryClass());
        if (!job.args().isEmpty()) {
            j.put("args", job.args());
        }
        putIfSet(j, "parallelism", config.get(CoreOptions.DEFAULT_PARALLELISM).orElse(null));
        j.put("upgradeMode", job.upgradeMode().wireValue());
        j.put("state", job.state().wireValue());
        putIfSet(j, "initialSavepointPath", job.initialSavepointPath());
        j.put("allowNonRestoredState", job.allowNonRestoredState());
        return j;
    }

    /**
     * {@code cpu} (cores, a number), {@code memory} (the config draft's process size, so a user
     * override counts, in Flink's notation) and {@code ephemeralStorage} (a Kubernetes quantity,
     * which is how the operator parses it).
     */
    private static Map<String, Object> resource(
            Resources r, FlinkConfigDraft config, ConfigOption<MemorySize> processSize) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("cpu", cores(r.cpu()));
        resource.put(
                "memory", flinkNotation(config.get(processSize).orElse(r.memory().toMemorySize())));
        if (r.ephemeralStorage() != null) {
            resource.put("ephemeralStorage", r.ephemeralStorage().toQuantity().toString());
        }
        return resource;
    }

    /** The pod draft of {@code component} as a generic map, fields in fabric8's order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> podTemplate(Rendering in, Component component) {
        return SERIALIZATION.convertValue(in.podDraft(component).toTemplate(), Map.class);
    }

    /** Whole cores as an integer ({@code 2}), others as a decimal ({@code 0.5}). */
    static Number cores(Cpu cpu) {
        BigDecimal cores = cpu.cores().stripTrailingZeros();
        if (cores.scale() <= 0) {
            try {
                return cores.intValueExact();
            } catch (ArithmeticException tooLarge) {
                return cores.doubleValue();
            }
        }
        return cores.doubleValue();
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

    /** Puts {@code value} unless it is null: an unset field is left out, never written null. */
    static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
