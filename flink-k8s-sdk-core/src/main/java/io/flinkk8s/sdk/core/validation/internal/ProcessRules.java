package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.flink.configuration.MemorySize;

/**
 * Rules for {@code jobManager} and {@code taskManager}: replicas, slots, and resources that parse
 * and fit Flink's memory model.
 */
public final class ProcessRules {

    private ProcessRules() {}

    public static void jobManager(Checks checks, FlinkDeploymentSpec spec, UserFlinkConfig user) {
        JobManagerSpec jm = spec.jobManager();
        checks.at(
                "jobManager",
                () -> {
                    if (checks.atLeast("replicas", jm.replicas(), 1)
                            && jm.replicas() > 1
                            && !spec.highAvailability().enabled()) {
                        checks.report(
                                "replicas",
                                "must be 1 unless highAvailability.type is kubernetes (standby"
                                        + " JobManagers need HA)",
                                jm.replicas());
                    }
                    resources(checks, jm.resource(), FlinkMemoryModel.JOB_MANAGER, user);
                });
    }

    public static void taskManager(Checks checks, FlinkDeploymentSpec spec, UserFlinkConfig user) {
        TaskManagerSpec tm = spec.taskManager();
        checks.at(
                "taskManager",
                () -> {
                    checks.atLeast("replicas", tm.replicas(), 1);
                    checks.atLeast("taskSlots", tm.taskSlots(), 1);
                    resources(checks, tm.resource(), FlinkMemoryModel.TASK_MANAGER, user);
                });
    }

    private static void resources(
            Checks checks, Resources resource, FlinkMemoryModel model, UserFlinkConfig user) {
        checks.at(
                "resource",
                () -> {
                    cpu(checks, resource.cpu());
                    memory(checks, resource.memory(), model, user);
                    if (resource.ephemeralStorage() != null) {
                        size(
                                checks,
                                "ephemeralStorage",
                                resource.ephemeralStorage(),
                                "10Gi or 10g");
                    }
                });
    }

    private static void cpu(Checks checks, Cpu cpu) {
        BigDecimal cores;
        try {
            cores = cpu.cores();
        } catch (IllegalArgumentException e) {
            checks.report(
                    "cpu", "must be a Kubernetes CPU quantity such as 1, 0.5 or 500m", cpu.value());
            return;
        }
        if (cores.signum() <= 0) {
            checks.report("cpu", "must be > 0", cpu.value());
        }
    }

    private static void memory(
            Checks checks, Memory memory, FlinkMemoryModel model, UserFlinkConfig user) {
        OptionalLong bytes = size(checks, "memory", memory, "1728m, 2g or 2Gi");
        List<UserFlinkConfig.Entry> tuning = user.entries(model.optionKeys());
        if (bytes.isEmpty() || !model.canJudge(user)) {
            return; // reported already: here, or at the flinkConfiguration key
        }
        model.problem(new MemorySize(bytes.getAsLong()), user)
                .ifPresent(
                        reason ->
                                checks.report(
                                        "memory",
                                        "must fit Flink's "
                                                + model.processName()
                                                + " memory model"
                                                + together(tuning)
                                                + "; Flink: "
                                                + reason,
                                        memory.value()));
    }

    private static String together(List<UserFlinkConfig.Entry> tuning) {
        return tuning.isEmpty()
                ? ""
                : tuning.stream()
                        .map(UserFlinkConfig.Entry::path)
                        .collect(Collectors.joining(", ", " together with ", ""));
    }

    /** Reports an unparsable or non-positive size; returns the bytes when it is valid. */
    private static OptionalLong size(Checks checks, String field, Memory size, String examples) {
        long bytes;
        try {
            bytes = size.bytes();
        } catch (RuntimeException e) {
            checks.report(field, "must be a size such as " + examples, size.value());
            return OptionalLong.empty();
        }
        if (bytes <= 0) {
            checks.report(field, "must be > 0", size.value());
            return OptionalLong.empty();
        }
        return OptionalLong.of(bytes);
    }
}
