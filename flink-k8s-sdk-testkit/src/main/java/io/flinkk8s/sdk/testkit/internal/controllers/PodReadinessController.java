package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 * per failure here, where the kubelet repeats it every period). Images that cannot be pulled and
 * containers that crash on every start ({@link PodFaults}) are the {@link ContainerFailures}' part;
 * once such a fault is lifted the pod starts afresh.
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

    private final ContainerFailures failures;
    private int nextPodIp = 1;

    /** The kubelet, with the pod faults a test injects. */
    public PodReadinessController(PodFaults faults) {
        this.failures = new ContainerFailures(faults);
    }

    @Override
    public Set<String> watches() {
        return Set.of("pods");
    }

    @Override
    public void reconcile(ControllerContext context) {
        for (JsonNode pod : context.api().listJson(Pod.class, null)) {
            if (!pod.path("spec").hasNonNull("nodeName") || Trees.isDeleting(pod)) {
                continue;
            }
            Optional<ObjectNode> failing = failures.status(context, pod);
            if (failing.isPresent()) {
                if (!failing.get().equals(pod.path("status"))) {
                    ObjectNode written = pod.deepCopy();
                    written.set("status", failing.get());
                    context.api().updateStatusJson(Pod.class, written);
                }
                continue;
            }
            JsonNode current = pod;
            ObjectNode status = started(context, current);
            JsonNode annotations = Trees.meta(pod).path("annotations");
            if (annotations.has(KILL_ANNOTATION)) {
                current = clearAnnotation(context, current, KILL_ANNOTATION);
                restartAll(context, current, status, "Killed by the test");
            }
            if (annotations.has(LIVENESS_FAILURE_ANNOTATION)) {
                current =
                        livenessFailure(
                                context,
                                current,
                                status,
                                Instant.parse(
                                        annotations.path(LIVENESS_FAILURE_ANNOTATION).asText()));
            }
            ObjectNode next = withReadiness(context, current, status);
            if (!next.equals(pod.path("status"))) {
                ObjectNode written = current.deepCopy();
                written.set("status", next);
                context.api().updateStatusJson(Pod.class, written);
            }
        }
    }

    /**
     * A copy of the pod's status to change, initialised to Running with fresh container statuses on
     * first sight.
     */
    private ObjectNode started(ControllerContext context, JsonNode pod) {
        JsonNode status = pod.path("status");
        JsonNode containerStatuses = status.path("containerStatuses");
        boolean waiting = false;
        for (JsonNode cs : Trees.elements(containerStatuses)) {
            waiting |= cs.path("state").has("waiting");
        }
        if ("Running".equals(Trees.text(status, "phase"))
                && containerStatuses.isArray()
                && !containerStatuses.isEmpty()
                && !waiting) {
            return status.deepCopy();
        }
        String now = context.now().toString();
        ArrayNode containers = Trees.array();
        for (JsonNode c : Trees.elements(pod.path("spec").get("containers"))) {
            String name = Trees.text(c, "name");
            // in the field order fabric8's ContainerStatus writes
            ObjectNode cs = containers.addObject();
            cs.put("containerID", "containerd://" + Trees.uid(pod) + "-" + name);
            String image = Trees.text(c, "image");
            if (image != null) {
                cs.put("image", image);
            }
            cs.put("imageID", "");
            cs.put("name", name);
            cs.put("ready", false);
            // a container that leaves a crash loop keeps its count
            JsonNode before = Trees.find(containerStatuses, "name", name);
            cs.put("restartCount", before == null ? 0 : Trees.integer(before, "restartCount", 0));
            cs.put("started", false);
            cs.putObject("state").putObject("running").put("startedAt", now);
        }
        int ip = nextPodIp++;
        String nodeName = Trees.text(pod.path("spec"), "nodeName");
        // in the field order fabric8's PodStatus writes
        ObjectNode fresh = Trees.object();
        fresh.set("containerStatuses", containers);
        fresh.put("hostIP", "10.0.0." + (Math.abs(nodeName.hashCode()) % 250 + 1));
        fresh.put("phase", "Running");
        fresh.put("podIP", "10.244." + (ip / 250) + "." + (ip % 250 + 1));
        fresh.put("qosClass", "BestEffort");
        fresh.put("startTime", now);
        return fresh;
    }

    private static JsonNode clearAnnotation(
            ControllerContext context, JsonNode pod, String annotation) {
        ObjectNode cleared = pod.deepCopy();
        ObjectNode metadata = cleared.with("metadata");
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(annotation);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        JsonNode stored = context.api().updateJson(Pod.class, cleared, "flinkk8s-testkit-kubelet");
        return stored == null ? cleared : stored;
    }

    private static void restartAll(
            ControllerContext context, JsonNode pod, ObjectNode status, String why) {
        for (JsonNode cs : Trees.elements(status.get("containerStatuses"))) {
            restart(context, (ObjectNode) cs);
        }
        context.recordEvent(pod, "Normal", "Killing", why);
    }

    private static void restart(ControllerContext context, ObjectNode cs) {
        String startedAt = Trees.text(cs.path("state").path("running"), "startedAt");
        ObjectNode terminated = Trees.object();
        terminated.put("exitCode", 137);
        terminated.put("finishedAt", context.now().toString());
        terminated.put("reason", "Error");
        if (startedAt != null) {
            terminated.put("startedAt", startedAt);
        }
        cs.set("lastState", Trees.object().set("terminated", terminated));
        ObjectNode state = Trees.object();
        state.putObject("running").put("startedAt", context.now().toString());
        cs.set("state", state);
        cs.put("restartCount", Trees.integer(cs, "restartCount", 0) + 1);
        cs.put("ready", false);
        cs.put("started", false);
    }

    private static JsonNode livenessFailure(
            ControllerContext context, JsonNode pod, ObjectNode status, Instant failingSince) {
        Instant restartAt = null;
        for (JsonNode c : Trees.elements(pod.path("spec").get("containers"))) {
            JsonNode liveness = c.get("livenessProbe");
            ObjectNode cs = statusOf(status, Trees.text(c, "name"));
            if (liveness == null || liveness.isNull() || cs == null) {
                continue;
            }
            Instant start = startedAt(cs, context.now());
            Instant base =
                    latest(
                            start.plus(seconds(liveness, "initialDelaySeconds", 0)),
                            startupDone(c, start));
            Duration period = seconds(liveness, "periodSeconds", 10);
            Instant firstFailure = base;
            while (firstFailure.isBefore(failingSince)) {
                firstFailure = firstFailure.plus(period);
            }
            Instant at =
                    firstFailure.plus(
                            period.multipliedBy(count(liveness, "failureThreshold", 3) - 1));
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
                        "Container "
                                + Trees.text(c, "name")
                                + " failed liveness probe, will be restarted");
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

    private static ObjectNode withReadiness(
            ControllerContext context, JsonNode pod, ObjectNode status) {
        boolean allReady = true;
        Instant failingSince =
                Trees.time(Trees.meta(pod).path("annotations"), READINESS_FAILURE_ANNOTATION, null);
        for (JsonNode c : Trees.elements(pod.path("spec").get("containers"))) {
            ObjectNode cs = statusOf(status, Trees.text(c, "name"));
            if (cs == null) {
                allReady = false;
                continue;
            }
            Instant start = startedAt(cs, context.now());
            Instant started = startupDone(c, start);
            Instant ready = readyAt(c, started, start);
            Instant unready = unreadyAt(c, started, start, failingSince);
            boolean failed = unready != null && !context.now().isBefore(unready);
            if (failed && cs.path("ready").asBoolean(false)) {
                // the kubelet's event when a readiness probe fails (it repeats it every period)
                context.recordEvent(
                        pod,
                        "Warning",
                        "Unhealthy",
                        "Readiness probe failed (injected by the test)");
            }
            boolean isReady = !context.now().isBefore(ready) && !failed;
            cs.put("started", !context.now().isBefore(started));
            cs.put("ready", isReady);
            allReady &= isReady;
            if (context.now().isBefore(ready)) {
                context.wakeUpAt(context.now().isBefore(started) ? started : ready);
            } else if (unready != null && !failed) {
                context.wakeUpAt(unready);
            }
        }
        ArrayNode conditions = Trees.array();
        conditions.add(condition(status, "PodScheduled", true, context));
        conditions.add(condition(status, "Initialized", true, context));
        conditions.add(condition(status, "ContainersReady", allReady, context));
        conditions.add(condition(status, "Ready", allReady, context));
        status.set("conditions", conditions);
        return status;
    }

    /**
     * When a readiness probe failing since {@code failingSince} has failed {@code failureThreshold}
     * times in a row (null: it does not fail, or there is no readiness probe).
     */
    private static Instant unreadyAt(
            JsonNode c, Instant started, Instant start, Instant failingSince) {
        JsonNode readiness = c.get("readinessProbe");
        if (readiness == null || readiness.isNull() || failingSince == null) {
            return null;
        }
        Instant first = latest(start.plus(seconds(readiness, "initialDelaySeconds", 0)), started);
        Duration period = seconds(readiness, "periodSeconds", 10);
        Instant firstFailure = first;
        while (firstFailure.isBefore(failingSince)) {
            firstFailure = firstFailure.plus(period);
        }
        return firstFailure.plus(period.multipliedBy(count(readiness, "failureThreshold", 3) - 1));
    }

    private static Instant startupDone(JsonNode c, Instant start) {
        JsonNode startup = c.get("startupProbe");
        return startup == null || startup.isNull()
                ? start
                : start.plus(seconds(startup, "initialDelaySeconds", 0));
    }

    private static Instant readyAt(JsonNode c, Instant started, Instant start) {
        JsonNode readiness = c.get("readinessProbe");
        if (readiness == null || readiness.isNull()) {
            return started;
        }
        Instant first = latest(start.plus(seconds(readiness, "initialDelaySeconds", 0)), started);
        return first.plus(
                seconds(readiness, "periodSeconds", 10)
                        .multipliedBy(count(readiness, "successThreshold", 1) - 1));
    }

    private static JsonNode condition(
            JsonNode status, String type, boolean value, ControllerContext context) {
        String s = value ? "True" : "False";
        JsonNode previous = Trees.find(status.get("conditions"), "type", type);
        if (previous != null
                && s.equals(Trees.text(previous, "status"))
                && Trees.text(previous, "reason") == null) {
            return previous.deepCopy();
        }
        // in the field order fabric8's PodCondition writes
        ObjectNode condition = Trees.object();
        condition.put("lastTransitionTime", context.now().toString());
        condition.put("status", s);
        condition.put("type", type);
        return condition;
    }

    private static ObjectNode statusOf(JsonNode status, String name) {
        return Trees.find(status.get("containerStatuses"), "name", name) instanceof ObjectNode cs
                ? cs
                : null;
    }

    private static Instant startedAt(JsonNode cs, Instant fallback) {
        return Trees.time(cs.path("state").path("running"), "startedAt", fallback);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration seconds(JsonNode probe, String field, int fallback) {
        return Duration.ofSeconds(Trees.integer(probe, field, fallback));
    }

    private static int count(JsonNode probe, String field, int fallback) {
        int value = Trees.integer(probe, field, fallback);
        return value < 1 ? fallback : value;
    }
}
