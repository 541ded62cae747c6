package io.flinkk8s.sdk.testkit.flink.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.jobgraph.JobType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.messages.webmonitor.ClusterOverview;
import org.apache.flink.runtime.messages.webmonitor.JobDetails;
import org.apache.flink.runtime.messages.webmonitor.JobsOverview;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.job.metrics.IOMetricsInfo;
import org.apache.flink.runtime.rest.messages.util.stats.StatsSummaryDto;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.util.FlinkException;
import org.apache.flink.util.SerializedThrowable;

/**
 * Turns simulated jobs into the message types Flink's own REST handlers answer with, so that the
 * JSON on the wire is written by Flink's object mapper from Flink's classes.
 */
public final class FlinkRestViews {

    /** Flink's default {@code web.checkpoints.history}. */
    private static final int CHECKPOINT_HISTORY = 10;

    /** How Flink's file-system checkpoint storage names a checkpoint's directory. */
    private static final Pattern CHECKPOINT_DIRECTORY = Pattern.compile("chk-(\\d+)");

    private FlinkRestViews() {}

    /** One row of {@code GET /jobs/overview}. */
    static JobDetails jobDetails(JobEntry job, long now) {
        int[] tasksPerState = new int[ExecutionState.values().length];
        int tasks = taskCount(job);
        tasksPerState[executionState(job.status()).ordinal()] = tasks;
        return new JobDetails(
                job.submission().id(),
                job.submission().name(),
                job.startTime(),
                job.endTime(),
                duration(job, now),
                job.status(),
                job.timestamp(job.status()),
                tasksPerState,
                tasks);
    }

    /** {@code GET /jobs/:jobid}: every vertex is in the state that matches the job's status. */
    static JobDetailsInfo jobDetailsInfo(JobEntry job, long now) {
        ExecutionState state = executionState(job.status());
        List<JobDetailsInfo.JobVertexDetailsInfo> vertices = new ArrayList<>();
        for (VertexSpec vertex : job.topology().vertices()) {
            vertices.add(vertexDetails(job, vertex, state, now));
        }
        Map<ExecutionState, Integer> verticesPerState = countPerState(state, vertices.size());
        Map<JobStatus, Long> timestamps = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            timestamps.put(status, job.timestamp(status));
        }
        return new JobDetailsInfo(
                job.submission().id(),
                job.applicationId(),
                job.submission().name(),
                false,
                job.status(),
                JobType.STREAMING,
                JobManagerOptions.SchedulerType.Default,
                job.startTime(),
                job.endTime(),
                duration(job, now),
                -1L,
                now,
                timestamps,
                vertices,
                verticesPerState,
                job.topology().plan(),
                null,
                0);
    }

    /** {@code GET /jobs/:jobid/execution-result} of a job in a globally terminal status. */
    static JobResult jobResult(JobEntry job) {
        JobResult.Builder result =
                new JobResult.Builder()
                        .jobId(job.submission().id())
                        .jobName(job.submission().name())
                        .jobStatus(job.status())
                        .applicationId(job.applicationId())
                        .startTime(job.startTime())
                        .endTime(job.endTime())
                        .netRuntime(job.endTime() - job.startTime());
        if (job.status() == JobStatus.FAILED) {
            result.serializedThrowable(
                    new SerializedThrowable(new FlinkException(job.failureCause())));
        }
        return result.build();
    }

    /** {@code GET /overview}: slots in use are the running jobs' largest vertex parallelism. */
    static ClusterOverview clusterOverview(
            Collection<JobEntry> jobs, int taskManagers, int slotsPerTaskManager) {
        int slots = taskManagers * slotsPerTaskManager;
        int used = 0;
        List<JobStatus> statuses = new ArrayList<>();
        for (JobEntry job : jobs) {
            statuses.add(job.status());
            if (!job.status().isGloballyTerminalState()) {
                used += slotDemand(job);
            }
        }
        JobsOverview overview = JobsOverview.create(statuses);
        return new ClusterOverview(
                taskManagers,
                slots,
                Math.max(0, slots - used),
                0,
                0,
                overview.getNumJobsRunningOrPending(),
                overview.getNumJobsFinished(),
                overview.getNumJobsCancelled(),
                overview.getNumJobsFailed());
    }

    private static JobDetailsInfo.JobVertexDetailsInfo vertexDetails(
            JobEntry job, VertexSpec vertex, ExecutionState state, long now) {
        long start = job.timestamp(JobStatus.RUNNING) > 0 ? job.timestamp(JobStatus.RUNNING) : -1L;
        long end = job.endTime();
        long duration = start < 0 ? -1L : (end < 0 ? now : end) - start;
        return new JobDetailsInfo.JobVertexDetailsInfo(
                vertex.id(),
                vertex.slotSharingGroup(),
                vertex.name(),
                vertex.maxParallelism(),
                vertex.parallelism(),
                state,
                start,
                end,
                duration,
                countPerState(state, vertex.parallelism()),
                new IOMetricsInfo(0, true, 0, true, 0, true, 0, true, 0, 0, 0));
    }

    private static Map<ExecutionState, Integer> countPerState(ExecutionState state, int count) {
        Map<ExecutionState, Integer> perState = new EnumMap<>(ExecutionState.class);
        for (ExecutionState each : ExecutionState.values()) {
            perState.put(each, each == state ? count : 0);
        }
        return perState;
    }

    /** The state all tasks of a simulated job are in; the simulation has no partial states. */
    static ExecutionState executionState(JobStatus status) {
        return switch (status) {
            case RUNNING -> ExecutionState.RUNNING;
            case FINISHED -> ExecutionState.FINISHED;
            case CANCELLING, CANCELED -> ExecutionState.CANCELED;
            case FAILING, FAILED -> ExecutionState.FAILED;
            default -> ExecutionState.CREATED;
        };
    }

    /**
     * {@code GET /jobs/:jobid/checkpoints} as Flink's {@code CheckpointingStatisticsHandler}
     * answers it: counts, the latest completed checkpoint and savepoint, the savepoint or
     * checkpoint the job was restored from ({@code latest.restored}), and the history (newest
     * first, at most Flink's default {@code web.checkpoints.history} of 10), without sizes,
     * durations, per-task details or failed checkpoints, which the simulation has none of.
     */
    static CheckpointingStatistics checkpointingStatistics(JobEntry job) {
        List<JobEntry.Snapshot> all = job.snapshots();
        List<CheckpointStatistics> history = new ArrayList<>();
        CheckpointStatistics.CompletedCheckpointStatistics checkpoint = null;
        CheckpointStatistics.CompletedCheckpointStatistics savepoint = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            CheckpointStatistics.CompletedCheckpointStatistics c = completed(job, all.get(i));
            if (history.size() < CHECKPOINT_HISTORY) {
                history.add(c);
            }
            if (c.isSavepoint() && savepoint == null) {
                savepoint = c;
            } else if (!c.isSavepoint() && checkpoint == null) {
                checkpoint = c;
            }
        }
        StatsSummaryDto none = new StatsSummaryDto(0, 0, 0, 0, 0, 0, 0, 0);
        return new CheckpointingStatistics(
                new CheckpointingStatistics.Counts(0, all.size(), 0, all.size(), 0),
                new CheckpointingStatistics.Summary(none, none, none, none, none, none),
                new CheckpointingStatistics.LatestCheckpoints(
                        checkpoint, savepoint, null, restored(job)),
                history);
    }

    /**
     * What the job was started from, as Flink reports {@code latest.restored} (null when it started
     * without state). A real JobManager reads the snapshot's metadata; the simulation knows only
     * the path: a retained checkpoint is a directory Flink names {@code chk-<id>}, anything else is
     * a savepoint, whose id the simulation cannot know and reports as 0. Restored when the job
     * started.
     */
    private static CheckpointingStatistics.RestoredCheckpointStatistics restored(JobEntry job) {
        SavepointRestoreSettings settings = job.submission().restoreSettings();
        if (!settings.restoreSavepoint()) {
            return null;
        }
        String path = settings.getRestorePath();
        // the directory, or the _metadata file in it, as Flink accepts both
        String directory = path.replaceAll("/+$", "").replaceAll("/_metadata$", "");
        Matcher checkpoint =
                CHECKPOINT_DIRECTORY.matcher(directory.substring(directory.lastIndexOf('/') + 1));
        boolean isCheckpoint = checkpoint.matches();
        return new CheckpointingStatistics.RestoredCheckpointStatistics(
                isCheckpoint ? Long.parseLong(checkpoint.group(1)) : 0L,
                job.startTime(),
                !isCheckpoint,
                path);
    }

    /**
     * One completed checkpoint, built by Flink's own JSON creator from Flink's field names: its
     * constructor takes the checkpoint type as an enum Flink keeps package-private.
     */
    private static CheckpointStatistics.CompletedCheckpointStatistics completed(
            JobEntry job, JobEntry.Snapshot s) {
        boolean savepoint = !JobEntry.CHECKPOINT.equals(s.type());
        int tasks = taskCount(job);
        ObjectMapper mapper = RestMapperUtils.getStrictObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("className", "completed");
        json.put(CheckpointStatistics.FIELD_NAME_ID, s.id());
        json.put(CheckpointStatistics.FIELD_NAME_STATUS, CheckpointStatsStatus.COMPLETED.name());
        json.put(CheckpointStatistics.FIELD_NAME_IS_SAVEPOINT, savepoint);
        json.put(
                CheckpointStatistics.FIELD_NAME_SAVEPOINT_FORMAT,
                savepoint ? SavepointFormatType.CANONICAL.name() : null);
        json.put(CheckpointStatistics.FIELD_NAME_TRIGGER_TIMESTAMP, s.triggeredAt());
        json.put(CheckpointStatistics.FIELD_NAME_LATEST_ACK_TIMESTAMP, s.completedAt());
        json.put(CheckpointStatistics.FIELD_NAME_DURATION, s.completedAt() - s.triggeredAt());
        for (String size :
                List.of(
                        CheckpointStatistics.FIELD_NAME_CHECKPOINTED_SIZE,
                        CheckpointStatistics.FIELD_NAME_STATE_SIZE,
                        CheckpointStatistics.FIELD_NAME_ALIGNMENT_BUFFERED,
                        CheckpointStatistics.FIELD_NAME_PROCESSED_DATA,
                        CheckpointStatistics.FIELD_NAME_PERSISTED_DATA)) {
            json.put(size, 0L);
        }
        json.put(CheckpointStatistics.FIELD_NAME_NUM_SUBTASKS, tasks);
        json.put(CheckpointStatistics.FIELD_NAME_NUM_ACK_SUBTASKS, tasks);
        json.put(CheckpointStatistics.FIELD_NAME_CHECKPOINT_TYPE, s.type());
        json.putObject(CheckpointStatistics.FIELD_NAME_TASKS);
        json.put(
                CheckpointStatistics.CompletedCheckpointStatistics.FIELD_NAME_EXTERNAL_PATH,
                s.path());
        json.put(CheckpointStatistics.CompletedCheckpointStatistics.FIELD_NAME_DISCARDED, false);
        return mapper.convertValue(json, CheckpointStatistics.CompletedCheckpointStatistics.class);
    }

    private static int taskCount(JobEntry job) {
        return job.topology().vertices().stream().mapToInt(VertexSpec::parallelism).sum();
    }

    private static int slotDemand(JobEntry job) {
        return job.topology().vertices().stream().mapToInt(VertexSpec::parallelism).max().orElse(0);
    }

    private static long duration(JobEntry job, long now) {
        long end = job.endTime() < 0 ? now : job.endTime();
        return end - job.startTime();
    }

    /**
     * {@code GET /jobs/:jobid/exceptions} of a job: a FAILED job's failure as the one entry of its
     * exception history, the way Flink's handler writes a root exception (its class name, and a
     * stack trace whose first line is {@code class: message}); no entries for any other job.
     */
    static JobExceptionsInfoWithHistory exceptions(JobEntry job) {
        String cause = job.failureCause();
        if (job.status() != JobStatus.FAILED || cause == null) {
            return new JobExceptionsInfoWithHistory(
                    new JobExceptionsInfoWithHistory.JobExceptionHistory(List.of(), false));
        }
        String first = cause.lines().findFirst().orElse(cause);
        int colon = first.indexOf(':');
        String candidate = colon < 0 ? first.strip() : first.substring(0, colon).strip();
        boolean named = candidate.matches("[\\w$]+(\\.[\\w$]+)+");
        String exceptionName = named ? candidate : "org.apache.flink.util.FlinkException";
        String stacktrace =
                (named ? cause : exceptionName + ": " + cause)
                        + "\n\tat (simulated by the flink-k8s-sdk testkit)";
        return new JobExceptionsInfoWithHistory(
                new JobExceptionsInfoWithHistory.JobExceptionHistory(
                        List.of(
                                new JobExceptionsInfoWithHistory.RootExceptionInfo(
                                        exceptionName,
                                        stacktrace,
                                        job.timestamp(JobStatus.FAILED),
                                        Map.of(),
                                        List.of())),
                        false));
    }
}
