package io.flinkk8s.sdk.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The one place that says which Flink configuration keys the SDK writes, and whose they are.
 *
 * <ul>
 *   <li><b>Owned</b> keys: the rendered objects depend on them (RPC address and ports the Services
 *       expose, the cluster id that names HA ConfigMaps, the HA type that decides RBAC). A user
 *       value for one is a validation error, never a silent overwrite.
 *   <li><b>Derived</b> keys: the SDK computes them from the spec (memory from resources, slots,
 *       checkpoint dirs, the operator autoscaler's {@code job.autoscaler.*} keys and the scheduler
 *       it needs). A user value wins, type-checked by the validator, with an advisory.
 *   <li><b>Policy-owned</b> keys: owned only while a spec policy relies on them; {@code
 *       scheduler-mode} while the autoscaling policy runs the job in reactive mode (the HPA adds
 *       TaskManagers, and only reactive mode gives the job their slots). Otherwise a user may set
 *       them like any other key.
 * </ul>
 *
 * A key is matched with its deprecated aliases (Flink's fallback keys), so that {@code
 * state.checkpoints.dir} counts as {@code execution.checkpointing.dir}.
 */
public final class ManagedConfigKeys {

    /**
     * {@code kubernetes.cluster-id}. Defined here because its constant lives in flink-kubernetes,
     * which the SDK does not depend on; the key is the one Flink documents.
     */
    public static final ConfigOption<String> KUBERNETES_CLUSTER_ID =
            ConfigOptions.key("kubernetes.cluster-id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The cluster id; names Flink's Kubernetes HA ConfigMaps.");

    /**
     * {@code kubernetes.namespace}: where Flink's Kubernetes HA services read and write their
     * ConfigMaps (Flink's default is {@code default}). Defined here for the same reason as {@link
     * #KUBERNETES_CLUSTER_ID}.
     */
    public static final ConfigOption<String> KUBERNETES_NAMESPACE =
            ConfigOptions.key("kubernetes.namespace")
                    .stringType()
                    .defaultValue("default")
                    .withDescription("The namespace Flink's Kubernetes client works in.");

    private static final List<ConfigOption<?>> OWNED =
            List.of(
                    JobManagerOptions.ADDRESS,
                    JobManagerOptions.PORT,
                    JobManagerOptions.BIND_HOST,
                    TaskManagerOptions.RPC_PORT,
                    TaskManagerOptions.BIND_HOST,
                    BlobServerOptions.PORT,
                    RestOptions.PORT,
                    RestOptions.BIND_PORT,
                    RestOptions.BIND_ADDRESS,
                    KUBERNETES_CLUSTER_ID,
                    KUBERNETES_NAMESPACE,
                    HighAvailabilityOptions.HA_MODE,
                    HighAvailabilityOptions.HA_CLUSTER_ID);

    private static final List<ConfigOption<?>> DERIVED =
            Stream.concat(
                            Stream.of(
                                    JobManagerOptions.TOTAL_PROCESS_MEMORY,
                                    TaskManagerOptions.TOTAL_PROCESS_MEMORY,
                                    TaskManagerOptions.NUM_TASK_SLOTS,
                                    CoreOptions.DEFAULT_PARALLELISM,
                                    DeploymentOptions.SHUTDOWN_ON_APPLICATION_FINISH,
                                    CheckpointingOptions.CHECKPOINTING_INTERVAL,
                                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                                    CheckpointingOptions.SAVEPOINT_DIRECTORY,
                                    HighAvailabilityOptions.HA_STORAGE_PATH,
                                    JobManagerOptions.SCHEDULER_EXECUTING_COOLDOWN_AFTER_RESCALING,
                                    JobManagerOptions.SCHEDULER),
                            OperatorAutoscalerOptions.all().stream())
                    .toList();

    private static final List<ConfigOption<?>> REACTIVE = List.of(JobManagerOptions.SCHEDULER_MODE);

    private static final Map<String, ConfigOption<?>> OWNED_BY_KEY = index(OWNED);
    private static final Map<String, ConfigOption<?>> DERIVED_BY_KEY = index(DERIVED);

    private ManagedConfigKeys() {}

    /** The options a user may not set. */
    public static List<ConfigOption<?>> owned() {
        return OWNED;
    }

    /**
     * The options a spec's policies own on top of {@link #owned()}: {@code scheduler-mode} while
     * autoscaling runs the job in Flink's reactive mode; none otherwise.
     *
     * @param reactiveMode whether the effective spec's autoscaling runs the job in reactive mode
     *     ({@code autoscaling().usesReactiveMode()} of a spec with its defaults applied)
     */
    public static List<ConfigOption<?>> ownedByPolicies(boolean reactiveMode) {
        return reactiveMode ? REACTIVE : List.of();
    }

    /**
     * The option {@code key} names (or is a deprecated alias of) that is owned: always-owned, or
     * owned by the policies ({@link #ownedByPolicies}).
     */
    public static Optional<ConfigOption<?>> ownedOption(String key, boolean reactiveMode) {
        Optional<ConfigOption<?>> owned = ownedOption(key);
        if (owned.isPresent()) {
            return owned;
        }
        return ownedByPolicies(reactiveMode).stream()
                .filter(o -> allKeys(o).contains(key))
                .findFirst();
    }

    /** The options the SDK derives and a user may override. */
    public static List<ConfigOption<?>> derived() {
        return DERIVED;
    }

    /** The owned option {@code key} names (or is a deprecated alias of), if any. */
    public static Optional<ConfigOption<?>> ownedOption(String key) {
        return Optional.ofNullable(OWNED_BY_KEY.get(key));
    }

    /** The derived option {@code key} names (or is a deprecated alias of), if any. */
    public static Optional<ConfigOption<?>> derivedOption(String key) {
        return Optional.ofNullable(DERIVED_BY_KEY.get(key));
    }

    /** The option's key and every fallback key, main key first. */
    public static List<String> allKeys(ConfigOption<?> option) {
        List<String> keys = new ArrayList<>();
        keys.add(option.key());
        for (FallbackKey k : option.fallbackKeys()) {
            keys.add(k.getKey());
        }
        return Collections.unmodifiableList(keys);
    }

    private static Map<String, ConfigOption<?>> index(List<ConfigOption<?>> options) {
        Map<String, ConfigOption<?>> byKey = new LinkedHashMap<>();
        for (ConfigOption<?> option : options) {
            for (String key : allKeys(option)) {
                byKey.putIfAbsent(key, option);
            }
        }
        return Collections.unmodifiableMap(byKey);
    }
}
