package io.flinkk8s.sdk.core.validation.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;

/**
 * Asks Flink's own memory calculation whether a process size fits, with the user's memory options
 * from {@code flinkConfiguration}, exactly as the JobManager or TaskManager would at start. Flink's
 * calculation logs at INFO when it raises a derived size to its minimum (Flink's logger, not the
 * SDK's).
 */
public enum FlinkMemoryModel {
    /** {@code TaskExecutorProcessUtils.processSpecFromConfig}. */
    TASK_MANAGER(
            "TaskManager",
            TaskManagerOptions.TOTAL_PROCESS_MEMORY,
            FlinkOptionRules.TASK_MANAGER_MEMORY,
            List.of(TaskManagerOptions.NUM_TASK_SLOTS),
            TaskExecutorProcessUtils::processSpecFromConfig),
    /** {@code JobManagerProcessUtils.processSpecFromConfig}. */
    JOB_MANAGER(
            "JobManager",
            JobManagerOptions.TOTAL_PROCESS_MEMORY,
            FlinkOptionRules.JOB_MANAGER_MEMORY,
            List.of(),
            JobManagerProcessUtils::processSpecFromConfig);

    private final String processName;
    private final ConfigOption<MemorySize> processSize;
    private final Set<String> optionKeys;
    private final Set<String> otherInputKeys;
    private final Consumer<Configuration> calculation;

    FlinkMemoryModel(
            String processName,
            ConfigOption<MemorySize> processSize,
            List<ConfigOption<?>> options,
            List<ConfigOption<?>> otherInputs,
            Consumer<Configuration> calculation) {
        this.processName = processName;
        this.processSize = processSize;
        this.optionKeys = UserFlinkConfig.keysOf(options);
        this.otherInputKeys = UserFlinkConfig.keysOf(otherInputs);
        this.calculation = calculation;
    }

    /** {@code TaskManager} or {@code JobManager}, for messages. */
    public String processName() {
        return processName;
    }

    /**
     * The keys of this model's memory options, fallback keys included; a user value for one takes
     * part in the calculation.
     */
    public Set<String> optionKeys() {
        return optionKeys;
    }

    /**
     * Whether every user value this calculation reads is well-typed. A badly typed one is reported
     * at its key, and the calculation would only fail on it again.
     */
    public boolean canJudge(UserFlinkConfig user) {
        return user.entries(optionKeys).stream().allMatch(UserFlinkConfig.Entry::isWellTyped)
                && user.entries(otherInputKeys).stream()
                        .allMatch(UserFlinkConfig.Entry::isWellTyped);
    }

    /**
     * Flink's reason why {@code size} with the user's configuration does not fit, or empty when it
     * fits. A user value for the process size itself wins over {@code size}, as it does in the
     * rendered configuration.
     */
    public Optional<String> problem(MemorySize size, UserFlinkConfig user) {
        TreeMap<String, String> entries = new TreeMap<>();
        user.entries()
                .forEach(
                        (key, value) -> {
                            if (value != null) {
                                entries.put(key, value);
                            }
                        });
        Configuration conf = Configuration.fromMap(entries);
        if (user.entry(processSize).isEmpty()) {
            conf.set(processSize, size);
        }
        try {
            calculation.accept(conf);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(reason(e));
        }
    }

    private static String reason(RuntimeException e) {
        Throwable reason = e;
        while (reason.getCause() instanceof IllegalConfigurationException) {
            reason = reason.getCause();
        }
        String message = String.valueOf(reason.getMessage()).strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
