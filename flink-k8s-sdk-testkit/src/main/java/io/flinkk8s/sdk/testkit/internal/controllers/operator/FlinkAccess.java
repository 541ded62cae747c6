package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import io.flinkk8s.sdk.core.flink.JobSummary;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * How the stand-in reaches the Flink behind a deployment's JobManager (the cluster provides it):
 * its REST address, for the calls that must go through Flink (savepoints, cancel, checkpoint
 * statistics), and its job list, read straight from the runtime in the test JVM.
 */
public interface FlinkAccess {

    /**
     * The REST address of the Flink of deployment {@code namespace/name} while a JobManager runs
     * it; empty while none does (its REST port is closed).
     */
    Optional<URI> runningRestAddress(String namespace, String name);

    /**
     * The jobs of the Flink of deployment {@code namespace/name}, newest first, with what {@code
     * GET /jobs/overview} answers for each (id, name, status, start time); empty while no
     * JobManager runs it.
     */
    List<JobSummary> runningJobs(String namespace, String name);
}
