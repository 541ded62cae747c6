package io.flinkk8s.sdk.core.error;

/**
 * A call to a JobManager's REST API failed or timed out: the JobManager could not be reached, Flink
 * refused the request, or the operation (a savepoint, a submission) failed. The message names the
 * REST address, the job when there is one, Flink's reason, and what to do next.
 */
public class FlinkJobException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that says what failed, for which job, and what to do next. */
    public FlinkJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
