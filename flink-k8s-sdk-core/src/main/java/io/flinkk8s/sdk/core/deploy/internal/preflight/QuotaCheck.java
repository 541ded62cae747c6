package io.flinkk8s.sdk.core.deploy.internal.preflight;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.preflight.ClusterReads.Read;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.PreflightFinding.Check;
import io.flinkk8s.sdk.core.error.PreflightFinding.Severity;
import io.flinkk8s.sdk.core.render.internal.QuotaNeeds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether the namespace's ResourceQuotas leave room for a spec at its largest ({@link QuotaNeeds})
 * and its LimitRanges allow its containers. A quota's free room is its {@code hard} less its {@code
 * used}, plus what the deployment's own running pods use (an apply replaces them). The API server
 * refuses a pod over quota or outside a limit range when the ReplicaSet (or the operator) creates
 * it: after the apply returned, so a preflight is the only early warning. This is also the check of
 * {@code FlinkDeployer.fitsQuota}.
 */
public final class QuotaCheck {

    private QuotaCheck() {}

    /**
     * The findings about {@code needs} in {@code namespace}, whose pods labelled {@code ownPods}
     * are the deployment's own.
     */
    static List<PreflightFinding> check(
            ClusterReads reads, String namespace, QuotaNeeds needs, Map<String, String> ownPods) {
        KubernetesClient client = reads.context().client();
        List<PreflightFinding> findings = new ArrayList<>();
        Read<List<ResourceQuota>> quotas =
                reads.read(
                        ObjectRef.of(ResourceQuota.class, namespace, null),
                        () -> client.resourceQuotas().inNamespace(namespace).list().getItems());
        Read<List<LimitRange>> ranges =
                reads.read(
                        ObjectRef.of(LimitRange.class, namespace, null),
                        () -> client.limitRanges().inNamespace(namespace).list().getItems());
        if (quotas.forbidden() || ranges.forbidden()) {
            findings.add(
                    new PreflightFinding(
                            Severity.WARNING,
                            Check.QUOTA,
                            quotas.forbidden() ? "ResourceQuota" : "LimitRange",
                            namespace,
                            null,
                            "the caller may not list them, so the preflight cannot tell whether"
                                    + " the deployment fits",
                            "Compare the spec's resources with kubectl describe quota,limitrange"
                                    + " -n "
                                    + namespace
                                    + "."));
        }
        if (quotas.value() != null && !quotas.value().isEmpty()) {
            List<Pod> own =
                    reads.read(
                                    ObjectRef.of(Pod.class, namespace, null),
                                    () ->
                                            client.pods()
                                                    .inNamespace(namespace)
                                                    .withLabels(ownPods)
                                                    .list()
                                                    .getItems())
                            .value();
            quotas.value()
                    .forEach(q -> findings.addAll(quota(q, needs, own == null ? List.of() : own)));
        }
        if (ranges.value() != null) {
            ranges.value().forEach(r -> findings.addAll(limitRange(r, needs)));
        }
        return findings;
    }

    private static List<PreflightFinding> quota(ResourceQuota q, QuotaNeeds needs, List<Pod> own) {
        Map<String, Quantity> hard =
                q.getStatus() != null && q.getStatus().getHard() != null
                        ? q.getStatus().getHard()
                        : q.getSpec() == null ? null : q.getSpec().getHard();
        Map<String, Quantity> used = q.getStatus() == null ? null : q.getStatus().getUsed();
        List<PreflightFinding> findings = new ArrayList<>();
        if (hard == null) {
            return findings;
        }
        hard.forEach(
                (key, limit) ->
                        needs.amountOf(key)
                                .ifPresent(
                                        need -> {
                                            BigDecimal usedByOthers =
                                                    amount(used, key).subtract(usage(own, key));
                                            BigDecimal free =
                                                    amount(hard, key)
                                                            .subtract(
                                                                    usedByOthers.max(
                                                                            BigDecimal.ZERO));
                                            if (need.compareTo(free) > 0) {
                                                findings.add(overQuota(q, key, need, free, needs));
                                            }
                                        }));
        return findings;
    }

    private static PreflightFinding overQuota(
            ResourceQuota q, String key, BigDecimal need, BigDecimal free, QuotaNeeds needs) {
        StringBuilder sizes = new StringBuilder();
        for (QuotaNeeds.Container c : needs.containers()) {
            sizes.append(sizes.length() == 0 ? "" : " + ")
                    .append(c.count())
                    .append(' ')
                    .append(c.role())
                    .append(c.count() == 1 ? "" : "s");
        }
        return new PreflightFinding(
                Severity.ERROR,
                Check.QUOTA,
                "ResourceQuota",
                q.getMetadata().getNamespace(),
                q.getMetadata().getName(),
                "the deployment needs "
                        + key
                        + " "
                        + QuotaNeeds.format(key, need)
                        + " ("
                        + sizes
                        + ", TaskManagers at the autoscaling maximum), but the quota leaves "
                        + QuotaNeeds.format(key, free.max(BigDecimal.ZERO)),
                "Raise the quota's spec.hard."
                        + key
                        + ", or lower the spec's resources, replicas or"
                        + " autoscaling.maxTaskManagers.");
    }

    private static List<PreflightFinding> limitRange(LimitRange range, QuotaNeeds needs) {
        List<PreflightFinding> findings = new ArrayList<>();
        if (range.getSpec() == null || range.getSpec().getLimits() == null) {
            return findings;
        }
        for (LimitRangeItem item : range.getSpec().getLimits()) {
            if (!"Container".equals(item.getType()) && !"Pod".equals(item.getType())) {
                continue;
            }
            for (QuotaNeeds.Container c : needs.containers()) {
                bound(range, item, c, "cpu", QuotaNeeds.Container::cpu, findings);
                bound(range, item, c, "memory", QuotaNeeds.Container::memory, findings);
                bound(
                        range,
                        item,
                        c,
                        "ephemeral-storage",
                        QuotaNeeds.Container::ephemeralStorage,
                        findings);
            }
        }
        return findings;
    }

    private static void bound(
            LimitRange range,
            LimitRangeItem item,
            QuotaNeeds.Container c,
            String resource,
            Function<QuotaNeeds.Container, BigDecimal> amount,
            List<PreflightFinding> findings) {
        BigDecimal value = amount.apply(c);
        if (value == null) {
            return;
        }
        Quantity max = item.getMax() == null ? null : item.getMax().get(resource);
        Quantity min = item.getMin() == null ? null : item.getMin().get(resource);
        String bound = null;
        if (max != null && value.compareTo(max.getNumericalAmount()) > 0) {
            bound = "above its " + item.getType() + " max " + max;
        } else if (min != null && value.compareTo(min.getNumericalAmount()) < 0) {
            bound = "below its " + item.getType() + " min " + min;
        }
        if (bound != null) {
            findings.add(
                    new PreflightFinding(
                            Severity.ERROR,
                            Check.QUOTA,
                            "LimitRange",
                            range.getMetadata().getNamespace(),
                            range.getMetadata().getName(),
                            "the "
                                    + c.role()
                                    + " container's "
                                    + resource
                                    + " "
                                    + QuotaNeeds.format(resource, value)
                                    + " is "
                                    + bound
                                    + ", so its pods would be refused",
                            "Set the spec's "
                                    + (c.role().equals("JobManager") ? "jobManager" : "taskManager")
                                    + ".resource."
                                    + (resource.equals("ephemeral-storage")
                                            ? "ephemeralStorage"
                                            : resource)
                                    + " within the range, or change the LimitRange."));
        }
    }

    private static BigDecimal amount(Map<String, Quantity> quantities, String key) {
        Quantity q = quantities == null ? null : quantities.get(key);
        return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
    }

    /** What {@code pods} count against {@code key}: requests, limits, or the pods themselves. */
    private static BigDecimal usage(List<Pod> pods, String key) {
        if (key.equals("pods") || key.equals("count/pods")) {
            return BigDecimal.valueOf(pods.size());
        }
        boolean limits = key.startsWith("limits.");
        String resource = key.substring(key.indexOf('.') + 1);
        BigDecimal total = BigDecimal.ZERO;
        for (Pod p : pods) {
            for (Container c : p.getSpec().getContainers()) {
                if (c.getResources() == null) {
                    continue;
                }
                Map<String, Quantity> m =
                        limits ? c.getResources().getLimits() : c.getResources().getRequests();
                total = total.add(amount(m, resource));
            }
        }
        return total;
    }
}
