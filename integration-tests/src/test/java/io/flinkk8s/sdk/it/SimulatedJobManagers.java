package io.flinkk8s.sdk.it;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Test glue until these tests move to the testkit's own JobManagers ({@code
 * cluster.restEndpointResolver()}, {@code cluster.flink(ns, name)}): a {@link
 * SimulatedFlinkRuntime} behind the REST Service of every JobManager that has a ready pod, bound
 * with {@code bindServicePort} (which takes precedence over any other backend). A new JobManager
 * pod (after a rollout) gets a new runtime and the old one is closed; an application JobManager's
 * runtime starts the job its container args name ({@code standalone-job --job-classname C
 * [--fromSavepoint P] args}), as the real entrypoint does. Runtimes are made when the SDK first
 * resolves the Service.
 */
final class SimulatedJobManagers implements AutoCloseable {

    private record Running(String podUid, SimulatedFlinkRuntime runtime) {}

    private volatile FlinkK8sCluster cluster;
    private final Map<String, Running> current = new HashMap<>();
    private final List<SimulatedFlinkRuntime> started = new ArrayList<>();
    private final List<String> failingImages = new ArrayList<>();

    void attach(FlinkK8sCluster value) {
        this.cluster = value;
    }

    /** Application jobs of JobManagers running {@code image} fail as soon as they start. */
    synchronized void failJobsOfImage(String image) {
        failingImages.add(image);
    }

    /**
     * The REST address of the runtime behind Service {@code ns/serviceName}, started for its ready
     * JobManager pod if needed.
     *
     * @throws IllegalStateException when the Service does not exist or no pod of it is ready
     */
    synchronized URI address(String ns, String serviceName) {
        String key = ns + "/" + serviceName;
        Service service =
                cluster.find(Service.class, ns, serviceName)
                        .orElseThrow(() -> new IllegalStateException("no Service " + key));
        Optional<Pod> pod = readyPod(ns, service.getSpec().getSelector());
        if (pod.isEmpty()) {
            stop(key);
            throw new IllegalStateException("no ready pod behind Service " + key);
        }
        Running running = current.get(key);
        String uid = pod.get().getMetadata().getUid();
        if (running == null || !running.podUid().equals(uid)) {
            stop(key);
            running = new Running(uid, start(pod.get()));
            current.put(key, running);
        }
        return running.runtime().restAddress();
    }

    /** The runtime behind {@code <deployment>-rest}, if one runs. */
    synchronized Optional<SimulatedFlinkRuntime> runtime(String ns, String deployment) {
        return Optional.ofNullable(current.get(ns + "/" + deployment + "-rest"))
                .map(Running::runtime);
    }

    /** How many runtimes were started so far (one per JobManager pod the SDK talked to). */
    synchronized int startedCount() {
        return started.size();
    }

    private Optional<Pod> readyPod(String ns, Map<String, String> selector) {
        return cluster.list(Pod.class, ns).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> labelsMatch(p, selector))
                .filter(SimulatedJobManagers::isReady)
                .min(Comparator.comparing(p -> p.getMetadata().getName()));
    }

    private SimulatedFlinkRuntime start(Pod pod) {
        SimulatedFlinkRuntime runtime =
                SimulatedFlinkRuntime.builder().clock(cluster.clock()).start();
        started.add(runtime);
        Container main =
                pod.getSpec().getContainers().stream()
                        .filter(c -> FlinkPorts.MAIN_CONTAINER.equals(c.getName()))
                        .findFirst()
                        .orElseThrow();
        List<String> args = main.getArgs() == null ? List.of() : main.getArgs();
        if (!args.isEmpty() && args.get(0).equals("standalone-job")) {
            startApplication(runtime, args, main.getImage());
        }
        return runtime;
    }

    private void startApplication(SimulatedFlinkRuntime runtime, List<String> args, String image) {
        String entryClass = "application";
        String restore = null;
        List<String> programArgs = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--job-classname" -> entryClass = args.get(++i);
                case "--fromSavepoint" -> restore = args.get(++i);
                case "--host", "--jars" -> i++;
                case "--allowNonRestoredState" -> {}
                default -> programArgs.add(args.get(i));
            }
        }
        var id = runtime.startApplicationJob(entryClass, programArgs, restore);
        if (failingImages.contains(image)) {
            runtime.failJob(id, "simulated crash of image " + image);
        }
    }

    private void stop(String key) {
        Running old = current.remove(key);
        if (old != null) {
            old.runtime().close();
        }
    }

    private static boolean labelsMatch(Pod pod, Map<String, String> selector) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null
                && selector.entrySet().stream()
                        .allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    @Override
    public synchronized void close() {
        started.forEach(SimulatedFlinkRuntime::close);
        current.clear();
    }
}
