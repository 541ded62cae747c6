package io.flinkk8s.sdk.testkit.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The kubelet: a scheduled pod starts running at once; each container is started when its startup
 * probe first succeeds ({@code initialDelaySeconds} after the container started) and ready when its
 * readiness probe then succeeds {@code successThreshold} times ({@code initialDelaySeconds}, then
 * every {@code periodSeconds}), all on the virtual clock; without probes a container is started and
 * ready at once. Probes always succeed unless the test injects a failure: a failing liveness probe
 * restarts the container after {@code failureThreshold} failed probes ({@code restartCount} grows),
 * a failing readiness probe marks the container (and the pod) not ready after {@code
 * failureThreshold} failed probes and keeps it so until the test lets the probe pass again, and a
 * killed pod's containers restart at once. Restarted containers go through startup and readiness
 * again. Failed probes leave a Warning {@code Unhealthy} Event on the pod, as the kubelet's do (one
 * per failure here, where the kubelet repeats it every period).
 */
public final class PodReadinessController implements Controller {

    /** Pod annotation (a virtual time) by which a test kills a pod's containers. */
    public static final String KILL_ANNOTATION = "testkit.flinkk8s.io/kill";

    /** Pod annotation (a virtual time) from which a pod's liveness probes fail. */
    public static final String LIVENESS_FAILURE_ANNOTATION = "testkit.flinkk8s.io/liveness-failure";

    /**
     * Pod annotation (a virtual time) from which a pod's readiness probes fail, until it is
     * removed.
     */
    public static final String READINESS_FAILURE_ANNOTATION =
            "testkit.flinkk8s.io/readiness-failure";

    private int nextPodIp = 1;

    @Override
    public Set<String> watches() {
        return Set.of("pods");
    }

    @Override
    public void reconcile(ControllerContext context) {
        for (Pod pod : context.api().list(Pod.class)) {
            if (pod.getSpec().getNodeName() == null || Workloads.isDeleting(pod)) {
                continue;
            }
            Pod current = pod;
            PodStatus status = started(context, current);
            Map<String, String> annotations = current.getMetadata().getAnnotations();
            if (annotations != null && annotations.containsKey(KILL_ANNOTATION)) {
                current = clearAnnotation(context, current, KILL_ANNOTATION);
                restartAll(context, current, status, "Killed by the test");
            }
            if (annotations != null && annotations.containsKey(LIVENESS_FAILURE_ANNOTATION)) {
                current =
                        livenessFailure(
                                context,
                                current,
                                status,
                                Instant.parse(annotations.get(LIVENESS_FAILURE_ANNOTATION)));
            }
            PodStatus next = withReadiness(context, current, status);
            if (!Objects.equals(next, pod.getStatus())) {
                context.api().updateStatus(new PodBuilder(current).withStatus(next).build());
            }
        }
    }

    /** The pod's status, initialised to Running with fresh container statuses on first sight. */
    private PodStatus started(ControllerContext context, Pod pod) {
        PodStatus status = pod.getStatus();
        if (status != null
                && "Running".equals(status.getPhase())
                && status.getContainerStatuses() != null
                && !status.getContainerStatuses().isEmpty()) {
            return new PodStatusBuilder(status).build();
        }
        String now = context.now().toString();
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            containers.add(
                    new ContainerStatusBuilder()
                            .withName(c.getName())
                            .withImage(c.getImage())
                            .withImageID("")
                            .withContainerID(
                                    "containerd://"
                                            + pod.getMetadata().getUid()
                                            + "-"
                                            + c.getName())
                            .withRestartCount(0)
                            .withReady(false)
                            .withStarted(false)
                            .withState(
                                    new ContainerStateBuilder()
                                            .withNewRunning()
                                            .withStartedAt(now)
                                            .endRunning()
                                            .build())
                            .build());
        }
        int ip = nextPodIp++;
        return new PodStatusBuilder()
                .withPhase("Running")
                .withStartTime(now)
                .withHostIP(
                        "10.0.0." + (Math.abs(pod.getSpec().getNodeName().hashCode()) % 250 + 1))
                .withPodIP("10.244." + (ip / 250) + "." + (ip % 250 + 1))
                .withQosClass("BestEffort")
                .withContainerStatuses(containers)
                .build();
    }

    private static Pod clearAnnotation(ControllerContext context, Pod pod, String annotation) {
        return context.api()
                .update(
                        new PodBuilder(pod)
                                .editMetadata()
                                .removeFromAnnotations(annotation)
                                .endMetadata()
                                .build(),
                        "flinkk8s-testkit-kubelet");
    }

    private static void restartAll(
            ControllerContext context, Pod pod, PodStatus status, String why) {
        for (ContainerStatus cs : status.getContainerStatuses()) {
            restart(context, cs);
        }
        context.recordEvent(pod, "Normal", "Killing", why);
    }

    private static void restart(ControllerContext context, ContainerStatus cs) {
        String startedAt =
                cs.getState() == null || cs.getState().getRunning() == null
                        ? null
                        : cs.getState().getRunning().getStartedAt();
        cs.setLastState(
                new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(137)
                        .withReason("Error")
                        .withStartedAt(startedAt)
                        .withFinishedAt(context.now().toString())
                        .endTerminated()
                        .build());
        cs.setState(
                new ContainerStateBuilder()
                        .withNewRunning()
                        .withStartedAt(context.now().toString())
                        .endRunning()
                        .build());
        cs.setRestartCount(cs.getRestartCount() + 1);
        cs.setReady(false);
        cs.setStarted(false);
    }

    private static Pod livenessFailure(
            ControllerContext context, Pod pod, PodStatus status, Instant failingSince) {
        Instant restartAt = null;
        for (Container c : pod.getSpec().getContainers()) {
            Probe liveness = c.getLivenessProbe();
            ContainerStatus cs = statusOf(status, c.getName());
            if (liveness == null || cs == null) {
                continue;
            }
            Instant start = startedAt(cs, context.now());
            Instant base =
                    latest(
                            start.plus(seconds(liveness.getInitialDelaySeconds(), 0)),
                            startupDone(c, start));
            Duration period = seconds(liveness.getPeriodSeconds(), 10);
            Instant firstFailure = base;
            while (firstFailure.isBefore(failingSince)) {
                firstFailure = firstFailure.plus(period);
            }
            Instant at =
                    firstFailure.plus(
                            period.multipliedBy(count(liveness.getFailureThreshold(), 3) - 1));
            if (!context.now().isBefore(at)) {
                restart(context, cs);
                context.recordEvent(
                        pod,
                        "Warning",
                        "Unhealthy",
                        "Liveness probe failed " + "(injected by the test)");
                context.recordEvent(
                        pod,
                        "Normal",
                        "Killing",
                        "Container " + c.getName() + " failed liveness probe, will be restarted");
            } else {
                restartAt = restartAt == null || at.isBefore(restartAt) ? at : restartAt;
            }
        }
        if (restartAt != null) {
            context.wakeUpAt(restartAt);
            return pod;
        }
        return clearAnnotation(context, pod, LIVENESS_FAILURE_ANNOTATION);
    }

    private static PodStatus withReadiness(ControllerContext context, Pod pod, PodStatus status) {
        boolean allReady = true;
        Instant failingSince = readinessFailingSince(pod);
        for (Container c : pod.getSpec().getContainers()) {
            ContainerStatus cs = statusOf(status, c.getName());
            Instant start = startedAt(cs, context.now());
            Instant started = startupDone(c, start);
            Instant ready = readyAt(c, started, start);
            Instant unready = unreadyAt(c, started, start, failingSince);
            boolean failed = unready != null && !context.now().isBefore(unready);
            if (failed && Boolean.TRUE.equals(cs.getReady())) {
                // the kubelet's event when a readiness probe fails (it repeats it every period)
                context.recordEvent(
                        pod,
                        "Warning",
                        "Unhealthy",
                        "Readiness probe failed (injected by the test)");
            }
            cs.setStarted(!context.now().isBefore(started));
            cs.setReady(!context.now().isBefore(ready) && !failed);
            allReady &= cs.getReady();
            if (context.now().isBefore(ready)) {
                context.wakeUpAt(context.now().isBefore(started) ? started : ready);
            } else if (unready != null && !failed) {
                context.wakeUpAt(unready);
            }
        }
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(status, "PodScheduled", true, context));
        conditions.add(condition(status, "Initialized", true, context));
        conditions.add(condition(status, "ContainersReady", allReady, context));
        conditions.add(condition(status, "Ready", allReady, context));
        status.setConditions(conditions);
        return status;
    }

    private static Instant readinessFailingSince(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String since = annotations == null ? null : annotations.get(READINESS_FAILURE_ANNOTATION);
        return since == null ? null : Instant.parse(since);
    }

    /**
     * When a readiness probe failing since {@code failingSince} has failed {@code failureThreshold}
     * times in a row (null: it does not fail, or there is no readiness probe).
     */
    private static Instant unreadyAt(
            Container c, Instant started, Instant start, Instant failingSince) {
        Probe readiness = c.getReadinessProbe();
        if (readiness == null || failingSince == null) {
            return null;
        }
        Instant first = latest(start.plus(seconds(readiness.getInitialDelaySeconds(), 0)), started);
        Duration period = seconds(readiness.getPeriodSeconds(), 10);
        Instant firstFailure = first;
        while (firstFailure.isBefore(failingSince)) {
            firstFailure = firstFailure.plus(period);
        }
        return firstFailure.plus(
                period.multipliedBy(count(readiness.getFailureThreshold(), 3) - 1));
    }

    private static Instant startupDone(Container c, Instant start) {
        Probe startup = c.getStartupProbe();
        return startup == null ? start : start.plus(seconds(startup.getInitialDelaySeconds(), 0));
    }

    private static Instant readyAt(Container c, Instant started, Instant start) {
        Probe readiness = c.getReadinessProbe();
        if (readiness == null) {
            return started;
        }
        Instant first = latest(start.plus(seconds(readiness.getInitialDelaySeconds(), 0)), started);
        return first.plus(
                seconds(readiness.getPeriodSeconds(), 10)
                        .multipliedBy(count(readiness.getSuccessThreshold(), 1) - 1));
    }

    private static PodCondition condition(
            PodStatus status, String type, boolean value, ControllerContext context) {
        String s = value ? "True" : "False";
        PodCondition previous =
                status.getConditions() == null
                        ? null
                        : status.getConditions().stream()
                                .filter(c -> c.getType().equals(type))
                                .findFirst()
                                .orElse(null);
        if (previous != null && s.equals(previous.getStatus()) && previous.getReason() == null) {
            return previous;
        }
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(s)
                .withLastTransitionTime(context.now().toString())
                .build();
    }

    private static ContainerStatus statusOf(PodStatus status, String name) {
        return status.getContainerStatuses().stream()
                .filter(cs -> cs.getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static Instant startedAt(ContainerStatus cs, Instant fallback) {
        return cs.getState() == null || cs.getState().getRunning() == null
                ? fallback
                : Workloads.parseTime(cs.getState().getRunning().getStartedAt(), fallback);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration seconds(Integer value, int fallback) {
        return Duration.ofSeconds(value == null ? fallback : value);
    }

    private static int count(Integer value, int fallback) {
        return value == null || value < 1 ? fallback : value;
    }
}
