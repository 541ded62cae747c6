package io.flinkk8s.sdk.testkit.faults;

import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;

/**
 * Faults a test injects into the in-memory cluster, one call each. Pod and node faults take effect
 * through the controllers (a deleted pod is replaced, a restarted container must pass its probes
 * again), and they set the pod status fields the kubelet and the scheduler set (an image that
 * cannot be pulled, a crash loop with its last termination and log lines, an unschedulable pod), so
 * code that reads them can be tested; a job can be failed with a root exception; API faults apply
 * to client requests only, never to the controllers.
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
     * Makes {@code image} impossible to pull, as a wrong tag or a registry the nodes may not read:
     * every container of that image (in pods scheduled from now on, and those not yet started)
     * waits with reason {@code ErrImagePull}, and {@code ImagePullBackOff} from 10 s of virtual
     * time after its pod started; the pod stays Pending, with Warning {@code Failed} Events as the
     * kubelet writes them. Lifted by {@link #clearPodFaults()}.
     *
     * <pre>{@code
     * cluster.faults().failImagePull("registry.example.com/orders:typo");
     * deployer.apply(spec).waitUntilRunning(Duration.ofMinutes(5));  // fails fast: ErrImagePull
     * }</pre>
     */
    void failImagePull(String image);

    /**
     * Makes the containers of the pods in {@code namespace} whose name starts with {@code
     * podNamePrefix} (a pod's name, or a workload's such as {@code orders-taskmanager}) crash on
     * every start, now and for pods created later: {@code lastState.terminated} carries the crash's
     * reason and exit code, the container waits in {@code CrashLoopBackOff} between restarts
     * (back-off 10 s, doubling, at most 5 minutes, on the virtual clock), {@code restartCount}
     * grows, and {@code pods/log} answers the crash's log lines. Lifted by {@link
     * #clearPodFaults()}: the containers then start and pass their probes.
     */
    void crashLoop(String namespace, String podNamePrefix, ContainerCrash crash);

    /**
     * Makes the pods in {@code namespace} whose name starts with {@code podNamePrefix} that are not
     * yet scheduled impossible to schedule: they stay Pending with the {@code PodScheduled=False}
     * condition of reason {@code Unschedulable} and the scheduler's {@code message} (e.g. {@code
     * "0/3 nodes are available: 3 Insufficient cpu."}), and a Warning {@code FailedScheduling}
     * Event. Lifted by {@link #clearPodFaults()}: they are scheduled then.
     */
    void failScheduling(String namespace, String podNamePrefix, String message);

    /** Lifts {@link #failImagePull}, {@link #crashLoop} and {@link #failScheduling}. */
    void clearPodFaults();

    /**
     * Fails the running job of deployment {@code namespace/deploymentName} now, with {@code
     * exception} as the root exception Flink reports ({@code GET /jobs/:jobid/exceptions}), e.g.
     * {@code "java.lang.IllegalStateException: topic orders does not exist"}: {@link
     * io.flinkk8s.sdk.testkit.FlinkJobManager#failJob(String)}. Simulated Flink runtime only.
     */
    void failJob(String namespace, String deploymentName, String exception);

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
