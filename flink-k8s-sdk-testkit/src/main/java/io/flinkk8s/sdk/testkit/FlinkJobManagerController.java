package io.flinkk8s.sdk.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.testkit.controllers.Controller;
import io.flinkk8s.sdk.testkit.controllers.ControllerContext;
import io.flinkk8s.sdk.testkit.server.DirectApi;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Puts Flink behind every JobManager the SDK rendered (a Deployment labelled component {@code
 * jobmanager}, managed by {@code flink-k8s-sdk}): starts a runtime when one of its pods is Ready,
 * stops it when that pod goes away or its container restarts, tells it how many pods of the
 * TaskManager Deployment are Ready, and serves the runtime's address for the REST Service {@code
 * <name>-rest} port {@value FlinkPorts#REST}. Records a {@code FlinkStarted} / {@code FlinkStopped}
 * event on the Deployment each time.
 */
final class FlinkJobManagerController implements Controller, ServiceBackendProvider, AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
    public Set<String> watches() {
        return Set.of("deployments", "pods");
    }

    @Override
    public void reconcile(ControllerContext context) {
        Set<FlinkJobManager> live = new HashSet<>();
        // one read of each namespace's pods per run: only read here, and nothing this run writes
        // changes a pod
        Map<String, List<Pod>> podsByNamespace = new HashMap<>();
        Function<String, List<Pod>> podsOf =
                ns -> podsByNamespace.computeIfAbsent(ns, n -> context.api().list(Pod.class, n));
        for (Deployment d : context.api().list(Deployment.class)) {
            String instance = sdkJobManagerInstance(d);
            if (instance == null || d.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            FlinkJobManager jm = jobManager(d.getMetadata().getNamespace(), instance);
            live.add(jm);
            reconcile(context, d, jm, podsOf.apply(d.getMetadata().getNamespace()));
        }
        for (FlinkJobManager jm : jobManagers.values()) {
            if (!live.contains(jm)) {
                jm.stop();
            }
        }
    }

    private void reconcile(
            ControllerContext context, Deployment d, FlinkJobManager jm, List<Pod> namespacePods) {
        jm.taskManagersReady(readyTaskManagers(context.api(), jm, namespacePods));
        List<Pod> pods = pods(namespacePods, d);
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
        Optional<Pod> ready = pods.stream().filter(FlinkJobManagerController::isReady).findFirst();
        if (ready.isPresent()) {
            Pod pod = ready.get();
            StandaloneJobArgs args = StandaloneJobArgs.parse(mainContainer(pod).getArgs());
            Map<String, String> conf = new TreeMap<>(flinkConfiguration(context.api(), jm));
            conf.putAll(args.dynamicProperties());
            String message = jm.start(incarnation(pod), conf, args);
            context.recordEvent(
                    d,
                    "Normal",
                    "FlinkStarted",
                    "pod " + pod.getMetadata().getName() + ": " + message);
        }
    }

    /** The ready pods of the deployment's TaskManager Deployment, if it has one. */
    private static int readyTaskManagers(
            DirectApi api, FlinkJobManager jm, List<Pod> namespacePods) {
        Deployment tms =
                api.get(
                        Deployment.class,
                        jm.namespace(),
                        ResourceNames.of(jm.name()).taskManagerDeployment());
        if (tms == null) {
            return 0;
        }
        return (int)
                pods(namespacePods, tms).stream()
                        .filter(FlinkJobManagerController::isReady)
                        .count();
    }

    /** The instance label of a JobManager Deployment the SDK rendered; null for others. */
    private static String sdkJobManagerInstance(Deployment d) {
        Map<String, String> labels = d.getMetadata().getLabels();
        if (labels == null
                || !ResourceLabels.MANAGED_BY_VALUE.equals(labels.get(ResourceLabels.MANAGED_BY))
                || !Component.JOB_MANAGER
                        .labelValue()
                        .equals(labels.get(ResourceLabels.COMPONENT))) {
            return null;
        }
        String instance = labels.get(ResourceLabels.INSTANCE);
        return instance != null
                        && ResourceNames.of(instance)
                                .jobManagerDeployment()
                                .equals(d.getMetadata().getName())
                ? instance
                : null;
    }

    /**
     * The Deployment's live pods among its namespace's, oldest first (the leader when HA runs
     * standbys).
     */
    private static List<Pod> pods(List<Pod> namespacePods, Deployment d) {
        Map<String, String> selector =
                d.getSpec().getSelector() == null
                        ? null
                        : d.getSpec().getSelector().getMatchLabels();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return namespacePods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(
                        p ->
                                p.getMetadata().getLabels() != null
                                        && p.getMetadata()
                                                .getLabels()
                                                .entrySet()
                                                .containsAll(selector.entrySet()))
                .sorted(
                        Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp())
                                .thenComparing(p -> p.getMetadata().getName()))
                .toList();
    }

    /** A pod and the restarts of its main container: a new value is a new Flink process. */
    private static String incarnation(Pod pod) {
        String container = mainContainer(pod).getName();
        int restarts =
                pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                        ? 0
                        : pod.getStatus().getContainerStatuses().stream()
                                .filter(s -> s.getName().equals(container))
                                .map(ContainerStatus::getRestartCount)
                                .filter(Objects::nonNull)
                                .findFirst()
                                .orElse(0);
        return pod.getMetadata().getName() + "#" + pod.getMetadata().getUid() + "#" + restarts;
    }

    private static Container mainContainer(Pod pod) {
        List<Container> containers = pod.getSpec().getContainers();
        return containers.stream()
                .filter(c -> FlinkPorts.MAIN_CONTAINER.equals(c.getName()))
                .findFirst()
                .orElse(containers.get(0));
    }

    private static boolean isReady(Pod pod) {
        List<PodCondition> conditions =
                pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions != null
                && conditions.stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * The Flink configuration file of the deployment's ConfigMap ({@code config.yaml} or {@code
     * flink-conf.yaml}), flattened to {@code key: value} strings; empty without one.
     */
    private static Map<String, String> flinkConfiguration(DirectApi api, FlinkJobManager jm) {
        ConfigMap cm =
                api.get(ConfigMap.class, jm.namespace(), ResourceNames.of(jm.name()).configMap());
        Map<String, String> data = cm == null || cm.getData() == null ? Map.of() : cm.getData();
        String file = data.getOrDefault("config.yaml", data.get("flink-conf.yaml"));
        Map<String, String> flat = new TreeMap<>();
        if (file == null || file.isBlank()) {
            return flat;
        }
        try {
            flatten("", YAML.readValue(file, Object.class), flat);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the Flink configuration in ConfigMap "
                            + jm.namespace()
                            + "/"
                            + cm.getMetadata().getName()
                            + " is not YAML",
                    e);
        }
        return flat;
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
        String instance = labels == null ? null : labels.get(ResourceLabels.INSTANCE);
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
        jobManagers.values().forEach(FlinkJobManager::stop);
        supply.close();
    }
}
