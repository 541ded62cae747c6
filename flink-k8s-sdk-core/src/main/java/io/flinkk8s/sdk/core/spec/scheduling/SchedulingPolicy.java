package io.flinkk8s.sdk.core.spec.scheduling;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Where the JobManager and TaskManager pods run: a {@code common} placement for both, overridden
 * per role by {@code jobManager} and {@code taskManager} ({@link PodPlacement#over}), and how the
 * TaskManagers spread across nodes or zones. Off unless a part is set ({@link #isEnabled()}).
 *
 * @param common never null; the placement of both roles
 * @param jobManager never null; overrides {@code common} for the JobManager
 * @param taskManager never null; overrides {@code common} for the TaskManagers
 * @param spread may be null: the TaskManagers are not spread on purpose
 */
public record SchedulingPolicy(
        PodPlacement common,
        PodPlacement jobManager,
        PodPlacement taskManager,
        TaskManagerSpread spread) {

    /** Normalises only: empty placements for null ones. */
    public SchedulingPolicy {
        common = common == null ? PodPlacement.unset() : common;
        jobManager = jobManager == null ? PodPlacement.unset() : jobManager;
        taskManager = taskManager == null ? PodPlacement.unset() : taskManager;
    }

    /** No scheduling policy. */
    public static SchedulingPolicy none() {
        return new SchedulingPolicy(null, null, null, null);
    }

    /** Whether any part is set. */
    @JsonIgnore
    public boolean isEnabled() {
        return !common.isEmpty()
                || !jobManager.isEmpty()
                || !taskManager.isEmpty()
                || spread != null;
    }

    /** The JobManager's placement: {@code jobManager} over {@code common}. */
    public PodPlacement jobManagerPlacement() {
        return jobManager.over(common);
    }

    /** The TaskManagers' placement: {@code taskManager} over {@code common}. */
    public PodPlacement taskManagerPlacement() {
        return taskManager.over(common);
    }

    /** A copy with {@code spread} replaced. */
    public SchedulingPolicy withSpread(TaskManagerSpread spread) {
        return new SchedulingPolicy(common, jobManager, taskManager, spread);
    }
}
