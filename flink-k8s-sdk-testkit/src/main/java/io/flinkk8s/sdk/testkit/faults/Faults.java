package io.flinkk8s.sdk.testkit.faults;

import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;

/**
 * Faults a test injects into the in-memory cluster, one call each. Pod and node faults take effect
 * through the controllers (a deleted pod is replaced, a restarted container must pass its probes
 * again); API faults apply to client requests only, never to the controllers.
 *
 * <p>The cluster's client does not retry, so an injected 5xx reaches the code under test; a client
 * built with retries (fabric8's default) retries 429 and 5xx answers on its own. For a flaky API in
 * one call, fail a seeded share of requests with {@link #failRequests(FailureRate)}.
 */
public interface Faults {

    /** Deletes a pod, as an eviction or {@code kubectl delete pod} would; its owner replaces it. */
    void deletePod(String namespace, String name);

    /**
     * Kills a pod's containers (OOM kill, crash): they restart at once, {@code restartCount} grows,
     * and the pod is not ready until its probes pass again.
     */
    void killPod(String namespace, String name);

    /**
     * Makes a pod's liveness probe start failing now: after {@code failureThreshold} failed probes
     * the kubelet restarts the container ({@code restartCount} grows), and the restarted container
     * is healthy. Without a liveness probe nothing happens, as on a real node.
     */
    void failLivenessProbe(String namespace, String name);

    /**
     * Makes a pod's readiness probe start failing now: after {@code failureThreshold} failed probes
     * the pod is not ready, so its Services' endpoints drop it, until {@link #passReadinessProbe}
     * is called. Without a readiness probe nothing happens, as on a real node.
     */
    void failReadinessProbe(String namespace, String name);

    /** Lets a pod's readiness probe pass again after {@link #failReadinessProbe}: ready at once. */
    void passReadinessProbe(String namespace, String name);

    /**
     * Makes a node fail: it turns NotReady and unschedulable, and its pods are deleted (the
     * eviction a real cluster does after its timeout), so owners reschedule them elsewhere.
     */
    void failNode(String nodeName);

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
    ApiFault failRequests(FailureRate rate);

    /**
     * Answers every matching client request with {@code status} until {@link #clearApiFaults()}.
     */
    void failRequests(ApiVerb verb, String resource, int status);

    /** Answers the next matching client request with {@code status}. */
    void failNextRequest(ApiVerb verb, String resource, int status);

    /** Answers the next {@code times} matching client requests with {@code status}. */
    void failNextRequests(ApiVerb verb, String resource, int status, int times);

    /** Holds back the response to every matching client request by {@code delay} (real time). */
    void delayRequests(ApiVerb verb, String resource, Duration delay);

    /** Removes every API fault (errors and delays). */
    void clearApiFaults();

    /**
     * Closes every open watch; clients must re-watch (fabric8 informers do, from their last
     * version).
     */
    void dropWatches();
}
