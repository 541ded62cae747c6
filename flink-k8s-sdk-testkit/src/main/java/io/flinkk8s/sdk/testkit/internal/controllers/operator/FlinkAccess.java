package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import java.net.URI;
import java.util.Optional;

/**
 * How the stand-in reaches the Flink behind a deployment's JobManager (the cluster provides it).
 */
@FunctionalInterface
public interface FlinkAccess {

    /**
     * The REST address of the Flink of deployment {@code namespace/name} while a JobManager runs
     * it; empty while none does (its REST port is closed).
     */
    Optional<URI> runningRestAddress(String namespace, String name);
}
