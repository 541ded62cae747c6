package io.flinkk8s.sdk.testkit.internal.server;

import io.flinkk8s.sdk.testkit.internal.rbac.AccessReviews;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.RequestLog;
import java.util.ArrayList;
import java.util.List;

/** The {@link RequestLog} the dispatcher records client requests in. Not API. */
public final class RecordedRequests implements RequestLog {

    private final List<ApiRequest> requests = new ArrayList<>();

    synchronized void add(ApiRequest request) {
        requests.add(request);
    }

    @Override
    public synchronized List<ApiRequest> all() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized List<ApiRequest> writes() {
        return requests.stream()
                .filter(r -> r.verb().isWrite() && !AccessReviews.isReviewPath(r.path()))
                .toList();
    }

    @Override
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
