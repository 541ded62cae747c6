package io.flinkk8s.sdk.testkit;

import io.flinkk8s.sdk.testkit.flink.FlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import io.flinkk8s.sdk.testkit.flink.SimulatedSavepoint;
import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.client.JobStatusMessage;

/**
 * One JobManager process of an SDK deployment: the Flink runtime a Ready JobManager pod runs, and
 * what it did. Ends with the pod (or its container). Called under {@link FlinkJobManager}'s lock.
 */
interface JobManagerProcess {

    /** Where the runtime's REST API listens. */
    URI restAddress();

    /** The runtime itself. */
    FlinkRuntime runtime();

    /** Starts the application job, as {@code standalone-job} does at JobManager start. */
    JobID startApplicationJob(String entryClass, List<String> args, String restorePath);

    /** The jobs of this process, oldest first. */
    List<SimulatedJob> jobs();

    /**
     * The jobs the runtime lists ({@code GET /jobs/overview}: id, name, status, start time), read
     * in the test JVM without a REST round trip.
     */
    List<JobStatusMessage> listJobs();

    /** The savepoints of this process, oldest first. */
    List<SimulatedSavepoint> savepoints();

    /** Completes a checkpoint of a RUNNING job and returns its id (simulated runtime only). */
    long completeCheckpoint(JobID jobId);

    /** Tells the runtime how many TaskManagers are connected (a MiniCluster has its own). */
    void taskManagers(int count);

    /** A job's parallelism now, if the runtime knows it. */
    OptionalInt parallelism(JobID jobId);

    /** How often reactive mode rescaled a job, if the runtime knows it. */
    OptionalInt rescales(JobID jobId);

    /** Fails the next savepoint of this process. */
    void failNextSavepoint();

    /** Fails the next job submission of this process. */
    void failNextSubmission();

    /**
     * Whether the runtime can still be asked about its jobs (a shared MiniCluster may have been
     * closed by its owner first).
     */
    boolean isAlive();

    /** Ends the process: its REST API stops answering and its jobs stop. */
    void stop();
}
