package io.flinkk8s.sdk.testkit.faults;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.flinkk8s.sdk.testkit.controllers.PodReadinessController;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import io.flinkk8s.sdk.testkit.server.DirectApi;
import io.flinkk8s.sdk.testkit.server.FaultRule;
import io.flinkk8s.sdk.testkit.server.InMemoryApiDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Faults a test injects into the in-memory cluster, one call each. Pod and node faults take effect
 * through the controllers (a deleted pod is replaced, a restarted container must pass its probes
 * again); API faults apply to client requests only, never to the controllers.
 *
 * <p>The cluster's client does not retry, so an injected 5xx reaches the code under test; a client
 * built with retries (fabric8's default) retries 429 and 5xx answers on its own. For a flaky API in
 * one call, fail a seeded share of requests with {@link #failRequests(FailureRate)}.
 */
public final class Faults {

    private final InMemoryApiDispatcher dispatcher;
    private final Clock clock;
    private final Runnable settle;

    /** Creates the fault injector of a cluster; {@code settle} runs the controllers. */
    public Faults(InMemoryApiDispatcher dispatcher, Clock clock, Runnable settle) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    /** Deletes a pod, as an eviction or {@code kubectl delete pod} would; its owner replaces it. */
    public void deletePod(String namespace, String name) {
        dispatcher.direct().delete(pod(namespace, name), "Background");
        settle.run();
    }

    /**
     * Kills a pod's containers (OOM kill, crash): they restart at once, {@code restartCount} grows,
     * and the pod is not ready until its probes pass again.
     */
    public void killPod(String namespace, String name) {
        annotate(namespace, name, PodReadinessController.KILL_ANNOTATION);
    }

    /**
     * Makes a pod's liveness probe start failing now: after {@code failureThreshold} failed probes
     * the kubelet restarts the container ({@code restartCount} grows), and the restarted container
     * is healthy. Without a liveness probe nothing happens, as on a real node.
     */
    public void failLivenessProbe(String namespace, String name) {
        annotate(namespace, name, PodReadinessController.LIVENESS_FAILURE_ANNOTATION);
    }

    /**
     * Makes a pod's readiness probe start failing now: after {@code failureThreshold} failed probes
     * the pod is not ready, so its Services' endpoints drop it, until {@link #passReadinessProbe}
     * is called. Without a readiness probe nothing happens, as on a real node.
     */
    public void failReadinessProbe(String namespace, String name) {
        annotate(namespace, name, PodReadinessController.READINESS_FAILURE_ANNOTATION);
    }

    /** Lets a pod's readiness probe pass again after {@link #failReadinessProbe}: ready at once. */
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

    /**
     * Makes a node fail: it turns NotReady and unschedulable, and its pods are deleted (the
     * eviction a real cluster does after its timeout), so owners reschedule them elsewhere.
     */
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

    /**
     * Fails a share of the client requests, the same ones on every run with the same seed, until
     * the returned fault is removed or {@link #clearApiFaults()}: by default 503 for writes only,
     * which a deployer's retries recover from.
     *
     * <pre>{@code
     * try (ApiFault fault = cluster.faults().failRequests(FailureRate.percent(10).withSeed(42))) {
     *     deployer.apply(spec).waitUntilRunning(Duration.ofSeconds(30));
     * }
     * }</pre>
     */
    public ApiFault failRequests(FailureRate rate) {
        return new ApiFault(rate, dispatcher);
    }

    /**
     * Answers every matching client request with {@code status} until {@link #clearApiFaults()}.
     */
    public void failRequests(ApiVerb verb, String resource, int status) {
        dispatcher.addFault(new FaultRule(verb, resource, status, null, -1));
    }

    /** Answers the next matching client request with {@code status}. */
    public void failNextRequest(ApiVerb verb, String resource, int status) {
        failNextRequests(verb, resource, status, 1);
    }

    /** Answers the next {@code times} matching client requests with {@code status}. */
    public void failNextRequests(ApiVerb verb, String resource, int status, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + times);
        }
        dispatcher.addFault(new FaultRule(verb, resource, status, null, times));
    }

    /** Holds back the response to every matching client request by {@code delay} (real time). */
    public void delayRequests(ApiVerb verb, String resource, Duration delay) {
        dispatcher.addFault(new FaultRule(verb, resource, 0, delay, -1));
    }

    /** Removes every API fault (errors and delays). */
    public void clearApiFaults() {
        dispatcher.clearFaults();
    }

    /**
     * Closes every open watch; clients must re-watch (fabric8 informers do, from their last
     * version).
     */
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
