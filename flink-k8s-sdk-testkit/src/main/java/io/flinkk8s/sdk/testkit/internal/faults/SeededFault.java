package io.flinkk8s.sdk.testkit.internal.faults;

import io.flinkk8s.sdk.testkit.faults.ApiFault;
import io.flinkk8s.sdk.testkit.faults.FailureRate;
import io.flinkk8s.sdk.testkit.internal.server.InMemoryApiDispatcher;
import io.flinkk8s.sdk.testkit.internal.server.RequestFault;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link ApiFault}: a {@link FailureRate} deciding, request by request, through the dispatcher's
 * {@link RequestFault} hook. Which requests fail is a seeded 64-bit hash of each request's verb,
 * resource, namespace and name and of how many such requests came before it. Not API.
 */
final class SeededFault implements ApiFault {

    private final FailureRate rate;
    private final InMemoryApiDispatcher dispatcher;
    private final RequestFault decider = this::statusFor;
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<ApiRequest> failed = new ArrayList<>();

    SeededFault(FailureRate rate, InMemoryApiDispatcher dispatcher) {
        this.rate = Objects.requireNonNull(rate, "rate");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        dispatcher.addFault(decider);
    }

    @Override
    public FailureRate rate() {
        return rate;
    }

    @Override
    public synchronized List<ApiRequest> failedRequests() {
        return List.copyOf(failed);
    }

    @Override
    public void remove() {
        dispatcher.removeFault(decider);
    }

    @Override
    public void close() {
        remove();
    }

    private synchronized int statusFor(ApiRequest request) {
        if (!selects(rate, request.verb(), request.resource(), request.subresource())) {
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
        if (!fails(rate, identity, occurrence)) {
            return 0;
        }
        failed.add(request.answered(rate.status()));
        return rate.status();
    }

    /** Whether {@code rate} considers a request: its verb, and its resource or subresource. */
    static boolean selects(FailureRate rate, ApiVerb verb, String resource, String subresource) {
        if (!rate.verbs().contains(verb)) {
            return false;
        }
        return rate.resources().isEmpty()
                || subresource == null && rate.resources().contains(resource)
                || subresource != null && rate.resources().contains(resource + "/" + subresource);
    }

    /**
     * Whether the request that is the {@code occurrence}-th (from 1) with this {@code identity}
     * fails: a seeded 64-bit hash of both, read as a number in [0, 1), below the share.
     */
    static boolean fails(FailureRate rate, String identity, int occurrence) {
        long h = rate.seed() ^ 0xcbf29ce484222325L;
        String key = identity + "#" + occurrence;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        // SplitMix64's finalizer spreads the FNV bits over the whole word
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        double unit = (h >>> 11) * 0x1.0p-53;
        return unit < rate.percent() / 100;
    }

    @Override
    public String toString() {
        return "ApiFault[" + rate + "]";
    }
}
