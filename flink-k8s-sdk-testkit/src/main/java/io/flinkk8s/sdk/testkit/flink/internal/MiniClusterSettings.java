package io.flinkk8s.sdk.testkit.flink.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * What a JobManager's Flink configuration (its ConfigMap's {@code config.yaml} and the pod's {@code
 * -D} options) means for the MiniCluster that stands in for it in the test JVM: the keys about the
 * job and the cluster's behaviour pass (checkpointing and its storage, state backend, {@code
 * parallelism.default}, restart strategy, scheduler, ...); the keys about the pod's process and
 * network do not, since the test JVM is not that pod and several MiniClusters share it.
 *
 * <p>Left out: the REST, RPC, blob and bind addresses and ports (every JobManager's are the same
 * fixed numbers, which two MiniClusters cannot both bind); process memory sizes; Kubernetes and
 * high-availability settings (the MiniCluster runs embedded, without Kubernetes HA); metric
 * reporters (their ports clash too); SSL and Kerberos; the pod's directories ({@code io.tmp.dirs},
 * {@code web.*}, {@code process.*}, {@code env.*}); the jars of the image ({@code pipeline.jars},
 * {@code pipeline.classpaths}: the job's classes come from the test classpath); Flink's {@code
 * $internal.*} keys and {@code execution.target}.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class MiniClusterSettings {

    /** Keys left out, by prefix (a key equal to a prefix is left out too). */
    private static final List<String> POD_PREFIXES =
            List.of(
                    "rest.",
                    "jobmanager.rpc.",
                    "jobmanager.bind-host",
                    "jobmanager.memory.",
                    "taskmanager.rpc.",
                    "taskmanager.bind-host",
                    "taskmanager.host",
                    "taskmanager.memory.",
                    "taskmanager.data.port",
                    "blob.server.port",
                    "kubernetes.",
                    "high-availability",
                    "metrics.reporter",
                    "security.",
                    "io.tmp.dirs",
                    "web.",
                    "process.",
                    "env.",
                    "pipeline.jars",
                    "pipeline.classpaths",
                    "execution.target",
                    "$internal.");

    private MiniClusterSettings() {}

    /** The part of a JobManager's Flink configuration a MiniCluster takes, sorted by key. */
    public static Map<String, String> flinkConfiguration(Map<String, String> jobManager) {
        Map<String, String> kept = new TreeMap<>();
        jobManager.forEach(
                (key, value) -> {
                    if (POD_PREFIXES.stream().noneMatch(key::startsWith)) {
                        kept.put(key, value);
                    }
                });
        return kept;
    }

    /**
     * The slots of the MiniCluster's one TaskManager: enough for a job at {@code
     * parallelism.default}, and at least the spec's {@code taskmanager.numberOfTaskSlots}; 1 when
     * neither is set (or either is not a number).
     */
    public static int slots(Map<String, String> jobManager) {
        Configuration configuration = Configuration.fromMap(jobManager);
        return Math.max(
                Math.max(1, intValue(configuration, TaskManagerOptions.NUM_TASK_SLOTS)),
                intValue(configuration, CoreOptions.DEFAULT_PARALLELISM));
    }

    private static int intValue(Configuration configuration, ConfigOption<Integer> option) {
        try {
            return configuration.getOptional(option).orElse(1);
        } catch (IllegalArgumentException notANumber) {
            return 1;
        }
    }
}
