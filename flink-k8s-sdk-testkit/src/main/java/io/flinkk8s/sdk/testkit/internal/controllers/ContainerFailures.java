package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The kubelet's side of {@link PodFaults}: the status of a scheduled pod whose image cannot be
 * pulled or whose containers crash, written as the kubelet writes it.
 *
 * <ul>
 *   <li>An image that cannot be pulled: the pod stays {@code Pending}, the container {@code
 *       waiting} with reason {@code ErrImagePull}, and {@code ImagePullBackOff} from 10 s after the
 *       pod started; Warning {@code Failed} Events as the kubelet's.
 *   <li>A crashing container: the pod {@code Running}, the container {@code waiting} with reason
 *       {@code CrashLoopBackOff}, its {@code lastState.terminated} with the crash's reason and exit
 *       code, {@code restartCount} growing at each restart after the kubelet's back-off (10 s,
 *       doubling, at most 5 minutes, on the virtual clock); a Warning {@code BackOff} Event at each
 *       back-off.
 * </ul>
 *
 * Once the fault is lifted, the pod is started afresh by {@link PodReadinessController}.
 */
final class ContainerFailures {

    private static final Duration IMAGE_BACK_OFF = Duration.ofSeconds(10);
    private static final Duration CRASH_BACK_OFF = Duration.ofSeconds(10);
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    private final PodFaults faults;

    ContainerFailures(PodFaults faults) {
        this.faults = faults;
    }

    /** The status the kubelet writes for {@code pod} under a fault; empty when it has none. */
    Optional<ObjectNode> status(ControllerContext context, JsonNode pod) {
        boolean pullFails = false;
        for (JsonNode c : Trees.elements(pod.path("spec").get("containers"))) {
            pullFails |= faults.isUnpullable(Trees.text(c, "image"));
        }
        if (pullFails) {
            return Optional.of(imagePullFailure(context, pod));
        }
        return faults.crashOf(pod).map(crash -> crashLoop(context, pod, crash));
    }

    private ObjectNode imagePullFailure(ControllerContext context, JsonNode pod) {
        JsonNode previous = pod.path("status");
        Instant start = Trees.time(previous, "startTime", context.now());
        boolean backOff = !context.now().isBefore(start.plus(IMAGE_BACK_OFF));
        ArrayNode containers = Trees.array();
        for (JsonNode c : Trees.elements(pod.path("spec").get("containers"))) {
            String image = Trees.text(c, "image");
            ObjectNode cs = containerStatus(c, 0);
            if (faults.isUnpullable(image)) {
                String reason = backOff ? "ImagePullBackOff" : "ErrImagePull";
                String message =
                        backOff
                                ? "Back-off pulling image \"" + image + "\""
                                : "rpc error: code = NotFound desc = failed to pull and unpack image"
                                        + " \""
                                        + image
                                        + "\": not found";
                waiting(cs, reason, message);
                JsonNode before =
                        Trees.find(
                                previous.get("containerStatuses"), "name", Trees.text(c, "name"));
                String was =
                        before == null
                                ? null
                                : Trees.text(before.path("state").path("waiting"), "reason");
                if (!reason.equals(was)) {
                    context.recordEvent(
                            pod,
                            "Warning",
                            "Failed",
                            backOff
                                    ? "Error: ImagePullBackOff"
                                    : "Failed to pull image \"" + image + "\": " + message);
                }
            } else {
                waiting(cs, "PodInitializing", null);
            }
            containers.add(cs);
        }
        if (!backOff) {
            context.wakeUpAt(start.plus(IMAGE_BACK_OFF));
        }
        return podStatus(context, pod, "Pending", containers, start);
    }

    private ObjectNode crashLoop(ControllerContext context, JsonNode pod, PodFaults.Crash crash) {
        JsonNode previous = pod.path("status");
        Instant start = Trees.time(previous, "startTime", context.now());
        ArrayNode containers = Trees.array();
        for (JsonNode c : Trees.elements(pod.path("spec").get("containers"))) {
            String name = Trees.text(c, "name");
            JsonNode before = Trees.find(previous.get("containerStatuses"), "name", name);
            boolean looping =
                    before != null
                            && "CrashLoopBackOff"
                                    .equals(
                                            Trees.text(
                                                    before.path("state").path("waiting"),
                                                    "reason"));
            int restarts = before == null ? 0 : Trees.integer(before, "restartCount", 0);
            Instant lastCrash =
                    looping
                            ? Trees.time(
                                    before.path("lastState").path("terminated"),
                                    "finishedAt",
                                    context.now())
                            : null;
            Instant nextRestart = lastCrash == null ? null : lastCrash.plus(backOff(restarts));
            ObjectNode cs;
            if (nextRestart == null || !context.now().isBefore(nextRestart)) {
                // it (re)starts and crashes at once: one more restart, a longer back-off
                restarts++;
                cs = containerStatus(c, restarts);
                ObjectNode terminated = Trees.object();
                terminated.put("exitCode", crash.exitCode());
                terminated.put("finishedAt", context.now().toString());
                terminated.put("reason", crash.reason());
                terminated.put("startedAt", context.now().toString());
                cs.set("lastState", Trees.object().set("terminated", terminated));
                nextRestart = context.now().plus(backOff(restarts));
                context.recordEvent(
                        pod,
                        "Warning",
                        "BackOff",
                        "Back-off restarting failed container "
                                + name
                                + " in pod "
                                + Trees.name(pod)
                                + "_"
                                + Trees.namespace(pod)
                                + "("
                                + Trees.uid(pod)
                                + ")");
            } else {
                cs = ((ObjectNode) before).deepCopy();
            }
            waiting(
                    cs,
                    "CrashLoopBackOff",
                    "back-off "
                            + backOff(restarts).toSeconds()
                            + "s restarting failed container="
                            + name
                            + " pod="
                            + Trees.name(pod)
                            + "_"
                            + Trees.namespace(pod)
                            + "("
                            + Trees.uid(pod)
                            + ")");
            context.wakeUpAt(nextRestart);
            containers.add(cs);
        }
        return podStatus(context, pod, "Running", containers, start);
    }

    /**
     * The kubelet's back-off before restart {@code restarts + 1}: 10 s, doubling, at most 5 min.
     */
    private static Duration backOff(int restarts) {
        Duration d = CRASH_BACK_OFF;
        for (int i = 1; i < restarts && d.compareTo(MAX_BACK_OFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : d;
    }

    private static ObjectNode containerStatus(JsonNode c, int restarts) {
        // in the field order fabric8's ContainerStatus writes
        ObjectNode cs = Trees.object();
        String image = Trees.text(c, "image");
        if (image != null) {
            cs.put("image", image);
        }
        cs.put("imageID", "");
        cs.put("name", Trees.text(c, "name"));
        cs.put("ready", false);
        cs.put("restartCount", restarts);
        cs.put("started", false);
        return cs;
    }

    private static void waiting(ObjectNode cs, String reason, String message) {
        ObjectNode waiting = Trees.object();
        if (message != null) {
            waiting.put("message", message);
        }
        waiting.put("reason", reason);
        cs.set("state", Trees.object().set("waiting", waiting));
    }

    private static ObjectNode podStatus(
            ControllerContext context,
            JsonNode pod,
            String phase,
            ArrayNode containers,
            Instant start) {
        JsonNode previous = pod.path("status");
        ObjectNode status = Trees.object();
        ArrayNode conditions = status.putArray("conditions");
        conditions.add(condition(previous, "PodScheduled", "True", null, context));
        conditions.add(condition(previous, "Initialized", "True", null, context));
        conditions.add(
                condition(previous, "ContainersReady", "False", "ContainersNotReady", context));
        conditions.add(condition(previous, "Ready", "False", "ContainersNotReady", context));
        status.set("containerStatuses", containers);
        status.put("phase", phase);
        status.put("qosClass", "BestEffort");
        status.put("startTime", start.toString());
        return status;
    }

    private static ObjectNode condition(
            JsonNode previous,
            String type,
            String value,
            String reason,
            ControllerContext context) {
        JsonNode before = Trees.find(previous.get("conditions"), "type", type);
        String since =
                before != null && value.equals(Trees.text(before, "status"))
                        ? Trees.text(before, "lastTransitionTime")
                        : context.now().toString();
        ObjectNode condition = Trees.object();
        condition.put("lastTransitionTime", since);
        if (reason != null) {
            condition.put("reason", reason);
        }
        condition.put("status", value);
        condition.put("type", type);
        return condition;
    }
}
