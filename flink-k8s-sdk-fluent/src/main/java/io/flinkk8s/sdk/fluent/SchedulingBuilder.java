package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.scheduling.NodeRequirement;
import io.flinkk8s.sdk.core.spec.scheduling.PodPlacement;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.scheduling.SpreadMethod;
import io.flinkk8s.sdk.core.spec.scheduling.TaskManagerSpread;
import io.flinkk8s.sdk.core.spec.scheduling.TolerationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link SchedulingPolicy} of a deployment: where its pods run. The plain methods place
 * both roles; {@link #jobManager(PodPlacement)} and {@link #taskManager(PodPlacement)} override
 * them per role. Obtained in {@code FlinkDeploymentBuilder.scheduling(s -> ...)}:
 *
 * <pre>{@code
 * .scheduling(s -> s.nodeSelector("pool", "flink")
 *                   .toleration(TolerationSpec.exists("dedicated", "NoSchedule"))
 *                   .priorityClass("flink-production")
 *                   .spreadTaskManagersAcrossZones())
 * }</pre>
 *
 * Mutable and not thread-safe.
 */
public final class SchedulingBuilder {

    private final Map<String, String> nodeSelector = new TreeMap<>();
    private final List<NodeRequirement> required = new ArrayList<>();
    private final List<NodeRequirement> preferred = new ArrayList<>();
    private final List<TolerationSpec> tolerations = new ArrayList<>();
    private String priorityClass;
    private String schedulerName;
    private PodPlacement jobManager;
    private PodPlacement taskManager;
    private TaskManagerSpread spread;

    SchedulingBuilder(SchedulingPolicy policy) {
        PodPlacement common = policy.common();
        nodeSelector.putAll(common.nodeSelector());
        required.addAll(common.requiredNodeAffinity());
        preferred.addAll(common.preferredNodeAffinity());
        tolerations.addAll(common.tolerations());
        priorityClass = common.priorityClassName();
        schedulerName = common.schedulerName();
        jobManager = policy.jobManager();
        taskManager = policy.taskManager();
        spread = policy.spread();
    }

    /** Both roles run only on nodes labelled {@code key=value}. */
    public SchedulingBuilder nodeSelector(String key, String value) {
        nodeSelector.put(key, value);
        return this;
    }

    /**
     * Both roles run only on nodes that meet {@code requirement} (and every other required one).
     */
    public SchedulingBuilder requireNode(NodeRequirement requirement) {
        required.add(requirement);
        return this;
    }

    /** Both roles prefer nodes that meet {@code requirement}, with its weight (1 when unset). */
    public SchedulingBuilder preferNode(NodeRequirement requirement) {
        preferred.add(requirement);
        return this;
    }

    /** Both roles tolerate {@code toleration}. */
    public SchedulingBuilder toleration(TolerationSpec toleration) {
        tolerations.add(toleration);
        return this;
    }

    /** Both roles get priority class {@code name}. */
    public SchedulingBuilder priorityClass(String name) {
        this.priorityClass = name;
        return this;
    }

    /** Both roles are scheduled by {@code name}. */
    public SchedulingBuilder schedulerName(String name) {
        this.schedulerName = name;
        return this;
    }

    /** The JobManager's own placement, over the common one; {@code null} removes it. */
    public SchedulingBuilder jobManager(PodPlacement placement) {
        this.jobManager = placement;
        return this;
    }

    /** The TaskManagers' own placement, over the common one; {@code null} removes it. */
    public SchedulingBuilder taskManager(PodPlacement placement) {
        this.taskManager = placement;
        return this;
    }

    /**
     * Spreads the TaskManagers evenly across nodes (a topology spread constraint, {@code
     * ScheduleAnyway}: a spread the cluster cannot satisfy never leaves a pod Pending).
     */
    public SchedulingBuilder spreadTaskManagersAcrossNodes() {
        return spreadTaskManagers(TaskManagerSpread.of(TaskManagerSpread.NODES, null));
    }

    /** Spreads the TaskManagers evenly across zones, as {@link #spreadTaskManagersAcrossNodes}. */
    public SchedulingBuilder spreadTaskManagersAcrossZones() {
        return spreadTaskManagers(TaskManagerSpread.of(TaskManagerSpread.ZONES, null));
    }

    /**
     * Keeps the TaskManagers apart across {@code across} ({@code nodes}, {@code zones} or a node
     * label key) with {@code method}.
     */
    public SchedulingBuilder spreadTaskManagers(String across, SpreadMethod method) {
        return spreadTaskManagers(TaskManagerSpread.of(across, method));
    }

    /** Replaces the TaskManager spread; {@code null} removes it. */
    public SchedulingBuilder spreadTaskManagers(TaskManagerSpread spread) {
        this.spread = spread;
        return this;
    }

    /** Removes every placement and the spread. */
    public SchedulingBuilder none() {
        nodeSelector.clear();
        required.clear();
        preferred.clear();
        tolerations.clear();
        priorityClass = null;
        schedulerName = null;
        jobManager = null;
        taskManager = null;
        spread = null;
        return this;
    }

    SchedulingPolicy build() {
        return new SchedulingPolicy(
                new PodPlacement(
                        nodeSelector,
                        required,
                        preferred,
                        tolerations,
                        priorityClass,
                        schedulerName),
                jobManager,
                taskManager,
                spread);
    }
}
