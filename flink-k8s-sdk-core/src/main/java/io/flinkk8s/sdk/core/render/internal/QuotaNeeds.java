package io.flinkk8s.sdk.core.render.internal;

import io.flinkk8s.sdk.core.internal.Quantities;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What a spec asks of its namespace's quotas at most: the JobManager pods and the TaskManager pods
 * at the autoscaling maximum (the spec's replicas without autoscaling), each with the Flink
 * container's CPU, memory and ephemeral storage as both request and limit (as the SDK renders them
 * and the operator's default limit factors of 1 do). Containers a pod template adds (sidecars) are
 * not counted.
 *
 * @param pods the JobManager and TaskManager pods
 * @param containers the Flink containers by role, one entry per role
 */
public record QuotaNeeds(int pods, List<Container> containers) {

    /**
     * One role's Flink container.
     *
     * @param role {@code JobManager} or {@code TaskManager}
     * @param count how many pods of the role
     * @param cpu cores
     * @param memory bytes
     * @param ephemeralStorage bytes; null when the spec sets none
     */
    public record Container(
            String role,
            int count,
            BigDecimal cpu,
            BigDecimal memory,
            BigDecimal ephemeralStorage) {}

    /** The needs of a defaulted spec (an {@code EffectiveSpec}'s). */
    public static QuotaNeeds of(FlinkDeploymentSpec spec) {
        int jm = spec.jobManager().replicas() == null ? 1 : spec.jobManager().replicas();
        Container jobManager = container("JobManager", jm, spec.jobManager().resource());
        Container taskManagers =
                container("TaskManager", maxTaskManagers(spec), spec.taskManager().resource());
        return new QuotaNeeds(jm + taskManagers.count(), List.of(jobManager, taskManagers));
    }

    /** The TaskManagers at most: the autoscaling maximum when autoscaling is on. */
    public static int maxTaskManagers(FlinkDeploymentSpec spec) {
        int replicas = spec.taskManager().replicas() == null ? 1 : spec.taskManager().replicas();
        AutoscalingPolicy a = spec.autoscaling();
        return a.isEnabled() && a.maxTaskManagers() != null
                ? Math.max(replicas, a.maxTaskManagers())
                : replicas;
    }

    /**
     * The amount of a ResourceQuota's {@code hard} key this needs ({@code pods}, {@code
     * requests.cpu} or {@code cpu}, {@code limits.memory}, ...); empty for a key it does not size.
     */
    public Optional<BigDecimal> amountOf(String quotaKey) {
        return switch (quotaKey) {
            case "pods", "count/pods" -> Optional.of(BigDecimal.valueOf(pods));
            case "cpu", "requests.cpu", "limits.cpu" -> sum(Container::cpu);
            case "memory", "requests.memory", "limits.memory" -> sum(Container::memory);
            case "ephemeral-storage", "requests.ephemeral-storage", "limits.ephemeral-storage" ->
                    sum(Container::ephemeralStorage);
            default -> Optional.empty();
        };
    }

    /** {@code 3} for pods, {@code 2500m} for CPU, {@code 6Gi} for memory and storage. */
    public static String format(String quotaKey, BigDecimal amount) {
        if (quotaKey.endsWith("cpu")) {
            return Quantities.canonicalCpu(amount).toString();
        }
        if (quotaKey.endsWith("memory") || quotaKey.endsWith("storage")) {
            return Quantities.canonicalBytes(
                            amount.setScale(0, java.math.RoundingMode.CEILING).longValueExact())
                    .toString();
        }
        return amount.stripTrailingZeros().toPlainString();
    }

    private Optional<BigDecimal> sum(java.util.function.Function<Container, BigDecimal> amount) {
        BigDecimal total = BigDecimal.ZERO;
        boolean any = false;
        for (Container c : containers) {
            BigDecimal each = amount.apply(c);
            if (each != null) {
                total = total.add(each.multiply(BigDecimal.valueOf(c.count())));
                any = true;
            }
        }
        return any ? Optional.of(total) : Optional.empty();
    }

    private static Container container(String role, int count, Resources r) {
        return new Container(
                role,
                count,
                r.cpu() == null ? null : r.cpu().cores(),
                r.memory() == null ? null : BigDecimal.valueOf(r.memory().bytes()),
                r.ephemeralStorage() == null
                        ? null
                        : BigDecimal.valueOf(r.ephemeralStorage().bytes()));
    }
}
