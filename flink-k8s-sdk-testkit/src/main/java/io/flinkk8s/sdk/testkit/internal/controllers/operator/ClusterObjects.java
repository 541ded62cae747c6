package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.MemorySize;

/**
 * The Kubernetes objects of one Flink cluster as the operator has Flink create them, with their
 * names and labels: native mode as Flink's native Kubernetes integration does ({@code
 * KubernetesJobManagerFactory}: JobManager Deployment {@code <name>}, Services {@code <name>} and
 * {@code <name>-rest}, ConfigMap {@code flink-config-<name>}, TaskManager pods {@code
 * <name>-taskmanager-1-<n>}, labels {@code app}, {@code component}, {@code
 * type=flink-native-kubernetes}); standalone mode as the operator's {@code
 * StandaloneKubernetesJobManagerFactory} / {@code CmdStandaloneJobManagerDecorator} and {@code
 * StandaloneKubernetesUtils} (TaskManager Deployment {@code <name>-taskmanager}, {@code
 * type=flink-standalone-kubernetes}). Research §6.1. Pure: trees from the resource's spec.
 */
final class ClusterObjects {

    static final String MAIN_CONTAINER = "flink-main-container";
    static final String NATIVE_TYPE = "flink-native-kubernetes";
    static final String STANDALONE_TYPE = "flink-standalone-kubernetes";
    static final int REST_PORT = 8081;

    private static final YAMLMapper YAML = new YAMLMapper();

    private final JsonNode cr;
    private final JsonNode spec;
    private final String name;
    private final String namespace;
    private final boolean standalone;

    ClusterObjects(JsonNode cr) {
        this.cr = cr;
        this.spec = cr.path("spec");
        this.name = Trees.name(cr);
        this.namespace = Trees.namespace(cr);
        this.standalone = isStandalone(spec);
    }

    static boolean isStandalone(JsonNode spec) {
        return "standalone".equals(spec.path("mode").asText());
    }

    static String configMapName(String name) {
        return "flink-config-" + name;
    }

    static String taskManagerDeploymentName(String name) {
        return name + "-taskmanager";
    }

    String type() {
        return standalone ? STANDALONE_TYPE : NATIVE_TYPE;
    }

    /** The label selector of the TaskManager pods ({@code ReconciliationUtils}' form). */
    String taskManagerSelector() {
        return "component=taskmanager,app=" + name;
    }

    /**
     * TaskManagers the cluster runs: {@code taskManager.replicas} when set, else the job's
     * parallelism over the slots per TaskManager ({@code FlinkUtils#getNumTaskManagers}); a session
     * cluster in native mode starts none (Flink asks for them per job).
     */
    int taskManagers() {
        JsonNode replicas = spec.path("taskManager").path("replicas");
        if (replicas.isNumber()) {
            return replicas.asInt();
        }
        if (spec.path("job").isMissingNode() || spec.path("job").isNull()) {
            return standalone ? 1 : 0;
        }
        int parallelism = spec.path("job").path("parallelism").asInt(1);
        int slots =
                Integer.parseInt(
                        configuration().getOrDefault("taskmanager.numberOfTaskSlots", "1"));
        return Math.max(1, (parallelism + slots - 1) / Math.max(1, slots));
    }

    /** The spec's Flink configuration as flat keys. */
    Map<String, String> configuration() {
        return SpecChanges.flat(spec.path("flinkConfiguration"));
    }

    private ObjectNode labels(String component) {
        ObjectNode labels = Trees.object();
        labels.put("app", name);
        if (component != null) {
            labels.put("component", component);
        }
        labels.put("type", type());
        return labels;
    }

    private ObjectNode metadata(ObjectNode object, String objectName, String component) {
        ObjectNode meta = object.putObject("metadata");
        meta.put("name", objectName);
        meta.put("namespace", namespace);
        meta.set("labels", labels(component));
        return meta;
    }

    private static void ownedBy(ObjectNode meta, JsonNode owner, boolean controller) {
        ObjectNode ref = meta.putArray("ownerReferences").addObject();
        ref.put("apiVersion", Trees.text(owner, "apiVersion"));
        ref.put("kind", Trees.text(owner, "kind"));
        ref.put("name", Trees.name(owner));
        ref.put("uid", Trees.uid(owner));
        ref.put("controller", controller);
        ref.put("blockOwnerDeletion", true);
    }

    /**
     * The JobManager Deployment, owned by the resource and annotated with its generation (research
     * §3.4: "The JM Deployment is annotated with the CR generation").
     */
    ObjectNode jobManagerDeployment(String restorePath) {
        ObjectNode d = Trees.object();
        d.put("apiVersion", "apps/v1");
        d.put("kind", "Deployment");
        ObjectNode meta = metadata(d, name, "jobmanager");
        meta.putObject("annotations")
                .put(
                        "flinkdeployment.flink.apache.org/generation",
                        Trees.meta(cr).path("generation").asText("1"));
        ownedBy(meta, cr, true);
        ObjectNode s = d.putObject("spec");
        s.put("replicas", spec.path("jobManager").path("replicas").asInt(1));
        s.putObject("selector").set("matchLabels", labels("jobmanager"));
        s.putObject("strategy").put("type", "Recreate");
        s.set(
                "template",
                podTemplate(
                        "jobmanager",
                        spec.path("jobManager"),
                        jobManagerArgs(restorePath),
                        ports(true)));
        return d;
    }

    /** The standalone TaskManager Deployment {@code <name>-taskmanager}, owned by the resource. */
    ObjectNode taskManagerDeployment(int replicas) {
        ObjectNode d = Trees.object();
        d.put("apiVersion", "apps/v1");
        d.put("kind", "Deployment");
        ObjectNode meta = metadata(d, taskManagerDeploymentName(name), "taskmanager");
        ownedBy(meta, cr, true);
        ObjectNode s = d.putObject("spec");
        s.put("replicas", replicas);
        s.putObject("selector").set("matchLabels", labels("taskmanager"));
        s.set(
                "template",
                podTemplate(
                        "taskmanager",
                        spec.path("taskManager"),
                        List.of("taskmanager"),
                        ports(false)));
        return d;
    }

    /**
     * TaskManager pod number {@code index} of a native cluster, as Flink's resource manager creates
     * it ({@code <name>-taskmanager-1-<index>}, owned by the JobManager Deployment).
     */
    ObjectNode taskManagerPod(int index, JsonNode jobManagerDeployment) {
        ObjectNode template =
                podTemplate(
                        "taskmanager",
                        spec.path("taskManager"),
                        List.of("bash", "-c", "kubernetes-taskmanager.sh"),
                        ports(false));
        ObjectNode pod = Trees.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode meta = metadata(pod, name + "-taskmanager-1-" + index, "taskmanager");
        meta.setAll((ObjectNode) template.path("metadata"));
        ownedBy(meta, jobManagerDeployment, true);
        ObjectNode podSpec = (ObjectNode) template.path("spec");
        podSpec.put("restartPolicy", "Never");
        pod.set("spec", podSpec);
        return pod;
    }

    /**
     * The REST Service {@code <name>-rest}, as Flink's native mode builds it ({@code
     * ExternalServiceDecorator}): of the type {@code kubernetes.rest-service.exposed.type} names
     * ({@code ClusterIP}, its default), with the annotations of {@code
     * kubernetes.rest-service.annotations} ({@code key:value,key:value}).
     */
    ObjectNode restService(JsonNode jobManagerDeployment) {
        ObjectNode svc = service(name + "-rest", jobManagerDeployment);
        ObjectNode s = (ObjectNode) svc.path("spec");
        Map<String, String> conf = configuration();
        s.put("type", conf.getOrDefault("kubernetes.rest-service.exposed.type", "ClusterIP"));
        String annotations = conf.get("kubernetes.rest-service.annotations");
        if (annotations != null && !annotations.isBlank()) {
            ObjectNode a = ((ObjectNode) svc.path("metadata")).putObject("annotations");
            for (String entry : annotations.split(",")) {
                int colon = entry.indexOf(':');
                if (colon > 0) {
                    a.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
                }
            }
        }
        s.putArray("ports")
                .addObject()
                .put("name", "rest")
                .put("port", REST_PORT)
                .put("targetPort", REST_PORT);
        return svc;
    }

    /** The headless internal Service {@code <name>}: JobManager RPC and blob server. */
    ObjectNode internalService(JsonNode jobManagerDeployment) {
        ObjectNode svc = service(name, jobManagerDeployment);
        ObjectNode s = (ObjectNode) svc.path("spec");
        s.put("clusterIP", "None");
        ArrayNode ports = s.putArray("ports");
        ports.addObject().put("name", "jobmanager-rpc").put("port", 6123).put("targetPort", 6123);
        ports.addObject().put("name", "blobserver").put("port", 6124).put("targetPort", 6124);
        return svc;
    }

    private ObjectNode service(String serviceName, JsonNode owner) {
        ObjectNode svc = Trees.object();
        svc.put("apiVersion", "v1");
        svc.put("kind", "Service");
        ownedBy(metadata(svc, serviceName, null), owner, true);
        svc.putObject("spec").set("selector", labels("jobmanager"));
        return svc;
    }

    /**
     * The ConfigMap {@code flink-config-<name>}: the Flink configuration the operator builds
     * ({@code FlinkConfigBuilder}: the spec's, the cluster id and namespace, memory and CPU of the
     * resources, the job's main class, arguments, jar and restore path in native application mode)
     * as {@code config.yaml} (Flink 1.19 and later; {@code flink-conf.yaml} before), and the spec's
     * log configuration files. Owned by the JobManager Deployment.
     */
    ObjectNode configMap(String restorePath, JsonNode jobManagerDeployment) {
        ObjectNode cm = Trees.object();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        ownedBy(metadata(cm, configMapName(name), null), jobManagerDeployment, true);
        ObjectNode data = cm.putObject("data");
        Map<String, String> conf = new TreeMap<>(configuration());
        conf.put("kubernetes.cluster-id", name);
        conf.put("kubernetes.namespace", namespace);
        conf.put("high-availability.cluster-id", name);
        conf.putIfAbsent("kubernetes.rest-service.exposed.type", "ClusterIP");
        putMemory(conf, "jobmanager", spec.path("jobManager").path("resource"));
        putMemory(conf, "taskmanager", spec.path("taskManager").path("resource"));
        JsonNode job = spec.path("job");
        if (job.isObject()) {
            JsonNode parallelism = job.path("parallelism");
            if (parallelism.isNumber()) {
                conf.put("parallelism.default", parallelism.asText());
            }
            if (!standalone) {
                conf.put("execution.target", "kubernetes-application");
                putIfText(conf, "$internal.application.main", job.path("entryClass"));
                putIfText(conf, "pipeline.jars", job.path("jarURI"));
                List<String> args = new ArrayList<>();
                job.path("args").forEach(a -> args.add(a.asText()));
                if (!args.isEmpty()) {
                    conf.put("$internal.application.program-args", String.join(";", args));
                }
                if (restorePath != null) {
                    conf.put("execution.savepoint.path", restorePath);
                }
            }
        } else if (!standalone) {
            conf.put("execution.target", "kubernetes-session");
        }
        try {
            data.put(configFile(), YAML.writeValueAsString(conf));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Flink configuration that does not write", e);
        }
        spec.path("logConfiguration")
                .fields()
                .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return cm;
    }

    /** {@code config.yaml} from Flink 1.19 on, {@code flink-conf.yaml} before. */
    private String configFile() {
        String version = spec.path("flinkVersion").asText("v1_20");
        String[] parts = version.replace("v", "").split("_");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return major > 1 || minor >= 19 ? "config.yaml" : "flink-conf.yaml";
    }

    private static void putMemory(Map<String, String> conf, String component, JsonNode resource) {
        putIfText(conf, component + ".memory.process.size", resource.path("memory"));
        if (resource.path("cpu").isNumber()) {
            conf.put("kubernetes." + component + ".cpu", resource.path("cpu").asText());
        }
    }

    private static void putIfText(Map<String, String> conf, String key, JsonNode value) {
        if (value.isTextual() || value.isNumber()) {
            conf.put(key, value.asText());
        }
    }

    private List<String> jobManagerArgs(String restorePath) {
        JsonNode job = spec.path("job");
        boolean application = job.isObject();
        if (!standalone) {
            return List.of(
                    "bash",
                    "-c",
                    "kubernetes-jobmanager.sh "
                            + (application ? "kubernetes-application" : "kubernetes-session"));
        }
        if (!application) {
            return List.of("jobmanager");
        }
        List<String> args = new ArrayList<>(List.of("standalone-job"));
        if (job.path("entryClass").isTextual()) {
            args.add("--job-classname");
            args.add(job.path("entryClass").asText());
        }
        if (job.path("allowNonRestoredState").asBoolean(false)) {
            args.add("--allowNonRestoredState");
        }
        if (restorePath != null) {
            args.add("--fromSavepoint");
            args.add(restorePath);
        }
        job.path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private static ArrayNode ports(boolean jobManager) {
        ArrayNode ports = Trees.array();
        if (jobManager) {
            ports.addObject().put("name", "rest").put("containerPort", REST_PORT);
            ports.addObject().put("name", "jobmanager-rpc").put("containerPort", 6123);
            ports.addObject().put("name", "blobserver").put("containerPort", 6124);
        } else {
            ports.addObject().put("name", "taskmanager-rpc").put("containerPort", 6122);
        }
        return ports;
    }

    /**
     * A pod template: the spec's {@code podTemplate} with the component's over it (fields of the
     * component's pod spec win; containers and volumes merge by name), the component's labels, the
     * service account, and the main container with the image, args, ports and resources.
     */
    private ObjectNode podTemplate(
            String component, JsonNode componentSpec, List<String> args, ArrayNode ports) {
        ObjectNode template = Trees.object();
        ObjectNode meta = template.putObject("metadata");
        ObjectNode labels = meta.putObject("labels");
        mergeObject(labels, spec.path("podTemplate").path("metadata").path("labels"));
        mergeObject(labels, componentSpec.path("podTemplate").path("metadata").path("labels"));
        labels.setAll(labels(component));
        ObjectNode podSpec = template.putObject("spec");
        merge(podSpec, spec.path("podTemplate").path("spec"));
        merge(podSpec, componentSpec.path("podTemplate").path("spec"));
        if (spec.path("serviceAccount").isTextual()) {
            podSpec.put("serviceAccountName", spec.path("serviceAccount").asText());
        }
        ArrayNode containers =
                podSpec.get("containers") instanceof ArrayNode a
                        ? a
                        : podSpec.putArray("containers");
        ObjectNode main = (ObjectNode) Trees.find(containers, "name", MAIN_CONTAINER);
        if (main == null) {
            main = containers.insertObject(0);
            main.put("name", MAIN_CONTAINER);
        }
        putIfText(main, "image", spec.path("image"));
        putIfText(main, "imagePullPolicy", spec.path("imagePullPolicy"));
        ArrayNode argArray = main.putArray("args");
        args.forEach(argArray::add);
        main.set("ports", ports);
        JsonNode resources = resources(componentSpec);
        if (resources != null) {
            main.set("resources", resources);
        }
        ArrayNode volumes =
                podSpec.get("volumes") instanceof ArrayNode v ? v : podSpec.putArray("volumes");
        volumes.addObject()
                .put("name", "flink-config-volume")
                .putObject("configMap")
                .put("name", configMapName(name));
        ArrayNode mounts =
                main.get("volumeMounts") instanceof ArrayNode m ? m : main.putArray("volumeMounts");
        mounts.addObject().put("name", "flink-config-volume").put("mountPath", "/opt/flink/conf");
        return template;
    }

    private static void putIfText(ObjectNode into, String field, JsonNode value) {
        if (value.isTextual()) {
            into.put(field, value.asText());
        }
    }

    /**
     * The container resources of {@code resource} ({@code cpu}, Flink {@code memory}) as requests
     * and limits, or the 1.16 {@code resources} as given.
     */
    private static JsonNode resources(JsonNode componentSpec) {
        if (componentSpec.path("resources").isObject()) {
            return componentSpec.path("resources").deepCopy();
        }
        JsonNode resource = componentSpec.path("resource");
        if (!resource.isObject()) {
            return null;
        }
        ObjectNode amounts = Trees.object();
        if (resource.path("cpu").isNumber()) {
            amounts.put("cpu", resource.path("cpu").asText());
        }
        if (resource.path("memory").isTextual()) {
            amounts.put(
                    "memory",
                    MemorySize.parse(resource.path("memory").asText()).getMebiBytes() + "Mi");
        }
        ObjectNode result = Trees.object();
        result.set("requests", amounts);
        result.set("limits", amounts.deepCopy());
        return result;
    }

    private static void mergeObject(ObjectNode into, JsonNode from) {
        if (from.isObject()) {
            into.setAll((ObjectNode) from.deepCopy());
        }
    }

    /** Merges a pod spec over another: arrays of named items by name, other fields replaced. */
    private static void merge(ObjectNode into, JsonNode from) {
        if (!from.isObject()) {
            return;
        }
        from.fields()
                .forEachRemaining(
                        e -> {
                            JsonNode current = into.get(e.getKey());
                            if (current instanceof ArrayNode existing && e.getValue().isArray()) {
                                for (JsonNode item : e.getValue()) {
                                    JsonNode same =
                                            Trees.find(existing, "name", Trees.text(item, "name"));
                                    if (same instanceof ObjectNode sameObject) {
                                        sameObject.setAll((ObjectNode) item.deepCopy());
                                    } else {
                                        existing.add(item.deepCopy());
                                    }
                                }
                            } else {
                                into.set(e.getKey(), e.getValue().deepCopy());
                            }
                        });
    }
}
