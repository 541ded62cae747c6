package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the test made go wrong for pods, as the kubelet and the scheduler find it: images that
 * cannot be pulled, containers that crash on every start (with their exit and log lines), pods that
 * cannot be scheduled. Shared by the scheduler, the kubelet and the API server's {@code pods/log};
 * written by {@code cluster.faults()}. Thread-safe. Not API.
 */
public final class PodFaults {

    /**
     * How a container ends each time it starts.
     *
     * @param reason {@code lastState.terminated.reason}, e.g. {@code OOMKilled}, {@code Error}
     * @param exitCode its exit code, e.g. 137
     * @param logLines what it wrote before it ended, served by {@code pods/log}
     */
    public record Crash(String reason, int exitCode, List<String> logLines) {

        /** Copies the lines. */
        public Crash {
            Objects.requireNonNull(reason, "reason");
            logLines = List.copyOf(logLines);
        }
    }

    private final Set<String> unpullable = new LinkedHashSet<>();
    private final Map<List<String>, Crash> crashes = new LinkedHashMap<>();
    private final Map<List<String>, String> unschedulable = new LinkedHashMap<>();

    /** From now on, {@code image} cannot be pulled. */
    public synchronized void unpullable(String image) {
        unpullable.add(Objects.requireNonNull(image, "image"));
    }

    /** From now on, the containers of pods named {@code podNamePrefix}* in {@code ns} crash. */
    public synchronized void crash(String ns, String podNamePrefix, Crash crash) {
        crashes.put(List.of(ns, podNamePrefix), Objects.requireNonNull(crash, "crash"));
    }

    /** From now on, pods named {@code podNamePrefix}* in {@code ns} cannot be scheduled. */
    public synchronized void unschedulable(String ns, String podNamePrefix, String message) {
        unschedulable.put(List.of(ns, podNamePrefix), Objects.requireNonNull(message, "message"));
    }

    /** Lifts every pod fault: images pull, containers run, pods schedule. */
    public synchronized void clear() {
        unpullable.clear();
        crashes.clear();
        unschedulable.clear();
    }

    /** Whether {@code image} cannot be pulled. */
    synchronized boolean isUnpullable(String image) {
        return image != null && unpullable.contains(image);
    }

    /** How the containers of {@code pod} crash, if they do. */
    synchronized Optional<Crash> crashOf(JsonNode pod) {
        return Optional.ofNullable(matching(crashes, pod));
    }

    /** The scheduler's message for {@code pod} when it cannot be scheduled. */
    synchronized Optional<String> unschedulable(JsonNode pod) {
        return Optional.ofNullable(matching(unschedulable, pod));
    }

    /** What {@code container} of {@code pod} wrote: a crash's lines, else nothing. */
    public synchronized String log(JsonNode pod, String container) {
        Crash crash = matching(crashes, pod);
        return crash == null ? "" : String.join("\n", crash.logLines());
    }

    private static <T> T matching(Map<List<String>, T> rules, JsonNode pod) {
        String ns = Trees.namespace(pod);
        String name = Trees.name(pod);
        T found = null;
        for (Map.Entry<List<String>, T> e : rules.entrySet()) {
            if (e.getKey().get(0).equals(ns)
                    && name != null
                    && name.startsWith(e.getKey().get(1))) {
                found = e.getValue();
            }
        }
        return found;
    }
}
