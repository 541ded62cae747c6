package io.flinkk8s.sdk.testkit.faults;

import io.flinkk8s.sdk.testkit.server.ApiRequest;
import java.util.List;

/**
 * A {@link FailureRate} at work in a cluster ({@link Faults#failRequests(FailureRate)}): the
 * requests it failed so far, and its removal (also by {@code close()}, for try-with-resources).
 * Thread-safe.
 */
public interface ApiFault extends AutoCloseable {

    /** What this fault fails. */
    FailureRate rate();

    /** The requests this fault answered with an error so far, in arrival order. */
    List<ApiRequest> failedRequests();

    /** Stops failing requests; requests already failed stay failed. */
    void remove();

    /** As {@link #remove()}. */
    @Override
    void close();
}
