package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * Rules for {@code flinkConfiguration} (no owned key, well-typed values) and {@code
 * logConfiguration} (only the file names Flink's console logging reads).
 */
public final class ConfigurationRules {

    /**
     * The {@code logConfiguration} keys the Flink image reads, as the Flink Kubernetes Operator.
     */
    public static final List<String> LOG_FILES =
            List.of("log4j-console.properties", "logback-console.xml");

    private static final String ALL_INTERFACES =
            "the pods listen on all interfaces so that the Services reach them";

    /** Why each owned option is the SDK's, by key; see {@link ManagedConfigKeys#owned()}. */
    private static final Map<String, String> OWNED_BECAUSE =
            Map.ofEntries(
                    Map.entry(
                            JobManagerOptions.ADDRESS.key(),
                            "it is the JobManager RPC Service's name"),
                    Map.entry(
                            JobManagerOptions.PORT.key(),
                            "it is "
                                    + FlinkPorts.JOB_MANAGER_RPC
                                    + ", which the JobManager Services expose"),
                    Map.entry(JobManagerOptions.BIND_HOST.key(), ALL_INTERFACES),
                    Map.entry(
                            TaskManagerOptions.RPC_PORT.key(),
                            "it is "
                                    + FlinkPorts.TASK_MANAGER_RPC
                                    + ", which the TaskManager pods expose"),
                    Map.entry(TaskManagerOptions.BIND_HOST.key(), ALL_INTERFACES),
                    Map.entry(
                            BlobServerOptions.PORT.key(),
                            "it is "
                                    + FlinkPorts.BLOB_SERVER
                                    + ", which the JobManager Services expose"),
                    Map.entry(
                            RestOptions.PORT.key(),
                            "it is " + FlinkPorts.REST + ", which the REST Service exposes"),
                    Map.entry(
                            RestOptions.BIND_PORT.key(),
                            "it is " + FlinkPorts.REST + ", which the REST Service exposes"),
                    Map.entry(RestOptions.BIND_ADDRESS.key(), ALL_INTERFACES),
                    Map.entry(
                            ManagedConfigKeys.KUBERNETES_CLUSTER_ID.key(),
                            "it is derived from name and names the HA ConfigMaps"),
                    Map.entry(
                            ManagedConfigKeys.KUBERNETES_NAMESPACE.key(),
                            "it is the deployment's namespace, where Flink's HA looks up its"
                                    + " ConfigMaps"),
                    Map.entry(
                            HighAvailabilityOptions.HA_CLUSTER_ID.key(),
                            "it is derived from name and names the HA ConfigMaps"),
                    Map.entry(
                            HighAvailabilityOptions.HA_MODE.key(),
                            "it is derived from highAvailability.type"),
                    Map.entry(
                            JobManagerOptions.SCHEDULER_MODE.key(),
                            "autoscaling runs the job in reactive mode, so that it uses the"
                                    + " TaskManagers the HPA adds"));

    private ConfigurationRules() {}

    public static void flinkConfiguration(Checks checks, FlinkDeploymentSpec spec) {
        checks.eachEntry(
                "flinkConfiguration",
                spec.flinkConfiguration(),
                (key, value) -> {
                    if (key.isBlank()) {
                        checks.report("key must not be blank", key);
                        return;
                    }
                    if (SecurityRules.refuseInDeployment(checks, key)) {
                        return;
                    }
                    Optional<ConfigOption<?>> owned =
                            ManagedConfigKeys.ownedOption(
                                    key, spec.autoscaling().usesReactiveMode());
                    if (owned.isPresent()) {
                        checks.report(ownedMessage(key, owned.get()), value);
                    } else if (value == null) {
                        checks.report("must not be null", null);
                    } else if (isReactive(key, value) && spec.mode() == DeploymentMode.SESSION) {
                        checks.report(
                                "must not be reactive in session mode: Flink runs reactive mode"
                                        + " in standalone application clusters only",
                                value);
                    } else {
                        FlinkOptionRules.forKey(key)
                                .filter(rule -> !rule.accepts(key, value))
                                .ifPresent(rule -> checks.report(rule.allowed(), value));
                    }
                });
    }

    public static void logConfiguration(Checks checks, Map<String, String> files) {
        checks.eachEntry(
                "logConfiguration",
                files,
                (file, content) -> {
                    if (!LOG_FILES.contains(file)) {
                        checks.report(
                                "key must be one of "
                                        + String.join(", ", LOG_FILES)
                                        + " (the files Flink's console logging reads)",
                                file);
                    } else if (content == null) {
                        checks.report("must not be null", null);
                    }
                });
    }

    /** Whether {@code key: value} turns Flink's reactive mode on. */
    private static boolean isReactive(String key, String value) {
        return JobManagerOptions.SCHEDULER_MODE.key().equals(key)
                && "reactive".equalsIgnoreCase(value.trim());
    }

    /** The message for an owned option set under {@code key}, saying what derives it. */
    public static String ownedMessage(String key, ConfigOption<?> option) {
        String alias = key.equals(option.key()) ? "" : " (an alias of '" + option.key() + "')";
        String because = OWNED_BECAUSE.get(option.key());
        return "is managed by the SDK and must not be set"
                + alias
                + (because == null ? "" : ": " + because);
    }
}
