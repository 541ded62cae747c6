package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * PodDisruptionBudgets (policy/v1) for the JobManager and the TaskManagers, so that a node drain
 * evicts their pods a few at a time instead of taking the job down at once. Off unless a field is
 * set ({@link #isEnabled()}); then {@link io.flinkk8s.sdk.core.spec.SpecDefaults} fills the other
 * with 1.
 *
 * <p>A budget limits voluntary disruptions only (drains, evictions through the API), never a node
 * failure. {@code 0} blocks a drain for good, until someone deletes the budget; with a single
 * JobManager, {@code 1} lets a drain move it, which restarts the job from its latest checkpoint.
 *
 * @param jobManagerMaxUnavailable how many JobManager pods may be evicted at once: a number ({@code
 *     1}) or a percentage ({@code 50%})
 * @param taskManagerMaxUnavailable how many TaskManager pods may be evicted at once: a number or a
 *     percentage
 */
public record DisruptionPolicy(String jobManagerMaxUnavailable, String taskManagerMaxUnavailable) {

    /** No PodDisruptionBudgets. */
    public static DisruptionPolicy none() {
        return new DisruptionPolicy(null, null);
    }

    /** Whether budgets are rendered: any field is set. */
    @JsonIgnore
    public boolean isEnabled() {
        return jobManagerMaxUnavailable != null || taskManagerMaxUnavailable != null;
    }
}
