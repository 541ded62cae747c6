package io.flinkk8s.sdk.testkit.server;

import java.util.List;

/**
 * Every API request clients made to the cluster, in arrival order; requests of the testkit's own
 * controllers are not in it. Get it from {@code cluster.requests()}. Thread-safe.
 */
public interface RequestLog {

    /** A snapshot of every request since the cluster started or the log was last reset. */
    List<ApiRequest> all();

    /**
     * A snapshot of the requests that change the cluster (create, update, patch, delete); the
     * creates of access reviews ({@code authorization.k8s.io}), which store nothing, are not among
     * them.
     */
    List<ApiRequest> writes();

    /** Forgets every request so far, so a test can look only at what comes next. */
    void reset();
}
