package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.config.OperatorAutoscalerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The Flink options whose user values the validator type-checks, with Flink's own parsing, and what
 * each allows: every derived option of {@link ManagedConfigKeys} (the SDK would otherwise write
 * them, so a bad user value must not slip through) and every option Flink's memory model reads (so
 * that a bad one is reported at its key, not as a memory failure).
 */
public final class FlinkOptionRules {

    /**
     * What a user value of {@code option} must be.
     *
     * @param allowed the message, starting lower-case
     * @param accepts applied to the value Flink parsed
     */
    public record Rule(ConfigOption<?> option, String allowed, Predicate<Object> accepts) {

        /** Whether Flink parses {@code value} under {@code key} and the result is accepted. */
        boolean accepts(String key, String value) {
            try {
                Object parsed = Configuration.fromMap(Map.of(key, value)).get(option);
                return parsed != null && accepts.test(parsed);
            } catch (RuntimeException e) { // Flink's parse failure: IllegalArgumentException
                return false;
            }
        }
    }

    /**
     * The options of the TaskManager memory model, as {@code TaskExecutorProcessUtils} reads them.
     */
    public static final List<ConfigOption<?>> TASK_MANAGER_MEMORY =
            List.of(
                    TaskManagerOptions.TOTAL_PROCESS_MEMORY,
                    TaskManagerOptions.TOTAL_FLINK_MEMORY,
                    TaskManagerOptions.FRAMEWORK_HEAP_MEMORY,
                    TaskManagerOptions.FRAMEWORK_OFF_HEAP_MEMORY,
                    TaskManagerOptions.TASK_HEAP_MEMORY,
                    TaskManagerOptions.TASK_OFF_HEAP_MEMORY,
                    TaskManagerOptions.MANAGED_MEMORY_SIZE,
                    TaskManagerOptions.MANAGED_MEMORY_FRACTION,
                    TaskManagerOptions.NETWORK_MEMORY_MIN,
                    TaskManagerOptions.NETWORK_MEMORY_MAX,
                    TaskManagerOptions.NETWORK_MEMORY_FRACTION,
                    TaskManagerOptions.JVM_METASPACE,
                    TaskManagerOptions.JVM_OVERHEAD_MIN,
                    TaskManagerOptions.JVM_OVERHEAD_MAX,
                    TaskManagerOptions.JVM_OVERHEAD_FRACTION,
                    TaskManagerOptions.CPU_CORES);

    /** The options of the JobManager memory model, as {@code JobManagerProcessUtils} reads them. */
    public static final List<ConfigOption<?>> JOB_MANAGER_MEMORY =
            List.of(
                    JobManagerOptions.TOTAL_PROCESS_MEMORY,
                    JobManagerOptions.TOTAL_FLINK_MEMORY,
                    JobManagerOptions.JVM_HEAP_MEMORY,
                    JobManagerOptions.OFF_HEAP_MEMORY,
                    JobManagerOptions.JVM_METASPACE,
                    JobManagerOptions.JVM_OVERHEAD_MIN,
                    JobManagerOptions.JVM_OVERHEAD_MAX,
                    JobManagerOptions.JVM_OVERHEAD_FRACTION);

    private static final String POSITIVE_INTEGER = "must be a positive integer";
    private static final String PROCESS_SIZE = "must be a positive memory size such as 1728m or 2g";
    private static final String MEMORY_SIZE = "must be a memory size such as 256m or 1g";
    private static final String FRACTION = "must be a number >= 0 and < 1";

    private static final Map<String, Rule> BY_KEY = index(rules());

    private FlinkOptionRules() {}

    /** The rule for {@code key} (an option's key or one of its deprecated aliases), if any. */
    public static Optional<Rule> forKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(
                new Rule(
                        TaskManagerOptions.NUM_TASK_SLOTS,
                        POSITIVE_INTEGER,
                        v -> (Integer) v >= 1));
        rules.add(
                new Rule(CoreOptions.DEFAULT_PARALLELISM, POSITIVE_INTEGER, v -> (Integer) v >= 1));
        rules.add(
                new Rule(
                        CheckpointingOptions.CHECKPOINTING_INTERVAL,
                        "must be a positive duration such as 30 s or 5 min",
                        v -> !((Duration) v).isNegative() && !((Duration) v).isZero()));
        rules.add(
                new Rule(
                        JobManagerOptions.SCHEDULER_EXECUTING_COOLDOWN_AFTER_RESCALING,
                        "must be a duration >= 0 such as 30 s or 2 min",
                        v -> !((Duration) v).isNegative()));
        rules.add(
                new Rule(
                        DeploymentOptions.SHUTDOWN_ON_APPLICATION_FINISH,
                        "must be true or false",
                        v -> true));
        for (ConfigOption<?> dir :
                List.of(
                        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        CheckpointingOptions.SAVEPOINT_DIRECTORY,
                        HighAvailabilityOptions.HA_STORAGE_PATH)) {
            rules.add(
                    new Rule(dir, "must be " + Uris.WITH_SCHEME, v -> Uris.hasScheme((String) v)));
        }
        for (ConfigOption<?> option : concat(TASK_MANAGER_MEMORY, JOB_MANAGER_MEMORY)) {
            rules.add(memoryRule(option));
        }
        rules.add(
                new Rule(
                        JobManagerOptions.SCHEDULER,
                        "must be Default, Adaptive or AdaptiveBatch",
                        v -> true));
        rules.addAll(operatorAutoscalerRules());
        return rules;
    }

    private static List<Rule> operatorAutoscalerRules() {
        String atLeastZero = "must be a duration >= 0 such as 30 s or 5 min";
        String share = "must be a number >= 0 and <= 1";
        return List.of(
                new Rule(OperatorAutoscalerOptions.ENABLED, "must be true or false", v -> true),
                new Rule(
                        OperatorAutoscalerOptions.UTILIZATION_TARGET,
                        "must be a number > 0 and <= 1",
                        v -> (Double) v > 0 && (Double) v <= 1),
                new Rule(
                        OperatorAutoscalerOptions.UTILIZATION_MIN,
                        share,
                        v -> (Double) v >= 0 && (Double) v <= 1),
                new Rule(
                        OperatorAutoscalerOptions.UTILIZATION_MAX,
                        share,
                        v -> (Double) v >= 0 && (Double) v <= 1),
                new Rule(
                        OperatorAutoscalerOptions.METRICS_WINDOW,
                        "must be a positive duration such as 5 min",
                        v -> !((Duration) v).isNegative() && !((Duration) v).isZero()),
                durationRule(OperatorAutoscalerOptions.STABILIZATION_INTERVAL, atLeastZero),
                durationRule(OperatorAutoscalerOptions.SCALE_DOWN_INTERVAL, atLeastZero),
                durationRule(OperatorAutoscalerOptions.CATCH_UP_DURATION, atLeastZero),
                durationRule(OperatorAutoscalerOptions.RESTART_TIME, atLeastZero),
                new Rule(
                        OperatorAutoscalerOptions.VERTEX_MIN_PARALLELISM,
                        POSITIVE_INTEGER,
                        v -> (Integer) v >= 1),
                new Rule(
                        OperatorAutoscalerOptions.VERTEX_MAX_PARALLELISM,
                        POSITIVE_INTEGER,
                        v -> (Integer) v >= 1));
    }

    private static Rule durationRule(ConfigOption<Duration> option, String allowed) {
        return new Rule(option, allowed, v -> !((Duration) v).isNegative());
    }

    private static Rule memoryRule(ConfigOption<?> option) {
        if (option == TaskManagerOptions.TOTAL_PROCESS_MEMORY
                || option == JobManagerOptions.TOTAL_PROCESS_MEMORY) {
            return new Rule(option, PROCESS_SIZE, v -> ((MemorySize) v).getBytes() > 0);
        }
        if (option == TaskManagerOptions.CPU_CORES) {
            return new Rule(option, "must be a positive number", v -> (Double) v > 0);
        }
        if (option.key().endsWith(".fraction")) {
            return new Rule(option, FRACTION, v -> (Float) v >= 0 && (Float) v < 1);
        }
        return new Rule(option, MEMORY_SIZE, v -> true);
    }

    private static List<ConfigOption<?>> concat(
            List<ConfigOption<?>> first, List<ConfigOption<?>> second) {
        List<ConfigOption<?>> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static Map<String, Rule> index(List<Rule> rules) {
        Map<String, Rule> byKey = new LinkedHashMap<>();
        for (Rule rule : rules) {
            for (String key : ManagedConfigKeys.allKeys(rule.option())) {
                byKey.putIfAbsent(key, rule);
            }
        }
        return Collections.unmodifiableMap(byKey);
    }
}
