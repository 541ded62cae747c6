package io.flinkk8s.sdk.testkit.flink.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.ApplicationID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.application.ArchivedApplication;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.dispatcher.TriggerSavepointMode;
import org.apache.flink.runtime.dispatcher.UnknownOperationKeyException;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.messages.Acknowledge;
import org.apache.flink.runtime.messages.webmonitor.ClusterOverview;
import org.apache.flink.runtime.messages.webmonitor.MultipleApplicationsDetails;
import org.apache.flink.runtime.messages.webmonitor.MultipleJobsDetails;
import org.apache.flink.runtime.rest.handler.async.OperationResult;
import org.apache.flink.runtime.rest.handler.job.AsynchronousJobOperationKey;
import org.apache.flink.runtime.rest.messages.ThreadDumpInfo;
import org.apache.flink.runtime.scheduler.ExecutionGraphInfo;
import org.apache.flink.runtime.webmonitor.RestfulGateway;
import org.apache.flink.util.function.SupplierWithException;

/**
 * The gateway Flink's own REST handlers talk to, answered by a {@link SimulatedDispatcher}. This is
 * what lets the simulated JobManager reuse Flink's real handlers (overview, job status, cancel,
 * savepoint trigger and status, execution result ...): they only see a {@link RestfulGateway}, as
 * they do in a JobManager.
 *
 * <p>Calls no registered handler makes fail with {@link UnsupportedOperationException}, which
 * Flink's handler base turns into a 500 answer naming the call.
 */
public final class SimulatedGateway implements RestfulGateway {

    private final SimulatedDispatcher dispatcher;
    private final String address;

    SimulatedGateway(SimulatedDispatcher dispatcher, String address) {
        this.dispatcher = dispatcher;
        this.address = address;
    }

    @Override
    public String getAddress() {
        return address;
    }

    @Override
    public String getHostname() {
        return "127.0.0.1";
    }

    @Override
    public CompletableFuture<Acknowledge> cancelJob(JobID jobId, Duration timeout) {
        return call(
                () -> {
                    dispatcher.cancel(jobId);
                    return Acknowledge.get();
                });
    }

    @Override
    public CompletableFuture<JobStatus> requestJobStatus(JobID jobId, Duration timeout) {
        return call(() -> dispatcher.status(jobId));
    }

    @Override
    public CompletableFuture<JobResult> requestJobResult(JobID jobId, Duration timeout) {
        return call(() -> dispatcher.result(jobId));
    }

    @Override
    public CompletableFuture<MultipleJobsDetails> requestMultipleJobDetails(Duration timeout) {
        return CompletableFuture.completedFuture(dispatcher.jobsDetails());
    }

    @Override
    public CompletableFuture<ClusterOverview> requestClusterOverview(Duration timeout) {
        return CompletableFuture.completedFuture(dispatcher.clusterOverview());
    }

    @Override
    public CompletableFuture<Acknowledge> triggerSavepoint(
            AsynchronousJobOperationKey operationKey,
            String targetDirectory,
            SavepointFormatType formatType,
            TriggerSavepointMode savepointMode,
            Duration timeout) {
        dispatcher.triggerSavepoint(operationKey, targetDirectory, formatType, savepointMode);
        return CompletableFuture.completedFuture(Acknowledge.get());
    }

    @Override
    public CompletableFuture<Acknowledge> stopWithSavepoint(
            AsynchronousJobOperationKey operationKey,
            String targetDirectory,
            SavepointFormatType formatType,
            TriggerSavepointMode savepointMode,
            Duration timeout) {
        dispatcher.triggerSavepoint(operationKey, targetDirectory, formatType, savepointMode);
        return CompletableFuture.completedFuture(Acknowledge.get());
    }

    @Override
    public CompletableFuture<OperationResult<String>> getTriggeredSavepointStatus(
            AsynchronousJobOperationKey operationKey) {
        return dispatcher
                .savepointStatus(operationKey)
                .map(CompletableFuture::completedFuture)
                .orElseGet(
                        () ->
                                CompletableFuture.failedFuture(
                                        new UnknownOperationKeyException(operationKey)));
    }

    @Override
    public CompletableFuture<Collection<String>> requestMetricQueryServiceAddresses(
            Duration timeout) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Collection<Tuple2<ResourceID, String>>>
            requestTaskManagerMetricQueryServiceAddresses(Duration timeout) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Acknowledge> cancelApplication(
            ApplicationID applicationId, Duration timeout) {
        return unsupported("cancelling applications");
    }

    @Override
    public CompletableFuture<ArchivedApplication> requestApplication(
            ApplicationID applicationId, Duration timeout) {
        return unsupported("application details");
    }

    @Override
    public CompletableFuture<MultipleApplicationsDetails> requestMultipleApplicationDetails(
            Duration timeout) {
        return unsupported("the applications overview");
    }

    @Override
    public CompletableFuture<ExecutionGraphInfo> requestExecutionGraphInfo(
            JobID jobId, Duration timeout) {
        return unsupported("execution graphs");
    }

    @Override
    public CompletableFuture<CheckpointStatsSnapshot> requestCheckpointStats(
            JobID jobId, Duration timeout) {
        return unsupported("checkpoint statistics");
    }

    @Override
    public CompletableFuture<ThreadDumpInfo> requestThreadDump(Duration timeout) {
        return unsupported("thread dumps");
    }

    private static <T> CompletableFuture<T> call(SupplierWithException<T, Exception> call) {
        try {
            return CompletableFuture.completedFuture(call.get());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static <T> CompletableFuture<T> unsupported(String what) {
        return CompletableFuture.failedFuture(
                new UnsupportedOperationException(
                        "SimulatedFlinkRuntime does not simulate "
                                + what
                                + "; use MiniClusterRuntime for a real Flink cluster"));
    }
}
