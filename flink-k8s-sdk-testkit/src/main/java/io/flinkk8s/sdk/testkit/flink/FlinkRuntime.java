package io.flinkk8s.sdk.testkit.flink;

import java.net.URI;
import java.util.List;
import org.apache.flink.api.common.JobID;

/**
 * A Flink cluster running inside the test JVM, reachable over Flink's REST API at {@link
 * #restAddress()}: what the in-memory Kubernetes cluster puts behind a JobManager's REST Service.
 *
 * <p>Two implementations: {@link SimulatedFlinkRuntime} (milliseconds to start, jobs and savepoints
 * are bookkeeping the test controls) and {@link MiniClusterRuntime} (a real Flink {@code
 * MiniCluster} that runs the job's code; seconds to start). Flink's {@code RestClusterClient} works
 * unchanged against both.
 */
public interface FlinkRuntime extends AutoCloseable {

    /**
     * The base URI of the REST API, {@code http://127.0.0.1:<port>}, to point a {@code
     * RestClusterClient} or any HTTP client at.
     */
    URI restAddress();

    /**
     * Starts a job the way the JobManager of an application cluster does: the cluster runs the
     * entry class itself, without a client submitting anything.
     *
     * @param entryClass the job's main class
     * @param args the arguments of its {@code main} method
     * @param restorePath may be null: start without state; otherwise the savepoint or checkpoint to
     *     restore from ({@code execution.state-recovery.path})
     * @return the id of the job the cluster started
     */
    JobID startApplicationJob(String entryClass, List<String> args, String restorePath);

    /** Stops the cluster and deletes its temporary files; calling it again does nothing. */
    @Override
    void close();
}
