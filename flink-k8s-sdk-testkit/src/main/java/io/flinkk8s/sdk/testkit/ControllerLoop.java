package io.flinkk8s.sdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flinkk8s.sdk.testkit.internal.controllers.Controller;
import io.flinkk8s.sdk.testkit.internal.controllers.ControllerContext;
import io.flinkk8s.sdk.testkit.internal.controllers.GarbageCollector;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import io.flinkk8s.sdk.testkit.internal.server.DirectApi;
import io.flinkk8s.sdk.testkit.internal.server.InMemoryApiDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the controllers until nothing changes, and moves the virtual clock from one requested
 * wake-up to the next. Everything runs under the dispatcher lock, so no client request interleaves
 * with a round and the outcome depends only on what the test did.
 */
final class ControllerLoop {

    private static final int MAX_ROUNDS = 200;

    private final List<Controller> controllers;
    private final InMemoryApiDispatcher dispatcher;
    private final VirtualClock clock;
    private final Metrics metrics;
    private final TreeMap<Instant, Set<Controller>> timers = new TreeMap<>();
    private final Set<Controller> neverRan;
    private final AtomicLong eventCounter = new AtomicLong();

    ControllerLoop(
            List<Controller> controllers,
            InMemoryApiDispatcher dispatcher,
            VirtualClock clock,
            Metrics metrics) {
        this.controllers = List.copyOf(controllers);
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.metrics = metrics;
        this.neverRan = new HashSet<>(controllers);
    }

    /** Runs controllers until a round changes nothing. */
    void settle() {
        dispatcher.locked(this::settleLocked);
    }

    /**
     * Runs every controller once and then until nothing changes: after a change they cannot see in
     * the API (a pod fault that the scheduler or the kubelet reads).
     */
    void settleAll() {
        dispatcher.locked(
                () -> {
                    neverRan.addAll(controllers);
                    settleLocked();
                });
    }

    /** Moves the clock forward by {@code duration}, stopping at every wake-up on the way. */
    void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(
                    "cannot advance by a negative duration: " + duration);
        }
        dispatcher.locked(
                () -> {
                    Instant target = clock.instant().plus(duration);
                    settleLocked();
                    while (!timers.isEmpty() && !timers.firstKey().isAfter(target)) {
                        Instant next = timers.firstKey();
                        if (next.isAfter(clock.instant())) {
                            clock.set(next);
                        }
                        settleLocked();
                    }
                    clock.set(target);
                    settleLocked();
                });
    }

    /** The next virtual time a controller asked to be woken at, or null. */
    Instant nextWakeUp() {
        Instant[] next = new Instant[1];
        dispatcher.locked(() -> next[0] = timers.isEmpty() ? null : timers.firstKey());
        return next[0];
    }

    private void settleLocked() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Set<String> changed = dispatcher.drainChangedResources();
            Set<Controller> due = dueTimers();
            List<Controller> toRun = new ArrayList<>();
            for (Controller c : controllers) {
                if (neverRan.contains(c)
                        || due.contains(c)
                        || c.watches().contains(GarbageCollector.ANY_RESOURCE)
                                && changed.stream().anyMatch(r -> !r.equals("events"))
                        || c.watches().stream().anyMatch(changed::contains)) {
                    toRun.add(c);
                }
            }
            if (toRun.isEmpty()) {
                return;
            }
            for (Controller c : toRun) {
                neverRan.remove(c);
                c.reconcile(new Context(c));
            }
        }
        throw new IllegalStateException(
                "the in-memory cluster's controllers did not settle after "
                        + MAX_ROUNDS
                        + " rounds; two writers are probably fighting over the same field");
    }

    private Set<Controller> dueTimers() {
        Set<Controller> due = new HashSet<>();
        while (!timers.isEmpty() && !timers.firstKey().isAfter(clock.instant())) {
            Map.Entry<Instant, Set<Controller>> e = timers.pollFirstEntry();
            due.addAll(e.getValue());
        }
        return due;
    }

    private final class Context implements ControllerContext {

        private final Controller owner;

        Context(Controller owner) {
            this.owner = owner;
        }

        @Override
        public DirectApi api() {
            return dispatcher.direct();
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public void wakeUpAt(Instant at) {
            timers.computeIfAbsent(at, t -> new HashSet<>()).add(owner);
        }

        @Override
        public Metrics metrics() {
            return metrics;
        }

        @Override
        public void recordEvent(HasMetadata involved, String type, String reason, String message) {
            ObjectMeta meta = involved.getMetadata();
            record(
                    involved.getKind(),
                    involved.getApiVersion(),
                    meta.getName(),
                    meta.getNamespace(),
                    meta.getUid(),
                    type,
                    reason,
                    message);
        }

        @Override
        public void recordEvent(JsonNode involved, String type, String reason, String message) {
            record(
                    Trees.text(involved, "kind"),
                    Trees.text(involved, "apiVersion"),
                    Trees.name(involved),
                    Trees.namespace(involved),
                    Trees.uid(involved),
                    type,
                    reason,
                    message);
        }

        /** Creates the Event as a tree, in the field order fabric8's model writes. */
        private void record(
                String kind,
                String apiVersion,
                String name,
                String namespace,
                String uid,
                String type,
                String reason,
                String message) {
            String time = clock.instant().toString();
            ObjectNode event = Trees.object();
            event.put("apiVersion", "v1");
            event.put("kind", "Event");
            ObjectNode metadata = event.putObject("metadata");
            metadata.put("name", name + "." + Long.toHexString(eventCounter.incrementAndGet()));
            metadata.put("namespace", namespace == null ? "default" : namespace);
            event.put("count", 1);
            event.put("firstTimestamp", time);
            ObjectNode involved = event.putObject("involvedObject");
            putIfPresent(involved, "apiVersion", apiVersion);
            putIfPresent(involved, "kind", kind);
            putIfPresent(involved, "name", name);
            putIfPresent(involved, "namespace", namespace);
            putIfPresent(involved, "uid", uid);
            event.put("lastTimestamp", time);
            event.put("message", message);
            event.put("reason", reason);
            event.putObject("source").put("component", "flinkk8s-testkit");
            event.put("type", type);
            dispatcher.direct().createJson(Event.class, event, "flinkk8s-testkit");
        }

        private static void putIfPresent(ObjectNode into, String field, String value) {
            if (value != null) {
                into.put(field, value);
            }
        }
    }
}
