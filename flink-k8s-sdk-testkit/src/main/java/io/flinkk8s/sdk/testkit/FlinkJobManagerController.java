package io.flinkk8s.sdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.testkit.flink.internal.PodSecretFiles;
import io.flinkk8s.sdk.testkit.internal.controllers.Controller;
import io.flinkk8s.sdk.testkit.internal.controllers.ControllerContext;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import io.flinkk8s.sdk.testkit.internal.controllers.operator.FlinkAccess;
import io.flinkk8s.sdk.testkit.internal.server.DirectApi;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.flink.configuration.YamlParserUtils;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Puts Flink behind every JobManager the SDK rendered (a Deployment labelled component {@code
 * jobmanager}, managed by {@code flink-k8s-sdk}) or the Flink Kubernetes Operator created (labelled
 * {@code app}, {@code component: jobmanager} and {@code type: flink-native-kubernetes} or {@code
 * flink-standalone-kubernetes}, with the ConfigMap {@code flink-config-<name>}): starts a runtime
 * when one of its pods is Ready, stops it when that pod goes away or its container restarts, tells
 * it how many pods of the TaskManager Deployment are Ready, and serves the runtime's address for
 * the REST Service {@code <name>-rest} port {@value FlinkPorts#REST}. Records a {@code
 * FlinkStarted} / {@code FlinkStopped} event on the Deployment each time.
 */
final class FlinkJobManagerController
        implements Controller, ServiceBackendProvider, FlinkAccess, AutoCloseable {

    // YamlParserUtils' loader settings; immutable, so shared (a Load is made per parse)
    private static final LoadSettings FLINK_YAML =
            LoadSettings.builder().setSchema(new CoreSchema()).build();

    /**
     * The {@code type} labels of the Flink Kubernetes Operator's native and standalone clusters.
     */
    private static final Set<String> OPERATOR_TYPES =
            Set.of("flink-native-kubernetes", "flink-standalone-kubernetes");

    private final FlinkRuntimeSupply supply;
    private final Map<String, FlinkJobManager> jobManagers = new ConcurrentHashMap<>();

    FlinkJobManagerController(FlinkRuntimeSupply supply) {
        this.supply = supply;
    }

    /** The handle of a deployment's JobManager, created on first use. */
    FlinkJobManager jobManager(String namespace, String name) {
        return jobManagers.computeIfAbsent(
                namespace + "/" + name, k -> new FlinkJobManager(namespace, name, supply));
    }

    @Override
    public Optional<URI> runningRestAddress(String namespace, String name) {
        FlinkJobManager jm = jobManager(namespace, name);
        return jm.isRunning() ? Optional.of(jm.restAddress()) : Optional.empty();
    }

    @Override
    public List<JobSummary> runningJobs(String namespace, String name) {
        return jobManager(namespace, name).runningJobs();
    }

    @Override
    public Set<String> watches() {
        return Set.of("deployments", "pods");
    }

    @Override
    public void reconcile(ControllerContext context) {
        Set<FlinkJobManager> live = new HashSet<>();
        // one read of each namespace's pods per run: only read here, and nothing this run writes
        // changes a pod
        Map<String, List<JsonNode>> podsByNamespace = new HashMap<>();
        Function<String, List<JsonNode>> podsOf =
                ns ->
                        podsByNamespace.computeIfAbsent(
                                ns, n -> context.api().listJson(Pod.class, n));
        for (JsonNode d : context.api().listJson(Deployment.class, null)) {
            String instance = jobManagerInstance(d);
            if (instance == null || Trees.isDeleting(d)) {
                continue;
            }
            String namespace = Trees.namespace(d);
            FlinkJobManager jm = jobManager(namespace, instance);
            live.add(jm);
            reconcile(context, d, jm, podsOf.apply(namespace));
        }
        for (FlinkJobManager jm : jobManagers.values()) {
            if (!live.contains(jm)) {
                jm.stop();
            }
        }
    }

    private void reconcile(
            ControllerContext context,
            JsonNode d,
            FlinkJobManager jm,
            List<JsonNode> namespacePods) {
        jm.taskManagersReady(readyTaskManagers(context.api(), jm, namespacePods, d));
        List<JsonNode> pods = pods(namespacePods, d);
        String running = jm.podIncarnation();
        if (running != null && pods.stream().noneMatch(p -> incarnation(p).equals(running))) {
            jm.stop();
            context.recordEvent(
                    d,
                    "Normal",
                    "FlinkStopped",
                    "Flink runtime of pod "
                            + running.substring(0, running.indexOf('#'))
                            + " stopped");
        }
        if (jm.podIncarnation() != null) {
            return;
        }
        Optional<JsonNode> ready = pods.stream().filter(Trees::isPodReady).findFirst();
        if (ready.isPresent()) {
            JsonNode pod = ready.get();
            StandaloneJobArgs args = StandaloneJobArgs.parse(texts(mainContainer(pod).get("args")));
            Map<String, String> conf =
                    new TreeMap<>(flinkConfiguration(context.api(), jm, configMapName(d)));
            conf.putAll(args.dynamicProperties());
            args = nativeApplication(args, conf);
            String image = Trees.text(mainContainer(pod), "image");
            PodSecretFiles secrets =
                    PodSecretFiles.of(
                            pod,
                            mainContainer(pod),
                            secret -> context.api().getJson(Secret.class, jm.namespace(), secret));
            conf.putAll(secrets.options());
            try {
                String message = jm.start(incarnation(pod), image, conf, secrets.files(), args);
                context.recordEvent(
                        d, "Normal", "FlinkStarted", "pod " + Trees.name(pod) + ": " + message);
            } catch (FlinkK8sException e) {
                context.recordEvent(
                        d,
                        "Warning",
                        "FlinkFailed",
                        "pod " + Trees.name(pod) + ": Flink did not start: " + e.getMessage());
            }
        }
    }

    /**
     * A native application JobManager ({@code kubernetes-application}, as the Flink Kubernetes
     * Operator deploys one) reads its job from the configuration, not from its args: {@code
     * $internal.application.main}, {@code $internal.application.program-args} (joined with {@code
     * ;}) and {@code execution.savepoint.path}.
     */
    private static StandaloneJobArgs nativeApplication(
            StandaloneJobArgs args, Map<String, String> conf) {
        if (args.application() || !"kubernetes-application".equals(conf.get("execution.target"))) {
            return args;
        }
        String programArgs = conf.get("$internal.application.program-args");
        return new StandaloneJobArgs(
                true,
                conf.get("$internal.application.main"),
                conf.get("execution.savepoint.path"),
                programArgs == null || programArgs.isEmpty()
                        ? List.of()
                        : List.of(programArgs.split(";", -1)),
                Map.of());
    }

    /** The ready pods of the deployment's TaskManagers, if it has any. */
    private static int readyTaskManagers(
            DirectApi api, FlinkJobManager jm, List<JsonNode> namespacePods, JsonNode d) {
        if (operatorType(d) != null) {
            // the operator's TaskManager pods: a standalone Deployment's or native pods
            return (int)
                    namespacePods.stream()
                            .filter(p -> !Trees.isDeleting(p))
                            .filter(p -> jm.name().equals(Trees.label(p, "app")))
                            .filter(p -> "taskmanager".equals(Trees.label(p, "component")))
                            .filter(Trees::isPodReady)
                            .count();
        }
        JsonNode tms =
                api.getJson(
                        Deployment.class,
                        jm.namespace(),
                        ResourceNames.of(jm.name()).taskManagerDeployment());
        if (tms == null) {
            return 0;
        }
        return (int) pods(namespacePods, tms).stream().filter(Trees::isPodReady).count();
    }

    /** The Flink Kubernetes Operator's {@code type} label of a Flink cluster's objects, or null. */
    private static String operatorType(JsonNode object) {
        return isOperatorType(Trees.label(object, "type")) ? Trees.label(object, "type") : null;
    }

    private static boolean isOperatorType(String type) {
        return type != null && OPERATOR_TYPES.contains(type);
    }

    /**
     * The deployment name of a JobManager Deployment: the instance label of one the SDK rendered,
     * or the {@code app} label of one the Flink Kubernetes Operator (or the testkit's stand-in)
     * created, named like its resource; null for others.
     */
    private static String jobManagerInstance(JsonNode d) {
        if (operatorType(d) != null && "jobmanager".equals(Trees.label(d, "component"))) {
            String app = Trees.label(d, "app");
            return app != null && app.equals(Trees.name(d)) ? app : null;
        }
        if (!ResourceLabels.MANAGED_BY_VALUE.equals(Trees.label(d, ResourceLabels.MANAGED_BY))
                || !Component.JOB_MANAGER
                        .labelValue()
                        .equals(Trees.label(d, ResourceLabels.COMPONENT))) {
            return null;
        }
        String instance = Trees.label(d, ResourceLabels.INSTANCE);
        return instance != null
                        && ResourceNames.of(instance).jobManagerDeployment().equals(Trees.name(d))
                ? instance
                : null;
    }

    /**
     * The Deployment's live pods among its namespace's, oldest first (the leader when HA runs
     * standbys).
     */
    private static List<JsonNode> pods(List<JsonNode> namespacePods, JsonNode d) {
        JsonNode selector = d.path("spec").path("selector").get("matchLabels");
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return List.of();
        }
        return namespacePods.stream()
                .filter(p -> !Trees.isDeleting(p))
                .filter(p -> Trees.containsAll(Trees.meta(p).get("labels"), selector))
                .sorted(
                        Comparator.comparing(
                                        (JsonNode p) ->
                                                Trees.text(Trees.meta(p), "creationTimestamp"),
                                        Comparator.nullsFirst(Comparator.naturalOrder()))
                                .thenComparing(Trees::name))
                .toList();
    }

    /** A pod and the restarts of its main container: a new value is a new Flink process. */
    private static String incarnation(JsonNode pod) {
        String container = Trees.text(mainContainer(pod), "name");
        JsonNode status =
                Trees.find(pod.path("status").get("containerStatuses"), "name", container);
        int restarts = Trees.integer(status, "restartCount", 0);
        return Trees.name(pod) + "#" + Trees.uid(pod) + "#" + restarts;
    }

    private static JsonNode mainContainer(JsonNode pod) {
        JsonNode containers = pod.path("spec").path("containers");
        JsonNode main = Trees.find(containers, "name", FlinkPorts.MAIN_CONTAINER);
        return main != null ? main : containers.path(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        Trees.elements(array).forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The ConfigMap of a JobManager: the operator's {@code flink-config-<name>}, or the SDK's. */
    private static String configMapName(JsonNode d) {
        String instance = jobManagerInstance(d);
        return operatorType(d) != null
                ? "flink-config-" + instance
                : ResourceNames.of(instance).configMap();
    }

    /**
     * The Flink configuration file of the deployment's ConfigMap ({@code config.yaml} or {@code
     * flink-conf.yaml}), flattened to {@code key: value} strings; empty without one.
     */
    private static Map<String, String> flinkConfiguration(
            DirectApi api, FlinkJobManager jm, String configMap) {
        JsonNode cm = api.getJson(ConfigMap.class, jm.namespace(), configMap);
        JsonNode data = cm == null ? null : cm.get("data");
        String file = Trees.text(data, "config.yaml");
        if (file == null) {
            file = Trees.text(data, "flink-conf.yaml");
        }
        Map<String, String> flat = new TreeMap<>();
        if (file == null || file.isBlank()) {
            return flat;
        }
        try {
            flatten("", parseFlinkYaml(file), flat);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "the Flink configuration in ConfigMap "
                            + jm.namespace()
                            + "/"
                            + Trees.name(cm)
                            + " is not YAML",
                    e);
        }
        return flat;
    }

    /**
     * Parses a config file as a JobManager parses its config.yaml: with the settings of Flink's
     * YAML loader ({@code YamlParserUtils}: snakeyaml-engine's core schema), without loading that
     * class, which builds two YAML writers when it loads. A syntax error is reported by Flink's
     * loader itself, with its message (which leaves the offending text out).
     */
    static Object parseFlinkYaml(String file) {
        try {
            return new Load(FLINK_YAML).loadFromString(file);
        } catch (MarkedYamlEngineException e) {
            return YamlParserUtils.convertToObject(file, Object.class);
        }
    }

    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach(
                    (k, v) ->
                            flatten(
                                    prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k,
                                    v,
                                    into));
        } else if (value instanceof List<?> list) {
            into.put(prefix, String.join(";", list.stream().map(String::valueOf).toList()));
        } else if (value != null) {
            into.put(prefix, String.valueOf(value));
        }
    }

    @Override
    public Optional<ServicePortBackend> backendFor(Service service, ServicePort port) {
        Map<String, String> labels = service.getMetadata().getLabels();
        String instance =
                labels == null
                        ? null
                        : isOperatorType(labels.get("type"))
                                ? labels.get("app")
                                : labels.get(ResourceLabels.INSTANCE);
        if (instance == null
                || port.getPort() == null
                || port.getPort() != FlinkPorts.REST
                || !ResourceNames.of(instance)
                        .restService()
                        .equals(service.getMetadata().getName())) {
            return Optional.empty();
        }
        FlinkJobManager jm = jobManager(service.getMetadata().getNamespace(), instance);
        return Optional.of(jm::restAddress);
    }

    /** The Flink side of every JobManager, for the cluster dump; empty when there is none. */
    String describe() {
        if (jobManagers.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\nFlink:");
        jobManagers.values().stream()
                .sorted(
                        Comparator.comparing(FlinkJobManager::namespace)
                                .thenComparing(FlinkJobManager::name))
                .forEach(jm -> sb.append("\n  ").append(jm));
        return sb.append('\n').toString();
    }

    @Override
    public void close() {
        // each JobManager's own MiniCluster closes with it; a lent one is the caller's
        jobManagers.values().forEach(FlinkJobManager::stop);
    }
}
