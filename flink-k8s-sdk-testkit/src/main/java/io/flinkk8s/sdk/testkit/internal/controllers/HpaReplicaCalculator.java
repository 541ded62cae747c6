package io.flinkk8s.sdk.testkit.internal.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.testkit.Metrics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Kubernetes' replica calculator ({@code pkg/controller/podautoscaler/replica_calculator.go}) over
 * the target's pods and the test's {@link Metrics}: which pods count (failed and deleting pods not
 * at all, pending pods and, for CPU, pods not ready or still warming up are left out, pods without
 * a sample are missing), the usage ratio in thousandths with Kubernetes' integer rounding, the
 * tolerance, and the second pass that counts missing pods at 100% on a scale-down and at 0% on a
 * scale-up, and left-out pods at 0% on a scale-up.
 */
final class HpaReplicaCalculator {

    static final double TOLERANCE = 0.1;

    /** The controller-manager's {@code --horizontal-pod-autoscaler-cpu-initialization-period}. */
    private static final Duration CPU_INITIALIZATION_PERIOD = Duration.ofMinutes(5);

    /** The controller-manager's {@code --horizontal-pod-autoscaler-initial-readiness-delay}. */
    private static final Duration INITIAL_READINESS_DELAY = Duration.ofSeconds(30);

    /** The window metrics-server reports samples over (its default resolution). */
    private static final Duration METRIC_WINDOW = Duration.ofSeconds(15);

    /** A metric that could not be computed: the error Kubernetes would report. */
    static final class MetricException extends Exception {
        private static final long serialVersionUID = 1L;

        MetricException(String message) {
            super(message);
        }
    }

    /** A proposal of one metric: replicas, the current value (utilization or thousandths). */
    record Result(int replicas, long current, long rawAverage) {}

    private final List<Pod> pods;
    private final Metrics metrics;
    private final String namespace;
    private final String target;
    private final Instant now;

    HpaReplicaCalculator(
            List<Pod> pods, Metrics metrics, String namespace, String target, Instant now) {
        this.pods = pods;
        this.metrics = metrics;
        this.namespace = namespace;
        this.target = target;
        this.now = now;
    }

    /** GetResourceReplicas: a Resource metric with a Utilization target (percent of requests). */
    Result resourceUtilization(int currentReplicas, int targetUtilization, String resource)
            throws MetricException {
        Map<String, Long> requests = new HashMap<>();
        Map<String, Long> samples = new LinkedHashMap<>();
        MetricException missingRequest = null;
        for (Pod pod : pods) {
            long request = 0;
            try {
                request = request(pod, resource);
                requests.put(name(pod), request);
            } catch (MetricException e) {
                missingRequest = e;
            }
            OptionalDouble sample = resourceSample(pod, resource, request);
            if (sample.isPresent()) {
                samples.put(name(pod), (long) sample.getAsDouble());
            }
        }
        if (samples.isEmpty()) {
            throw new MetricException(
                    "unable to get metrics for resource "
                            + resource
                            + ": no metrics returned from resource metrics API");
        }
        if (pods.isEmpty()) {
            throw new MetricException(
                    "no pods returned by selector while calculating replica count");
        }
        Groups groups = group(samples, "cpu".equals(resource));
        groups.ignored.forEach(samples::remove);
        if (missingRequest != null) {
            throw missingRequest;
        }
        if (samples.isEmpty()) {
            throw new MetricException("did not receive metrics for any ready pods");
        }
        long[] first = utilization(samples, requests);
        double usageRatio = (double) first[0] / targetUtilization;
        boolean rebalanceIgnored = !groups.ignored.isEmpty() && usageRatio > 1.0;
        if (!rebalanceIgnored && groups.missing.isEmpty()) {
            if (Math.abs(1.0 - usageRatio) <= TOLERANCE) {
                return new Result(currentReplicas, first[0], first[1]);
            }
            return new Result((int) Math.ceil(usageRatio * groups.ready), first[0], first[1]);
        }
        if (!groups.missing.isEmpty()) {
            for (String pod : groups.missing) {
                if (usageRatio < 1.0) {
                    samples.put(pod, requests.get(pod));
                } else if (usageRatio > 1.0) {
                    samples.put(pod, 0L);
                }
            }
        }
        if (rebalanceIgnored) {
            groups.ignored.forEach(pod -> samples.put(pod, 0L));
        }
        double newRatio = (double) utilization(samples, requests)[0] / targetUtilization;
        if (Math.abs(1.0 - newRatio) <= TOLERANCE
                || (usageRatio < 1.0 && newRatio > 1.0)
                || (usageRatio > 1.0 && newRatio < 1.0)) {
            return new Result(currentReplicas, first[0], first[1]);
        }
        int replicas = (int) Math.ceil(newRatio * samples.size());
        if ((newRatio < 1.0 && replicas > currentReplicas)
                || (newRatio > 1.0 && replicas < currentReplicas)) {
            return new Result(currentReplicas, first[0], first[1]);
        }
        return new Result(replicas, first[0], first[1]);
    }

    /** GetMetricReplicas: a Pods metric with an AverageValue target. */
    Result podsMetric(int currentReplicas, long targetMilli, String metric) throws MetricException {
        Map<String, Long> samples = new LinkedHashMap<>();
        for (Pod pod : pods) {
            OptionalDouble value = metrics.podMetric(namespace, name(pod), metric);
            if (value.isEmpty()) {
                value = metrics.podsMetric(namespace, target, metric);
            }
            if (value.isPresent()) {
                samples.put(name(pod), milli(value.getAsDouble()));
            }
        }
        if (samples.isEmpty()) {
            throw new MetricException(
                    "unable to get metric "
                            + metric
                            + ": no metrics returned from custom metrics API");
        }
        return plain(currentReplicas, targetMilli, samples, false);
    }

    /** GetRawResourceReplicas: a Resource metric with an AverageValue target. */
    Result resourceAverage(int currentReplicas, long targetMilli, String resource)
            throws MetricException {
        Map<String, Long> samples = new LinkedHashMap<>();
        for (Pod pod : pods) {
            long request;
            try {
                request = request(pod, resource);
            } catch (MetricException e) {
                request = 0;
            }
            OptionalDouble sample = resourceSample(pod, resource, request);
            if (sample.isPresent()) {
                samples.put(name(pod), (long) sample.getAsDouble());
            }
        }
        if (samples.isEmpty()) {
            throw new MetricException(
                    "unable to get metrics for resource "
                            + resource
                            + ": no metrics returned from resource metrics API");
        }
        return plain(currentReplicas, targetMilli, samples, "cpu".equals(resource));
    }

    /** calcPlainMetricReplicas: an average per pod against a target average. */
    private Result plain(
            int currentReplicas, long targetMilli, Map<String, Long> samples, boolean cpu)
            throws MetricException {
        if (pods.isEmpty()) {
            throw new MetricException(
                    "no pods returned by selector while calculating replica count");
        }
        Groups groups = group(samples, cpu);
        groups.ignored.forEach(samples::remove);
        if (samples.isEmpty()) {
            throw new MetricException("did not receive metrics for any ready pods");
        }
        long current = average(samples);
        double usageRatio = (double) current / targetMilli;
        boolean rebalanceIgnored = !groups.ignored.isEmpty() && usageRatio > 1.0;
        if (!rebalanceIgnored && groups.missing.isEmpty()) {
            if (Math.abs(1.0 - usageRatio) <= TOLERANCE) {
                return new Result(currentReplicas, current, current);
            }
            return new Result((int) Math.ceil(usageRatio * groups.ready), current, current);
        }
        for (String pod : groups.missing) {
            samples.put(pod, usageRatio < 1.0 ? targetMilli : 0L);
        }
        if (rebalanceIgnored) {
            groups.ignored.forEach(pod -> samples.put(pod, 0L));
        }
        double newRatio = (double) average(samples) / targetMilli;
        if (Math.abs(1.0 - newRatio) <= TOLERANCE
                || (usageRatio < 1.0 && newRatio > 1.0)
                || (usageRatio > 1.0 && newRatio < 1.0)) {
            return new Result(currentReplicas, current, current);
        }
        return new Result((int) Math.ceil(newRatio * samples.size()), current, current);
    }

    /**
     * GetExternalMetricReplicas: an External metric with a Value target, the ratio times the ready
     * pods (with no replicas, the ratio alone).
     */
    Result externalValue(int currentReplicas, long targetMilli, String metric)
            throws MetricException {
        long value = external(metric);
        double usageRatio = (double) value / targetMilli;
        if (currentReplicas == 0) {
            return new Result((int) Math.ceil(usageRatio), value, value);
        }
        if (Math.abs(1.0 - usageRatio) <= TOLERANCE) {
            return new Result(currentReplicas, value, value);
        }
        if (pods.isEmpty()) {
            throw new MetricException(
                    "unable to calculate ready pods: no pods returned by selector while"
                            + " calculating replica count");
        }
        long ready = pods.stream().filter(p -> "Running".equals(phase(p)) && ready(p)).count();
        return new Result((int) Math.ceil(usageRatio * ready), value, value);
    }

    /**
     * GetExternalPerPodMetricReplicas: an External metric with an AverageValue target, the value
     * over the target (the current value is the value per replica of the scale's status).
     */
    Result externalAverageValue(int statusReplicas, long targetMilli, String metric)
            throws MetricException {
        long value = external(metric);
        int replicas = statusReplicas;
        double usageRatio = (double) value / ((double) targetMilli * replicas);
        if (Math.abs(1.0 - usageRatio) > TOLERANCE) {
            replicas = (int) Math.ceil((double) value / targetMilli);
        }
        long average = (long) Math.ceil((double) value / statusReplicas);
        return new Result(replicas, average, value);
    }

    private long external(String metric) throws MetricException {
        OptionalDouble value = metrics.externalMetric(namespace, metric);
        if (value.isEmpty()) {
            throw new MetricException(
                    "unable to get external metric "
                            + namespace
                            + "/"
                            + metric
                            + ": no metrics returned from external metrics API");
        }
        return milli(value.getAsDouble());
    }

    /** A pod's resource usage in thousandths: its own sample, else its target's utilization. */
    private OptionalDouble resourceSample(Pod pod, String resource, long request) {
        var usage = metrics.podUsage(namespace, name(pod), resource);
        if (usage.isPresent()) {
            return OptionalDouble.of(milli(usage.get()));
        }
        var percent = metrics.utilization(namespace, target, resource);
        return percent.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of(Math.max(0, request) * percent.getAsInt() / 100L);
    }

    private static final class Groups {
        int ready;
        final Set<String> ignored = new LinkedHashSet<>();
        final Set<String> missing = new LinkedHashSet<>();
    }

    /** groupPods: which pods count, which are left out, which miss a sample. */
    private Groups group(Map<String, Long> samples, boolean cpu) {
        Groups groups = new Groups();
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null || "Failed".equals(phase(pod))) {
                continue;
            }
            if ("Pending".equals(phase(pod))) {
                groups.ignored.add(name(pod));
                continue;
            }
            if (!samples.containsKey(name(pod))) {
                groups.missing.add(name(pod));
                continue;
            }
            if (cpu && unreadyForCpu(pod)) {
                groups.ignored.add(name(pod));
                continue;
            }
            groups.ready++;
        }
        return groups;
    }

    /** The CPU rule: not ready, or within its initialization period and sampled too early. */
    private boolean unreadyForCpu(Pod pod) {
        PodCondition ready = readyCondition(pod);
        String startTime = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        if (ready == null || startTime == null || ready.getLastTransitionTime() == null) {
            return true;
        }
        Instant start = Instant.parse(startTime);
        Instant transition = Instant.parse(ready.getLastTransitionTime());
        boolean notReady = "False".equals(ready.getStatus());
        if (start.plus(CPU_INITIALIZATION_PERIOD).isAfter(now)) {
            // the sample is taken now over the metric window
            return notReady || now.isBefore(transition.plus(METRIC_WINDOW));
        }
        return notReady && start.plus(INITIAL_READINESS_DELAY).isAfter(transition);
    }

    /** GetResourceUtilizationRatio: {utilization percent, average usage}, integer-rounded. */
    private static long[] utilization(Map<String, Long> samples, Map<String, Long> requests)
            throws MetricException {
        long usage = 0;
        long requested = 0;
        int entries = 0;
        for (var e : samples.entrySet()) {
            Long request = requests.get(e.getKey());
            if (request == null) {
                continue;
            }
            usage += e.getValue();
            requested += request;
            entries++;
        }
        if (requested == 0) {
            throw new MetricException("no metrics returned matched known pods");
        }
        return new long[] {usage * 100 / requested, usage / entries};
    }

    private static long average(Map<String, Long> samples) {
        return samples.values().stream().mapToLong(Long::longValue).sum() / samples.size();
    }

    /** calculatePodRequests: the sum over containers; a container without one fails it all. */
    private static long request(Pod pod, String resource) throws MetricException {
        long sum = 0;
        for (Container c : pod.getSpec().getContainers()) {
            Quantity q =
                    c.getResources() == null || c.getResources().getRequests() == null
                            ? null
                            : c.getResources().getRequests().get(resource);
            if (q == null) {
                throw new MetricException("missing request for " + resource);
            }
            sum += milli(q);
        }
        return sum;
    }

    static long milli(Quantity quantity) {
        return quantity.getNumericalAmount()
                .movePointRight(3)
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    static long milli(double value) {
        return BigDecimal.valueOf(value)
                .movePointRight(3)
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /**
     * A quantity of {@code milli} thousandths as Kubernetes writes it ({@code 500m}, {@code 2}).
     */
    static Quantity milliQuantity(long milli) {
        return new Quantity(milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m");
    }

    static boolean ready(Pod pod) {
        PodCondition ready = readyCondition(pod);
        return ready != null && "True".equals(ready.getStatus());
    }

    private static PodCondition readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .findFirst()
                .orElse(null);
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getName();
    }
}
