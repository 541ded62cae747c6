package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import io.flinkk8s.sdk.core.flink.JarRun;
import io.flinkk8s.sdk.core.flink.JobSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobID;

/**
 * The REST calls the operator makes to a Flink cluster ({@code AbstractFlinkService}: {@code GET
 * /jobs/overview}, stop-with-savepoint, trigger savepoint, cancel, checkpoint statistics, and a
 * session job's jar upload and run), for one deployment at a time. A call that fails throws {@link
 * io.flinkk8s.sdk.core.error.FlinkK8sException}.
 */
interface FlinkRest {

    /** Whether the deployment's JobManager answers on its REST port. */
    boolean reachable(String namespace, String name);

    /** Every job the JobManager knows, newest first; empty when it does not answer. */
    List<JobSummary> jobs(String namespace, String name);

    /** Stops the job with a savepoint in {@code directory} (null: the configured one). */
    String stopWithSavepoint(String namespace, String name, JobID job, String directory);

    /** Takes a savepoint of the running job in {@code directory} (null: the configured one). */
    String triggerSavepoint(String namespace, String name, JobID job, String directory);

    /** Cancels the job. */
    void cancel(String namespace, String name, JobID job);

    /**
     * Uploads {@code jar} to the session cluster {@code namespace/name} and runs it ({@code POST
     * /jars/upload}, {@code POST /jars/:jarid/run}): a session job's submission.
     */
    JobID submitJar(String namespace, String name, Path jar, JarRun run);

    /** The external path of the job's latest completed checkpoint, if it has one. */
    Optional<String> latestCheckpoint(String namespace, String name, JobID job);
}
