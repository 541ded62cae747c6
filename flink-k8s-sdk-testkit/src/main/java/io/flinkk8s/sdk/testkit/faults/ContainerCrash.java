package io.flinkk8s.sdk.testkit.faults;

import java.util.List;
import java.util.Objects;

/**
 * How a container ends each time it starts, for {@link Faults#crashLoop}: the reason and exit code
 * the kubelet writes in {@code lastState.terminated}, and the lines {@code kubectl logs} shows.
 *
 * <pre>{@code
 * cluster.faults().crashLoop("streaming", "orders-taskmanager",
 *         ContainerCrash.oomKilled("Starting TaskManager", "java.lang.OutOfMemoryError: Java heap space"));
 * }</pre>
 *
 * @param reason the termination reason, e.g. {@code OOMKilled}, {@code Error}
 * @param exitCode the exit code, e.g. 137 for a kill, 1 for an error
 * @param logLines what the container wrote before it ended, oldest first
 */
public record ContainerCrash(String reason, int exitCode, List<String> logLines) {

    /** Requires a reason; copies the lines. */
    public ContainerCrash {
        Objects.requireNonNull(reason, "reason");
        logLines = logLines == null ? List.of() : List.copyOf(logLines);
    }

    /** Killed for using more memory than its limit: {@code OOMKilled}, exit code 137. */
    public static ContainerCrash oomKilled(String... logLines) {
        return new ContainerCrash("OOMKilled", 137, List.of(logLines));
    }

    /** Exits on its own with {@code exitCode}: reason {@code Error}, as the kubelet writes it. */
    public static ContainerCrash exits(int exitCode, String... logLines) {
        return new ContainerCrash("Error", exitCode, List.of(logLines));
    }
}
