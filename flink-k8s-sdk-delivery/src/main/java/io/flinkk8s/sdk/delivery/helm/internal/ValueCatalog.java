package io.flinkk8s.sdk.delivery.helm.internal;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The values a chart of a spec may offer, from its effective form: what people change per
 * environment (image, TaskManager replicas, resources, parallelism, autoscaling bounds, state
 * directories, Ingress host) and the release's namespace. Which of them the chart keeps is decided
 * by {@link TemplateDerivation}, by rendering.
 */
final class ValueCatalog {

    /** A memory value as the chart's helpers read it. */
    static final String MEMORY_PATTERN = "^[1-9][0-9]*(Mi|Gi|Ti)$";

    private static final String DIR_PATTERN =
            "^[A-Za-z][A-Za-z0-9+.-]*:/[^\\s'\"#{}\\[\\],&*!|>%@`]*$";

    private ValueCatalog() {}

    /** The values of {@code spec} (its effective form), helpers named after {@code chart}. */
    static List<ValueDefinition> of(FlinkDeploymentSpec spec, String chart) {
        List<ValueDefinition> values = new ArrayList<>();
        values.add(
                string(
                        ValueDefinition.NAMESPACE,
                        "",
                        spec.namespace(),
                        null,
                        "flink-k8s-sdk-probe",
                        "namespace"));
        values.add(
                string(
                        "image",
                        "the Flink image of the JobManager and the TaskManagers",
                        spec.image(),
                        null,
                        "probe.flink-k8s-sdk.invalid/probe:0",
                        "image"));
        Integer replicas = spec.taskManager().replicas();
        if (replicas != null) {
            values.add(
                    integer(
                            "taskManager.replicas",
                            "the number of TaskManagers",
                            replicas,
                            0,
                            List.of(replicas + 1, replicas - 1),
                            "taskManager",
                            "replicas"));
        }
        resources(values, spec, "jobManager", spec.jobManager().resource(), chart);
        resources(values, spec, "taskManager", spec.taskManager().resource(), chart);
        if (spec.job() != null) {
            values.add(parallelism(spec, replicas));
        }
        var autoscaling = spec.autoscaling();
        if (autoscaling != null && autoscaling.minTaskManagers() != null) {
            int min = autoscaling.minTaskManagers();
            values.add(
                    integer(
                            "autoscaling.minTaskManagers",
                            "the fewest TaskManagers autoscaling keeps",
                            min,
                            1,
                            List.of(min + 1, min - 1),
                            "autoscaling",
                            "minTaskManagers"));
        }
        if (autoscaling != null && autoscaling.maxTaskManagers() != null) {
            int max = autoscaling.maxTaskManagers();
            values.add(
                    integer(
                            "autoscaling.maxTaskManagers",
                            "the most TaskManagers autoscaling starts",
                            max,
                            1,
                            List.of(max + 1, max - 1),
                            "autoscaling",
                            "maxTaskManagers"));
        }
        var checkpointing = spec.checkpointing();
        if (checkpointing != null && checkpointing.checkpointDir() != null) {
            values.add(
                    string(
                            "checkpointing.checkpointDir",
                            "where checkpoints are written",
                            checkpointing.checkpointDir(),
                            DIR_PATTERN,
                            checkpointing.checkpointDir() + "-probe",
                            "checkpointing",
                            "checkpointDir"));
        }
        if (checkpointing != null && checkpointing.savepointDir() != null) {
            values.add(
                    string(
                            "checkpointing.savepointDir",
                            "where savepoints are written",
                            checkpointing.savepointDir(),
                            DIR_PATTERN,
                            checkpointing.savepointDir() + "-probe",
                            "checkpointing",
                            "savepointDir"));
        }
        if (spec.ingress() != null && spec.target() == RenderTarget.STANDALONE) {
            String host = plainHost(spec.ingress().template(), spec);
            if (host != null) {
                values.add(
                        string(
                                "ingress.host",
                                "the host the Ingress routes to the Flink web UI",
                                host,
                                "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$",
                                "probe.flink-k8s-sdk.invalid",
                                "ingress",
                                "template"));
            }
        }
        return values;
    }

    /** The host of an Ingress template that is a host only, placeholders replaced; else null. */
    private static String plainHost(String template, FlinkDeploymentSpec spec) {
        if (template == null) {
            return null;
        }
        String t =
                template.trim()
                        .replaceAll("(?i)\\{\\{name}}", spec.name())
                        .replaceAll("(?i)\\{\\{namespace}}", spec.namespace());
        return t.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") ? t : null;
    }

    private static void resources(
            List<ValueDefinition> values,
            FlinkDeploymentSpec spec,
            String component,
            Resources r,
            String chart) {
        if (r == null) {
            return;
        }
        String at = component + ".resources.";
        String name = component.equals("jobManager") ? "JobManager" : "TaskManager";
        if (r.cpu() != null && r.cpu().isParsable()) {
            BigDecimal cores = r.cpu().cores().stripTrailingZeros();
            Map<String, Object> schema = schema("number");
            schema.put("exclusiveMinimum", 0);
            schema.put("multipleOf", 0.001);
            String path = at + "cpu";
            String ref = ".Values." + path;
            List<Candidate> candidates =
                    List.of(
                            new Candidate(
                                    v -> TextNode.valueOf(k8sCpu(v.get(path))),
                                    "include \"" + chart + ".cpu\" " + ref + " | toJson",
                                    "include \"" + chart + ".cpu\" " + ref),
                            new Candidate(
                                    v -> DecimalNode.valueOf(decimal(v.get(path))), ref, ref));
            values.add(
                    new ValueDefinition(
                            path,
                            "the CPU cores of each " + name,
                            cores,
                            schema,
                            candidates,
                            List.of(cores.add(BigDecimal.ONE)),
                            set(component, "resource", "cpu")));
        }
        if (r.memory() != null && r.memory().isParsable()) {
            values.add(memory(at + "memory", name, r.memory(), chart, component));
        }
    }

    private static ValueDefinition memory(
            String path, String name, Memory memory, String chart, String component) {
        Map<String, Object> schema = schema("string");
        schema.put("pattern", MEMORY_PATTERN);
        String ref = ".Values." + path;
        List<Candidate> candidates =
                List.of(
                        memoryCandidate(path, chart + ".k8sMemory", ref, ValueCatalog::k8sMemory),
                        memoryCandidate(
                                path, chart + ".flinkMemory", ref, ValueCatalog::flinkMemory),
                        memoryCandidate(
                                path, chart + ".shortMemory", ref, ValueCatalog::shortMemory));
        String probe = k8sMemory((memory.bytes() / (1 << 20) + 1024) + "Mi");
        return new ValueDefinition(
                path,
                "the memory of each " + name + "'s process and container (Mi, Gi or Ti)",
                k8sMemory(memory.value()),
                schema,
                candidates,
                List.of(probe),
                set(component, "resource", "memory"));
    }

    private static Candidate memoryCandidate(
            String path,
            String helper,
            String ref,
            java.util.function.UnaryOperator<String> format) {
        String include = "include \"" + helper + "\" " + ref;
        return new Candidate(
                v -> TextNode.valueOf(format.apply((String) v.get(path))),
                include + " | toJson",
                include);
    }

    /** The canonical Kubernetes quantity: {@code 2Gi}, {@code 1600Mi}. */
    private static String k8sMemory(String value) {
        return Memory.parse(value).toQuantity().toString();
    }

    /** Flink's {@code MemorySize} text: {@code 2 gb}, {@code 1600 mb}. */
    private static String flinkMemory(String value) {
        return Memory.parse(value).toMemorySize().toString();
    }

    /**
     * Flink's short notation, as the operator's {@code resource.memory}: {@code 2g}, {@code 1600m}.
     */
    private static String shortMemory(String value) {
        long bytes = Memory.parse(value).bytes();
        String[] units = {"t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            long multiplier = 1L << (10 * (units.length - i));
            if (bytes % multiplier == 0) {
                return bytes / multiplier + units[i];
            }
        }
        return bytes + "b";
    }

    private static ValueDefinition parallelism(FlinkDeploymentSpec spec, Integer replicas) {
        Integer given = spec.job().parallelism();
        int slots = spec.taskManager().taskSlots() == null ? 1 : spec.taskManager().taskSlots();
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("description", "the job's parallelism");
        String ref = ".Values.parallelism";
        String derived;
        if (given == null && replicas != null) {
            schema.put("type", List.of("integer", "null"));
            derived =
                    "("
                            + ref
                            + " | default (mul (int .Values.taskManager.replicas) "
                            + slots
                            + "))";
        } else {
            schema.put("type", "integer");
            derived = ref;
        }
        schema.put("minimum", 1);
        BiConsumer<ObjectNode, Object> apply =
                (json, v) -> {
                    ObjectNode job = (ObjectNode) json.get("job");
                    if (v == null) {
                        job.remove("parallelism");
                    } else {
                        job.put("parallelism", (Integer) v);
                    }
                };
        List<Candidate> candidates =
                intCandidates(
                        v -> {
                            Object p = v.get("parallelism");
                            if (p != null) {
                                return (Integer) p;
                            }
                            Object r = v.get("taskManager.replicas");
                            return r == null ? null : (Integer) r * slots;
                        },
                        derived);
        List<Object> probes = given == null ? List.of(1, 2) : List.of(given - 1, given + 1);
        return new ValueDefinition(
                "parallelism",
                "the job's parallelism"
                        + (given == null
                                ? " (null: TaskManager replicas × " + slots + " slots)"
                                : ""),
                given,
                schema,
                candidates,
                probes,
                apply);
    }

    private static ValueDefinition integer(
            String path,
            String description,
            int value,
            int minimum,
            List<Object> probes,
            String... field) {
        Map<String, Object> schema = schema("integer");
        schema.put("minimum", minimum);
        return new ValueDefinition(
                path,
                description,
                value,
                schema,
                intCandidates(v -> (Integer) v.get(path), ".Values." + path),
                probes,
                set(field));
    }

    private static List<Candidate> intCandidates(
            java.util.function.Function<Map<String, Object>, Integer> eval, String ref) {
        return List.of(
                new Candidate(v -> IntNode.valueOf(eval.apply(v)), "int " + ref, "int " + ref),
                new Candidate(
                        v -> TextNode.valueOf(String.valueOf(eval.apply(v))),
                        "int " + ref + " | toString | toJson",
                        "int " + ref));
    }

    private static ValueDefinition string(
            String path,
            String description,
            String value,
            String pattern,
            String probe,
            String... field) {
        Map<String, Object> schema = schema("string");
        schema.put("minLength", 1);
        if (pattern != null) {
            schema.put("pattern", pattern);
        }
        String ref = path.equals(ValueDefinition.NAMESPACE) ? path : ".Values." + path;
        Candidate candidate =
                new Candidate(v -> TextNode.valueOf((String) v.get(path)), ref + " | toJson", ref);
        return new ValueDefinition(
                path, description, value, schema, List.of(candidate), List.of(probe), set(field));
    }

    private static Map<String, Object> schema(String type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        return schema;
    }

    /**
     * Sets the spec's JSON field at {@code field} (its last name the field, the others objects).
     */
    private static BiConsumer<ObjectNode, Object> set(String... field) {
        return (json, value) -> {
            ObjectNode node = json;
            for (int i = 0; i < field.length - 1; i++) {
                node = (ObjectNode) node.get(field[i]);
            }
            String last = field[field.length - 1];
            if (value instanceof Integer i) {
                node.put(last, i);
            } else if (value instanceof BigDecimal d) {
                node.put(last, d);
            } else {
                node.put(last, (String) value);
            }
        };
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(value));
    }

    private static String k8sCpu(Object value) {
        return Cpu.parse(decimal(value).toPlainString()).toQuantity().toString();
    }
}
