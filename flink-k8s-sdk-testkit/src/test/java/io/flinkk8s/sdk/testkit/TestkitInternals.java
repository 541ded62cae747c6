package io.flinkk8s.sdk.testkit;

import io.flinkk8s.sdk.testkit.internal.server.InMemoryApiDispatcher;

/** The testkit's own tests' way into a cluster's engine; test code only, never API. */
public final class TestkitInternals {

    private TestkitInternals() {}

    /** The cluster's API server. */
    public static InMemoryApiDispatcher dispatcher(InMemoryFlinkK8sCluster cluster) {
        return cluster.dispatcher();
    }
}
