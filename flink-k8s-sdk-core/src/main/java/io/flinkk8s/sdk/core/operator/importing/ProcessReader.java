package io.flinkk8s.sdk.core.operator.importing;

import static io.flinkk8s.sdk.core.operator.importing.Document.at;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The operator's {@code jobManager} and {@code taskManager}: {@code replicas}, the 1.15 {@code
 * resource} or the 1.16 {@code resources} (Kubernetes requests and limits), and {@code
 * podTemplate}.
 */
final class ProcessReader {

    private static final String EPHEMERAL_STORAGE = "ephemeral-storage";

    private final KubernetesSerialization serialization;
    private final Document doc;
    private boolean requirements;

    ProcessReader(KubernetesSerialization serialization, Document doc) {
        this.serialization = serialization;
        this.doc = doc;
    }

    /** Whether a process was written with 1.16's {@code resources}. */
    boolean usesRequirements() {
        return requirements;
    }

    JobManagerSpec jobManager(JsonNode node, String path) {
        Process p = process(node, path);
        return new JobManagerSpec(p.replicas, p.resources, p.podTemplate);
    }

    TaskManagerSpec taskManager(JsonNode node, String path) {
        Process p = process(node, path);
        return new TaskManagerSpec(p.replicas, null, p.resources, p.podTemplate);
    }

    /** The fields both processes have. */
    private static final class Process {
        Integer replicas;
        Resources resources;
        PodTemplateSpec podTemplate;
    }

    private Process process(JsonNode node, String path) {
        Process p = new Process();
        Resources resource = null;
        Resources requests = null;
        String resourcePath = null;
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = at(path, f.getKey());
            switch (f.getKey()) {
                case "replicas" -> p.replicas = doc.integer(f.getValue(), at);
                case "resource" -> {
                    resource = resource(f.getValue(), at);
                    resourcePath = at;
                }
                case "resources" -> requests = requirements(f.getValue(), at);
                case "podTemplate" ->
                        p.podTemplate =
                                DeploymentReader.podTemplate(serialization, doc, f.getValue(), at);
                default -> doc.lost(at, "not a field of the operator's " + last(path));
            }
        }
        if (requests != null) {
            requirements = true;
            if (resource != null) {
                doc.lost(
                        resourcePath,
                        "the operator uses resources when both resource and resources are set");
            }
        }
        p.resources = requests != null ? requests : resource;
        return p;
    }

    /** 1.15's {@code resource}: {@code cpu} (cores), {@code memory}, {@code ephemeralStorage}. */
    private Resources resource(JsonNode node, String path) {
        Cpu cpu = null;
        Memory memory = null;
        Memory storage = null;
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = at(path, f.getKey());
            String text = doc.text(f.getValue(), at);
            switch (f.getKey()) {
                case "cpu" -> cpu = text == null ? null : Cpu.parse(text);
                case "memory" -> memory = text == null ? null : Memory.parse(text);
                case "ephemeralStorage" -> storage = text == null ? null : Memory.parse(text);
                default -> doc.lost(at, "not a field of the operator's resource");
            }
        }
        return new Resources(cpu, memory, storage);
    }

    /**
     * 1.16's {@code resources}: the requests of {@code cpu}, {@code memory} and {@code
     * ephemeral-storage}. The SDK's limits equal its requests, so a limit is carried over only when
     * it equals its request (or stands alone, which Kubernetes makes the request too).
     */
    private Resources requirements(JsonNode node, String path) {
        Map<String, String> requests = Map.of();
        Map<String, String> limits = Map.of();
        String requestsPath = at(path, "requests");
        String limitsPath = at(path, "limits");
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = at(path, f.getKey());
            switch (f.getKey()) {
                case "requests" -> requests = doc.stringMap(f.getValue(), at);
                case "limits" -> limits = doc.stringMap(f.getValue(), at);
                default -> doc.lost(at, "the spec has no field for it");
            }
        }
        for (String name : requests.keySet()) {
            if (!isModelled(name)) {
                doc.lost(at(requestsPath, name), "the spec requests only cpu, memory and storage");
            }
        }
        for (Map.Entry<String, String> limit : limits.entrySet()) {
            String name = limit.getKey();
            String request = requests.get(name);
            if (!isModelled(name)) {
                doc.lost(at(limitsPath, name), "the spec limits only cpu, memory and storage");
            } else if (request != null && !sameAmount(name, request, limit.getValue())) {
                doc.lost(
                        at(limitsPath, name),
                        "differs from its request ("
                                + request
                                + "); the spec's limit is its request");
            }
        }
        String cpu = requests.getOrDefault("cpu", limits.get("cpu"));
        String memory = requests.getOrDefault("memory", limits.get("memory"));
        String storage = requests.getOrDefault(EPHEMERAL_STORAGE, limits.get(EPHEMERAL_STORAGE));
        return new Resources(
                cpu == null ? null : Cpu.parse(cpu),
                memory == null ? null : Memory.parse(memory),
                storage == null ? null : Memory.parse(storage));
    }

    private static boolean isModelled(String resource) {
        return resource.equals("cpu")
                || resource.equals("memory")
                || resource.equals(EPHEMERAL_STORAGE);
    }

    private static boolean sameAmount(String resource, String a, String b) {
        try {
            if (resource.equals("cpu")) {
                return Cpu.parse(a).cores().compareTo(Cpu.parse(b).cores()) == 0;
            }
            return Memory.parse(a).bytes() == Memory.parse(b).bytes();
        } catch (IllegalArgumentException e) {
            return Objects.equals(a, b);
        }
    }

    private static String last(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
