package io.flinkk8s.sdk.testkit.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Every API request clients made to the cluster, in arrival order; requests of the testkit's own
 * controllers are not in it. Thread-safe.
 */
public final class RequestLog {

    private final List<ApiRequest> requests = new ArrayList<>();

    synchronized void add(ApiRequest request) {
        requests.add(request);
    }

    /** A snapshot of every request since the cluster started or the log was last reset. */
    public synchronized List<ApiRequest> all() {
        return List.copyOf(requests);
    }

    /** A snapshot of the requests that change the cluster (create, update, patch, delete). */
    public synchronized List<ApiRequest> writes() {
        return requests.stream().filter(r -> r.verb().isWrite()).toList();
    }

    /** Forgets every request so far, so a test can look only at what comes next. */
    public synchronized void reset() {
        requests.clear();
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder();
        requests.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }
}
