package io.flinkk8s.sdk.testkit.internal.faults;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.flinkk8s.sdk.testkit.faults.ApiFault;
import io.flinkk8s.sdk.testkit.faults.ContainerCrash;
import io.flinkk8s.sdk.testkit.faults.FailureRate;
import io.flinkk8s.sdk.testkit.faults.Faults;
import io.flinkk8s.sdk.testkit.internal.controllers.PodFaults;
import io.flinkk8s.sdk.testkit.internal.controllers.PodReadinessController;
import io.flinkk8s.sdk.testkit.internal.server.DirectApi;
import io.flinkk8s.sdk.testkit.internal.server.FaultRule;
import io.flinkk8s.sdk.testkit.internal.server.InMemoryApiDispatcher;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@link Faults} of an in-memory cluster, on its API server's in-process API: pod and node
 * faults written as the control plane would, API faults added to the dispatcher. Not API.
 */
public final class ClusterFaults implements Faults {

    /** Fails the running job of a deployment with an exception (the cluster's Flink). */
    @FunctionalInterface
    public interface JobFailer {
        /** Fails the running job of {@code namespace/deploymentName} with {@code exception}. */
        void fail(String namespace, String deploymentName, String exception);
    }

    private final InMemoryApiDispatcher dispatcher;
    private final Clock clock;
    private final Runnable settle;
    private final PodFaults pods;
    private final JobFailer jobs;

    /**
     * The fault injector of a cluster; {@code settle} runs the controllers, {@code pods} are the
     * faults its scheduler and kubelet read, {@code jobs} fails a deployment's job.
     */
    public ClusterFaults(
            InMemoryApiDispatcher dispatcher,
            Clock clock,
            Runnable settle,
            PodFaults pods,
            JobFailer jobs) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
        this.pods = Objects.requireNonNull(pods, "pods");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    @Override
    public void failImagePull(String image) {
        pods.unpullable(Objects.requireNonNull(image, "image"));
        settle.run();
    }

    @Override
    public void crashLoop(String namespace, String podNamePrefix, ContainerCrash crash) {
        Objects.requireNonNull(crash, "crash");
        pods.crash(
                Objects.requireNonNull(namespace, "namespace"),
                Objects.requireNonNull(podNamePrefix, "podNamePrefix"),
                new PodFaults.Crash(crash.reason(), crash.exitCode(), crash.logLines()));
        settle.run();
    }

    @Override
    public void failScheduling(String namespace, String podNamePrefix, String message) {
        pods.unschedulable(
                Objects.requireNonNull(namespace, "namespace"),
                Objects.requireNonNull(podNamePrefix, "podNamePrefix"),
                Objects.requireNonNull(message, "message"));
        settle.run();
    }

    @Override
    public void clearPodFaults() {
        pods.clear();
        settle.run();
    }

    @Override
    public void failJob(String namespace, String deploymentName, String exception) {
        jobs.fail(
                Objects.requireNonNull(namespace, "namespace"),
                Objects.requireNonNull(deploymentName, "deploymentName"),
                Objects.requireNonNull(exception, "exception"));
    }

    @Override
    public void deletePod(String namespace, String name) {
        dispatcher.direct().delete(pod(namespace, name), "Background");
        settle.run();
    }

    @Override
    public void killPod(String namespace, String name) {
        annotate(namespace, name, PodReadinessController.KILL_ANNOTATION);
    }

    @Override
    public void failLivenessProbe(String namespace, String name) {
        annotate(namespace, name, PodReadinessController.LIVENESS_FAILURE_ANNOTATION);
    }

    @Override
    public void failReadinessProbe(String namespace, String name) {
        annotate(namespace, name, PodReadinessController.READINESS_FAILURE_ANNOTATION);
    }

    @Override
    public void passReadinessProbe(String namespace, String name) {
        Pod pod = pod(namespace, name);
        dispatcher
                .direct()
                .update(
                        new PodBuilder(pod)
                                .editMetadata()
                                .removeFromAnnotations(
                                        PodReadinessController.READINESS_FAILURE_ANNOTATION)
                                .endMetadata()
                                .build(),
                        "flinkk8s-testkit-faults");
        settle.run();
    }

    @Override
    public void failNode(String nodeName) {
        DirectApi api = dispatcher.direct();
        Node node = api.get(Node.class, null, nodeName);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeName);
        }
        Node cordoned = new NodeBuilder(node).editSpec().withUnschedulable(true).endSpec().build();
        api.update(cordoned, "node-controller");
        Node current = api.get(Node.class, null, nodeName);
        for (NodeCondition c : current.getStatus().getConditions()) {
            if (c.getType().equals("Ready")) {
                c.setStatus("Unknown");
                c.setReason("NodeStatusUnknown");
                c.setLastTransitionTime(clock.instant().toString());
            }
        }
        api.updateStatus(current);
        for (Pod p : api.list(Pod.class)) {
            if (nodeName.equals(p.getSpec().getNodeName())) {
                api.delete(p, "Background");
            }
        }
        settle.run();
    }

    @Override
    public ApiFault failRequests(FailureRate rate) {
        return new SeededFault(rate, dispatcher);
    }

    @Override
    public void failRequests(ApiVerb verb, String resource, int status) {
        dispatcher.addFault(new FaultRule(verb, resource, status, null, -1));
    }

    @Override
    public void failNextRequest(ApiVerb verb, String resource, int status) {
        failNextRequests(verb, resource, status, 1);
    }

    @Override
    public void failNextRequests(ApiVerb verb, String resource, int status, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + times);
        }
        dispatcher.addFault(new FaultRule(verb, resource, status, null, times));
    }

    @Override
    public void delayRequests(ApiVerb verb, String resource, Duration delay) {
        dispatcher.addFault(new FaultRule(verb, resource, 0, delay, -1));
    }

    @Override
    public void clearApiFaults() {
        dispatcher.clearFaults();
    }

    @Override
    public void dropWatches() {
        dispatcher.dropWatches();
    }

    private Pod pod(String namespace, String name) {
        Pod pod = dispatcher.direct().get(Pod.class, namespace, name);
        if (pod == null) {
            throw new IllegalArgumentException("no pod " + namespace + "/" + name);
        }
        return pod;
    }

    private void annotate(String namespace, String name, String annotation) {
        Pod pod = pod(namespace, name);
        dispatcher
                .direct()
                .update(
                        new PodBuilder(pod)
                                .editMetadata()
                                .addToAnnotations(annotation, clock.instant().toString())
                                .endMetadata()
                                .build(),
                        "flinkk8s-testkit-faults");
        settle.run();
    }
}
