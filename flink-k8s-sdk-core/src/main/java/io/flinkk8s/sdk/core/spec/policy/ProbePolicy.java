package io.flinkk8s.sdk.core.spec.policy;

/**
 * The Kubernetes probes of the JobManager and TaskManager containers: restart what is unhealthy,
 * route REST traffic only to a JobManager that answers, and let a slow JVM start without a long
 * initial delay. Every probe is on by default ({@link io.flinkk8s.sdk.core.spec.SpecDefaults} fills
 * each), each can be turned off or replaced.
 *
 * <p>Defaults (see {@link io.flinkk8s.sdk.core.spec.SpecDefaults} for the numbers):
 *
 * <ul>
 *   <li>JobManager startup and readiness: HTTP GET {@code /config} on the port named {@code rest}.
 *       Every Flink REST handler answers 503 until the REST endpoint has found the leading
 *       dispatcher, and {@code /config} answers from static configuration without a call to the
 *       dispatcher, so it passes exactly when the dispatcher is up, cheaply, even under load (the
 *       Flink Kubernetes Operator's startup probe uses it for the same reason; {@code /overview}
 *       would ask the dispatcher and the resource manager on every probe);
 *   <li>JobManager liveness: TCP on the port named {@code rpc} (6123), as Flink's own standalone
 *       manifests: a live process accepts RPC connections even during a leader election, when the
 *       REST handlers answer 503 and an HTTP liveness probe would restart a healthy JobManager;
 *   <li>TaskManager startup, readiness and liveness: TCP on {@code rpc} (6122). A TaskManager has
 *       no HTTP endpoint, and whether it registered with the ResourceManager cannot be seen from
 *       the kubelet, so readiness means its RPC endpoint is up.
 * </ul>
 *
 * @param jobManagerStartup never null
 * @param jobManagerReadiness never null
 * @param jobManagerLiveness never null
 * @param taskManagerStartup never null
 * @param taskManagerReadiness never null
 * @param taskManagerLiveness never null
 */
public record ProbePolicy(
        ProbeSpec jobManagerStartup,
        ProbeSpec jobManagerReadiness,
        ProbeSpec jobManagerLiveness,
        ProbeSpec taskManagerStartup,
        ProbeSpec taskManagerReadiness,
        ProbeSpec taskManagerLiveness) {

    /** Normalises: null probes become {@link ProbeSpec#unset()}. */
    public ProbePolicy {
        jobManagerStartup = orUnset(jobManagerStartup);
        jobManagerReadiness = orUnset(jobManagerReadiness);
        jobManagerLiveness = orUnset(jobManagerLiveness);
        taskManagerStartup = orUnset(taskManagerStartup);
        taskManagerReadiness = orUnset(taskManagerReadiness);
        taskManagerLiveness = orUnset(taskManagerLiveness);
    }

    /** Nothing set: every probe gets the SDK's default. */
    public static ProbePolicy defaults() {
        return new ProbePolicy(null, null, null, null, null, null);
    }

    /** Every probe turned off. */
    public static ProbePolicy none() {
        ProbeSpec off = ProbeSpec.disabled();
        return new ProbePolicy(off, off, off, off, off, off);
    }

    private static ProbeSpec orUnset(ProbeSpec probe) {
        return probe == null ? ProbeSpec.unset() : probe;
    }
}
