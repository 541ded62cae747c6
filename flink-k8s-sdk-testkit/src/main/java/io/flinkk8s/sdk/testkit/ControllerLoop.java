package io.flinkk8s.sdk.testkit;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.testkit.controllers.Controller;
import io.flinkk8s.sdk.testkit.controllers.ControllerContext;
import io.flinkk8s.sdk.testkit.controllers.GarbageCollector;
import io.flinkk8s.sdk.testkit.server.DirectApi;
import io.flinkk8s.sdk.testkit.server.InMemoryApiDispatcher;
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
            String time = clock.instant().toString();
            dispatcher
                    .direct()
                    .create(
                            new EventBuilder()
                                    .withNewMetadata()
                                    .withName(
                                            involved.getMetadata().getName()
                                                    + "."
                                                    + Long.toHexString(
                                                            eventCounter.incrementAndGet()))
                                    .withNamespace(
                                            involved.getMetadata().getNamespace() == null
                                                    ? "default"
                                                    : involved.getMetadata().getNamespace())
                                    .endMetadata()
                                    .withNewInvolvedObject()
                                    .withKind(involved.getKind())
                                    .withApiVersion(involved.getApiVersion())
                                    .withName(involved.getMetadata().getName())
                                    .withNamespace(involved.getMetadata().getNamespace())
                                    .withUid(involved.getMetadata().getUid())
                                    .endInvolvedObject()
                                    .withType(type)
                                    .withReason(reason)
                                    .withMessage(message)
                                    .withFirstTimestamp(time)
                                    .withLastTimestamp(time)
                                    .withCount(1)
                                    .withNewSource()
                                    .withComponent("flinkk8s-testkit")
                                    .endSource()
                                    .build(),
                            "flinkk8s-testkit");
        }
    }
}
