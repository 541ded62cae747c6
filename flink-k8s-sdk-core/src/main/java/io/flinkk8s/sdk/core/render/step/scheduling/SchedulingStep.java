package io.flinkk8s.sdk.core.render.step.scheduling;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.scheduling.NodeRequirement;
import io.flinkk8s.sdk.core.spec.scheduling.PodPlacement;
import io.flinkk8s.sdk.core.spec.scheduling.SpreadMethod;
import io.flinkk8s.sdk.core.spec.scheduling.TaskManagerSpread;
import io.flinkk8s.sdk.core.spec.scheduling.TolerationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the JobManager and TaskManager pods run, from {@code scheduling}, for target standalone:
 * each role gets its placement ({@code jobManager} or {@code taskManager} over {@code common}).
 *
 * <ul>
 *   <li><b>merges</b>: {@code nodeSelector} into the pod template's (the policy's value wins per
 *       key); {@code tolerations} after the template's;
 *   <li><b>overwrites</b>: {@code affinity.nodeAffinity} when the placement has node affinity
 *       (required: one {@code nodeSelectorTerm} with every requirement; preferred: one term per
 *       requirement with its {@code weight}, 1 when unset), {@code priorityClassName} and {@code
 *       schedulerName} when set;
 *   <li><b>TaskManagers</b>, with {@code spread}: a {@code topologySpreadConstraint} ({@code
 *       maxSkew}, {@code topologyKey}, {@code whenUnsatisfiable}, selecting the TaskManager pods)
 *       added after the template's, or {@code affinity.podAntiAffinity} (overwritten) with a
 *       preferred (weight 100) or required term over the topology key;
 *   <li><b>advises</b> at {@code scheduling.spread.method} with {@code required-anti-affinity} and
 *       more than one TaskManager at most ({@code taskManager.replicas}, {@code
 *       autoscaling.maxTaskManagers}, or the job's parallelism over the slots): every TaskManager
 *       needs a topology domain (a node, a zone) of its own among the nodes its placement allows,
 *       or it stays Pending; the spec cannot know how many the cluster has;
 *   <li><b>emits</b>: nothing.
 * </ul>
 */
public final class SchedulingStep implements RenderStep {

    /** {@code scheduling}. */
    public static final StepId ID = StepId.of("scheduling");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** Only when {@code scheduling} is set. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().scheduling().isEnabled();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        return place(ctx, in, ctx.labels().selector(Component.TASK_MANAGER));
    }

    /**
     * {@code in} with both roles placed, the TaskManagers spread over the pods labelled {@code
     * taskManagerLabels}: the step of either target.
     */
    static Rendering place(RenderContext ctx, Rendering in, Map<String, String> taskManagerLabels) {
        FlinkDeploymentSpec spec = ctx.spec();
        PodPlacement jm = spec.scheduling().jobManagerPlacement();
        PodPlacement tm = spec.scheduling().taskManagerPlacement();
        TaskManagerSpread spread = spec.scheduling().spread();
        Rendering out =
                in.mapJobManagerPod(d -> d.setOnPodSpec(pod -> placeOn(pod, jm)))
                        .mapTaskManagerPod(
                                d ->
                                        d.setOnPodSpec(
                                                pod -> {
                                                    placeOn(pod, tm);
                                                    if (spread != null) {
                                                        spreadOn(pod, spread, taskManagerLabels);
                                                    }
                                                }));
        int most = mostTaskManagers(spec);
        if (spread != null && spread.method() == SpreadMethod.REQUIRED_ANTI_AFFINITY && most > 1) {
            out =
                    out.withAdvisory(
                            new Advisory(
                                    "scheduling.spread.method",
                                    "required anti-affinity over "
                                            + spread.topologyKey()
                                            + " lets at most one TaskManager run per domain: the"
                                            + " spec may run up to "
                                            + most
                                            + " TaskManagers, so the nodes the TaskManager"
                                            + " placement allows must span at least "
                                            + most
                                            + " distinct "
                                            + spread.topologyKey()
                                            + " values, or the rest stay Pending; use"
                                            + " preferred-anti-affinity or spread-constraint when"
                                            + " unsure"));
        }
        return out;
    }

    /**
     * The most TaskManagers the spec may run: replicas, the autoscaling maximum, the job's need.
     */
    static int mostTaskManagers(FlinkDeploymentSpec spec) {
        int most = spec.taskManager().replicas() == null ? 1 : spec.taskManager().replicas();
        if (spec.autoscaling().isEnabled() && spec.autoscaling().maxTaskManagers() != null) {
            most = Math.max(most, spec.autoscaling().maxTaskManagers());
        }
        Integer slots = spec.taskManager().taskSlots();
        if (spec.job() != null && spec.job().parallelism() != null && slots != null && slots > 0) {
            most = Math.max(most, (spec.job().parallelism() + slots - 1) / slots);
        }
        return most;
    }

    private static void placeOn(PodSpec pod, PodPlacement p) {
        if (!p.nodeSelector().isEmpty()) {
            Map<String, String> selector =
                    pod.getNodeSelector() == null
                            ? new LinkedHashMap<>()
                            : new LinkedHashMap<>(pod.getNodeSelector());
            selector.putAll(p.nodeSelector());
            pod.setNodeSelector(selector);
        }
        if (!p.tolerations().isEmpty()) {
            List<Toleration> tolerations =
                    pod.getTolerations() == null
                            ? new ArrayList<>()
                            : new ArrayList<>(pod.getTolerations());
            p.tolerations().forEach(t -> tolerations.add(toleration(t)));
            pod.setTolerations(tolerations);
        }
        if (!p.requiredNodeAffinity().isEmpty() || !p.preferredNodeAffinity().isEmpty()) {
            NodeAffinity node = new NodeAffinity();
            if (!p.requiredNodeAffinity().isEmpty()) {
                node.setRequiredDuringSchedulingIgnoredDuringExecution(
                        new io.fabric8.kubernetes.api.model.NodeSelector(
                                List.of(term(p.requiredNodeAffinity()))));
            }
            if (!p.preferredNodeAffinity().isEmpty()) {
                List<PreferredSchedulingTerm> preferred = new ArrayList<>();
                for (NodeRequirement r : p.preferredNodeAffinity()) {
                    preferred.add(
                            new PreferredSchedulingTerm(
                                    term(List.of(r)), r.weight() == null ? 1 : r.weight()));
                }
                node.setPreferredDuringSchedulingIgnoredDuringExecution(preferred);
            }
            Affinity affinity = affinityOf(pod);
            affinity.setNodeAffinity(node);
            pod.setAffinity(affinity);
        }
        if (p.priorityClassName() != null) {
            pod.setPriorityClassName(p.priorityClassName());
        }
        if (p.schedulerName() != null) {
            pod.setSchedulerName(p.schedulerName());
        }
    }

    private static void spreadOn(PodSpec pod, TaskManagerSpread s, Map<String, String> labels) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(new LinkedHashMap<>(labels));
        if (s.method() == SpreadMethod.SPREAD_CONSTRAINT) {
            TopologySpreadConstraint c = new TopologySpreadConstraint();
            c.setMaxSkew(s.maxSkew());
            c.setTopologyKey(s.topologyKey());
            c.setWhenUnsatisfiable(s.whenUnsatisfiable());
            c.setLabelSelector(selector);
            List<TopologySpreadConstraint> constraints =
                    pod.getTopologySpreadConstraints() == null
                            ? new ArrayList<>()
                            : new ArrayList<>(pod.getTopologySpreadConstraints());
            constraints.add(c);
            pod.setTopologySpreadConstraints(constraints);
            return;
        }
        PodAffinityTerm term = new PodAffinityTerm();
        term.setLabelSelector(selector);
        term.setTopologyKey(s.topologyKey());
        PodAntiAffinity anti = new PodAntiAffinity();
        if (s.method() == SpreadMethod.REQUIRED_ANTI_AFFINITY) {
            anti.setRequiredDuringSchedulingIgnoredDuringExecution(List.of(term));
        } else {
            anti.setPreferredDuringSchedulingIgnoredDuringExecution(
                    List.of(new WeightedPodAffinityTerm(term, 100)));
        }
        Affinity affinity = affinityOf(pod);
        affinity.setPodAntiAffinity(anti);
        pod.setAffinity(affinity);
    }

    /** A new affinity with the pod's node, pod and anti-affinity (shared, never changed). */
    private static Affinity affinityOf(PodSpec pod) {
        Affinity given = pod.getAffinity();
        Affinity copy = new Affinity();
        if (given != null) {
            copy.setNodeAffinity(given.getNodeAffinity());
            copy.setPodAffinity(given.getPodAffinity());
            copy.setPodAntiAffinity(given.getPodAntiAffinity());
        }
        return copy;
    }

    private static NodeSelectorTerm term(List<NodeRequirement> requirements) {
        List<NodeSelectorRequirement> expressions = new ArrayList<>();
        for (NodeRequirement r : requirements) {
            expressions.add(
                    new NodeSelectorRequirement(
                            r.key(), r.operator(), r.values().isEmpty() ? null : r.values()));
        }
        NodeSelectorTerm term = new NodeSelectorTerm();
        term.setMatchExpressions(expressions);
        return term;
    }

    private static Toleration toleration(TolerationSpec t) {
        Toleration toleration = new Toleration();
        toleration.setKey(t.key());
        toleration.setOperator(t.operator());
        toleration.setValue(t.value());
        toleration.setEffect(t.effect());
        toleration.setTolerationSeconds(t.tolerationSeconds());
        return toleration;
    }
}
