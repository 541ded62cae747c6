package io.flinkk8s.sdk.testkit.faults;

import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.InMemoryApiDispatcher;
import io.flinkk8s.sdk.testkit.server.RequestFault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link FailureRate} at work in a cluster: the requests it failed so far, and its removal (also
 * by {@code close()}, for try-with-resources). Thread-safe.
 */
public final class ApiFault implements AutoCloseable {

    private final FailureRate rate;
    private final InMemoryApiDispatcher dispatcher;
    private final RequestFault decider = this::statusFor;
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<ApiRequest> failed = new ArrayList<>();

    ApiFault(FailureRate rate, InMemoryApiDispatcher dispatcher) {
        this.rate = Objects.requireNonNull(rate, "rate");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        dispatcher.addFault(decider);
    }

    /** What this fault fails. */
    public FailureRate rate() {
        return rate;
    }

    /** The requests this fault answered with an error so far, in arrival order. */
    public synchronized List<ApiRequest> failedRequests() {
        return List.copyOf(failed);
    }

    /** Stops failing requests; requests already failed stay failed. */
    public void remove() {
        dispatcher.removeFault(decider);
    }

    /** As {@link #remove()}. */
    @Override
    public void close() {
        remove();
    }

    private synchronized int statusFor(ApiRequest request) {
        if (!rate.selects(request.verb(), request.resource(), request.subresource())) {
            return 0;
        }
        // a create is named by its body, not its path: creates in one collection count together
        String identity =
                request.verb()
                        + " "
                        + request.resource()
                        + (request.subresource() == null ? "" : "/" + request.subresource())
                        + " "
                        + request.namespace()
                        + "/"
                        + request.name();
        int occurrence = seen.merge(identity, 1, Integer::sum);
        if (!rate.fails(identity, occurrence)) {
            return 0;
        }
        failed.add(request.answered(rate.status()));
        return rate.status();
    }

    @Override
    public String toString() {
        return "ApiFault[" + rate + "]";
    }
}
