package io.flinkk8s.sdk.testkit.internal.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.flinkk8s.sdk.testkit.internal.controllers.HpaMetrics.Failure;
import io.flinkk8s.sdk.testkit.internal.controllers.HpaMetrics.Proposal;
import io.flinkk8s.sdk.testkit.internal.json.LabelSelectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The horizontal pod autoscaler (autoscaling/v2), every 15 virtual seconds per HPA, as Kubernetes'
 * {@code pkg/controller/podautoscaler/horizontal.go} reconciles one: get the target's scale ({@code
 * AbleToScale}: {@code SucceededGetScale} or {@code FailedGetScale}); with zero replicas and a
 * non-zero minimum, scaling is disabled; outside min/max, back into range; otherwise every metric
 * proposes a size ({@link HpaReplicaCalculator} over the pods the scale's selector selects and the
 * test's metrics), the largest wins, then {@link HpaNormalizer} stabilizes and limits it. Failed
 * metrics set {@code ScalingActive} to {@code FailedGet<Kind>Metric} and hold a scale-down that the
 * others propose; pods that another HPA of the namespace also selects stop both ({@code
 * AmbiguousSelector}). Conditions, events and their texts are Kubernetes'.
 *
 * <p>Differences: {@code Object} and {@code ContainerResource} metrics fail as unavailable;
 * external metric selectors are not told apart; failed metrics leave no empty entry in {@code
 * currentMetrics}; HPAs that select the same pods are found from every HPA's target in the
 * namespace at each sync (Kubernetes registers a selector at its HPA's first sync). A new HPA's
 * first sync comes at once when its target exists (Kubernetes': one sync period after the HPA was
 * added), else when its target appears or that period has passed, so an HPA written an instant
 * before its target, in the same apply, finds it as it would in a cluster.
 */
public final class HpaController implements Controller {

    private static final Duration SYNC_PERIOD = Duration.ofSeconds(15);

    /**
     * The kinds of target a new HPA is synced on as soon as one is written (a target of another
     * kind is found at the first sync period).
     */
    private static final Set<String> TARGETS =
            Set.of(
                    "deployments",
                    "statefulsets",
                    "replicasets",
                    "replicationcontrollers",
                    "flinkdeployments");

    private static final class State {
        final Instant firstSeen;
        Instant lastSync;
        final HpaNormalizer normalizer = new HpaNormalizer();

        State(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    private final Map<String, State> states = new HashMap<>();

    @Override
    public Set<String> watches() {
        Set<String> watched = new HashSet<>(TARGETS);
        watched.add("horizontalpodautoscalers");
        return watched;
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<HorizontalPodAutoscaler> hpas = context.api().list(HorizontalPodAutoscaler.class);
        Set<String> live = new HashSet<>();
        for (HorizontalPodAutoscaler hpa : hpas) {
            live.add(hpa.getMetadata().getUid());
            Instant now = context.now();
            State state = states.computeIfAbsent(hpa.getMetadata().getUid(), k -> new State(now));
            if (state.lastSync != null && now.isBefore(state.lastSync.plus(SYNC_PERIOD))) {
                context.wakeUpAt(state.lastSync.plus(SYNC_PERIOD));
                continue;
            }
            Instant firstSync = state.firstSeen.plus(SYNC_PERIOD);
            if (state.lastSync == null && now.isBefore(firstSync) && !targetExists(context, hpa)) {
                // Kubernetes syncs a new HPA one period after it was added; this controller syncs
                // at once for a target that is there, and for one that is not (written in the
                // same apply an instant later) it waits for that target or that first period
                context.wakeUpAt(firstSync);
                continue;
            }
            state.lastSync = now;
            context.wakeUpAt(now.plus(SYNC_PERIOD));
            sync(context, hpa, hpas, state);
        }
        // a deleted HPA's history goes with it, as in the controller's memory
        states.keySet().retainAll(live);
    }

    private static boolean targetExists(ControllerContext context, HorizontalPodAutoscaler hpa) {
        var ref = hpa.getSpec().getScaleTargetRef();
        return context.api()
                        .getScale(
                                ref.getApiVersion(),
                                ref.getKind(),
                                hpa.getMetadata().getNamespace(),
                                ref.getName())
                != null;
    }

    private void sync(
            ControllerContext context,
            HorizontalPodAutoscaler hpa,
            List<HorizontalPodAutoscaler> all,
            State state) {
        Instant now = context.now();
        HpaConditions conditions = new HpaConditions(hpa, now);
        var ref = hpa.getSpec().getScaleTargetRef();
        String ns = hpa.getMetadata().getNamespace();
        Scale scale = context.api().getScale(ref.getApiVersion(), ref.getKind(), ns, ref.getName());
        HorizontalPodAutoscalerStatus old = hpa.getStatus();
        if (scale == null) {
            String error = ref.getKind().toLowerCase() + "s \"" + ref.getName() + "\" not found";
            conditions.set(
                    "AbleToScale",
                    false,
                    "FailedGetScale",
                    "the HPA controller was unable to get the target's current scale: " + error);
            context.recordEvent(hpa, "Warning", "FailedGetScale", error);
            writeStatus(
                    context,
                    hpa,
                    old == null || old.getCurrentReplicas() == null ? 0 : old.getCurrentReplicas(),
                    old == null || old.getDesiredReplicas() == null ? 0 : old.getDesiredReplicas(),
                    old == null ? List.of() : old.getCurrentMetrics(),
                    conditions,
                    false);
            return;
        }
        conditions.set(
                "AbleToScale",
                true,
                "SucceededGetScale",
                "the HPA controller was able to get the target's current scale");
        int current = scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
        state.normalizer.recordInitial(current, now);
        int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
        int max = hpa.getSpec().getMaxReplicas();
        List<MetricStatus> statuses = new ArrayList<>();
        int desired;
        String reason = "";
        boolean rescale;
        if (current == 0 && min != 0) {
            conditions.set(
                    "ScalingActive",
                    false,
                    "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero");
            desired = 0;
            rescale = false;
        } else {
            if (current > max) {
                reason = "Current number of replicas above Spec.MaxReplicas";
                desired = max;
            } else if (current < min) {
                reason = "Current number of replicas below Spec.MinReplicas";
                desired = min;
            } else {
                Proposal proposal = proposal(context, hpa, all, scale, conditions, statuses);
                if (proposal == null) {
                    int previous =
                            old == null || old.getDesiredReplicas() == null
                                    ? 0
                                    : old.getDesiredReplicas();
                    writeStatus(context, hpa, current, previous, statuses, conditions, false);
                    return;
                }
                if (proposal.replicas() > current) {
                    reason = proposal.name() + " above target";
                } else if (proposal.replicas() < current) {
                    reason = "All metrics below target";
                }
                desired =
                        state.normalizer.normalize(
                                hpa, current, proposal.replicas(), min, conditions, now);
            }
            rescale = desired != current;
        }
        if (rescale) {
            context.api()
                    .setScale(
                            ref.getApiVersion(),
                            ref.getKind(),
                            ns,
                            ref.getName(),
                            desired,
                            Workloads.CONTROLLER_MANAGER);
            conditions.set(
                    "AbleToScale",
                    true,
                    "SucceededRescale",
                    "the HPA controller was able to update the target scale to " + desired);
            context.recordEvent(
                    hpa,
                    "Normal",
                    "SuccessfulRescale",
                    "New size: " + desired + "; reason: " + reason);
            state.normalizer.scaled(hpa, current, desired, now);
        } else {
            desired = current;
        }
        writeStatus(context, hpa, current, desired, statuses, conditions, rescale);
    }

    /**
     * computeReplicasForMetrics: the largest proposal, or null (with the conditions and events set)
     * when the selector is invalid or ambiguous, when every metric failed, or when some failed and
     * the others would scale down.
     */
    private static Proposal proposal(
            ControllerContext context,
            HorizontalPodAutoscaler hpa,
            List<HorizontalPodAutoscaler> all,
            Scale scale,
            HpaConditions conditions,
            List<MetricStatus> statuses) {
        List<Pod> pods = pods(context, hpa, all, scale, conditions);
        if (pods == null) {
            return null;
        }
        int specReplicas = scale.getSpec().getReplicas();
        int statusReplicas =
                scale.getStatus() == null || scale.getStatus().getReplicas() == null
                        ? 0
                        : scale.getStatus().getReplicas();
        var calculator =
                new HpaReplicaCalculator(
                        pods,
                        context.metrics(),
                        hpa.getMetadata().getNamespace(),
                        hpa.getSpec().getScaleTargetRef().getName(),
                        context.now());
        List<MetricSpec> specs = HpaMetrics.specs(hpa.getSpec().getMetrics());
        Proposal best = null;
        Failure firstFailure = null;
        int failures = 0;
        for (MetricSpec spec : specs) {
            try {
                Proposal p = HpaMetrics.compute(calculator, spec, specReplicas, statusReplicas);
                statuses.add(p.status());
                if (best == null || p.replicas() > best.replicas()) {
                    best = p;
                }
            } catch (Failure f) {
                context.recordEvent(hpa, "Warning", f.reason(), f.getMessage());
                if (firstFailure == null) {
                    firstFailure = f;
                }
                failures++;
            }
        }
        if (failures >= specs.size()
                || (failures > 0 && best != null && best.replicas() < specReplicas)) {
            conditions.set(
                    "ScalingActive",
                    false,
                    firstFailure.reason(),
                    "the HPA was unable to compute the replica count: "
                            + firstFailure.getMessage());
            context.recordEvent(
                    hpa,
                    "Warning",
                    "FailedComputeMetricsReplicas",
                    "invalid metrics ("
                            + failures
                            + " invalid out of "
                            + specs.size()
                            + "), first error is: "
                            + firstFailure.getMessage());
            return null;
        }
        conditions.set(
                "ScalingActive",
                true,
                "ValidMetricFound",
                "the HPA was able to successfully calculate a replica count from " + best.name());
        return best;
    }

    /**
     * validateAndParseSelector: the pods the scale's selector selects, or null when there is no
     * selector or when another HPA of the namespace controls some of them.
     */
    private static List<Pod> pods(
            ControllerContext context,
            HorizontalPodAutoscaler hpa,
            List<HorizontalPodAutoscaler> all,
            Scale scale,
            HpaConditions conditions) {
        String selector = scale.getStatus() == null ? null : scale.getStatus().getSelector();
        if (selector == null || selector.isEmpty()) {
            context.recordEvent(hpa, "Warning", "SelectorRequired", "selector is required");
            conditions.set(
                    "ScalingActive",
                    false,
                    "InvalidSelector",
                    "the HPA target's scale is missing a selector");
            return null;
        }
        String ns = hpa.getMetadata().getNamespace();
        Predicate<Map<String, String>> matches;
        try {
            matches = LabelSelectors.parse(selector);
        } catch (IllegalArgumentException e) {
            String error =
                    "couldn't convert selector into a corresponding internal selector object: "
                            + e.getMessage();
            context.recordEvent(hpa, "Warning", "InvalidSelector", error);
            conditions.set("ScalingActive", false, "InvalidSelector", error);
            return null;
        }
        List<Pod> pods =
                context.api().list(Pod.class, ns).stream()
                        .filter(p -> matches.test(labels(p)))
                        .toList();
        Set<String> controllers = new TreeSet<>();
        for (HorizontalPodAutoscaler other : all) {
            if (!ns.equals(other.getMetadata().getNamespace())) {
                continue;
            }
            Predicate<Map<String, String>> selects = selectorOf(context, other);
            if (selects != null && pods.stream().anyMatch(p -> selects.test(labels(p)))) {
                controllers.add("{" + other.getMetadata().getName() + " " + ns + "}");
            }
        }
        if (controllers.size() > 1) {
            String error =
                    "pods by selector "
                            + selector
                            + " are controlled by multiple HPAs: ["
                            + String.join(" ", controllers)
                            + "]";
            context.recordEvent(hpa, "Warning", "AmbiguousSelector", error);
            conditions.set("ScalingActive", false, "AmbiguousSelector", error);
            return null;
        }
        return pods;
    }

    private static Predicate<Map<String, String>> selectorOf(
            ControllerContext context, HorizontalPodAutoscaler hpa) {
        var ref = hpa.getSpec().getScaleTargetRef();
        Scale scale =
                context.api()
                        .getScale(
                                ref.getApiVersion(),
                                ref.getKind(),
                                hpa.getMetadata().getNamespace(),
                                ref.getName());
        String selector =
                scale == null || scale.getStatus() == null ? null : scale.getStatus().getSelector();
        if (selector == null || selector.isEmpty()) {
            return null;
        }
        try {
            return LabelSelectors.parse(selector);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    /** setStatus and updateStatusIfNeeded: written only when it changed. */
    private static void writeStatus(
            ControllerContext context,
            HorizontalPodAutoscaler hpa,
            int current,
            int desired,
            List<MetricStatus> metrics,
            HpaConditions conditions,
            boolean rescaled) {
        HorizontalPodAutoscalerStatus old = hpa.getStatus();
        String lastScale =
                rescaled ? context.now().toString() : old == null ? null : old.getLastScaleTime();
        List<HorizontalPodAutoscalerCondition> list = conditions.list();
        HorizontalPodAutoscalerStatus status =
                new HorizontalPodAutoscalerStatusBuilder()
                        .withCurrentReplicas(current)
                        .withDesiredReplicas(desired)
                        .withCurrentMetrics(metrics)
                        .withConditions(list)
                        .withLastScaleTime(lastScale)
                        .withObservedGeneration(hpa.getMetadata().getGeneration())
                        .build();
        if (!Objects.equals(status, old)) {
            context.api()
                    .updateStatus(
                            new HorizontalPodAutoscalerBuilder(hpa).withStatus(status).build());
        }
    }
}
