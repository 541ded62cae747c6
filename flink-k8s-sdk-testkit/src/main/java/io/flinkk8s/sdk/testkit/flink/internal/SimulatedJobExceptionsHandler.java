package io.flinkk8s.sdk.testkit.flink.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nonnull;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.messages.FlinkJobNotFoundException;
import org.apache.flink.runtime.rest.NotFoundException;
import org.apache.flink.runtime.rest.handler.AbstractRestHandler;
import org.apache.flink.runtime.rest.handler.HandlerRequest;
import org.apache.flink.runtime.rest.handler.RestHandlerException;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.messages.JobIDPathParameter;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.apache.flink.runtime.webmonitor.RestfulGateway;
import org.apache.flink.runtime.webmonitor.retriever.GatewayRetriever;

/**
 * {@code GET /jobs/:jobid/exceptions}. Flink's own handler reads an archived execution graph, which
 * the simulation does not have; this one answers the same {@link JobExceptionsInfoWithHistory}: a
 * FAILED job's failure cause as the newest root exception of its history, no entries for any other
 * job, and Flink's 404 for an unknown job. The {@code maxExceptions} and {@code failureLabelFilter}
 * query parameters are accepted and not applied.
 */
public final class SimulatedJobExceptionsHandler
        extends AbstractRestHandler<
                RestfulGateway,
                EmptyRequestBody,
                JobExceptionsInfoWithHistory,
                JobExceptionsMessageParameters> {

    private final SimulatedDispatcher dispatcher;

    SimulatedJobExceptionsHandler(
            GatewayRetriever<? extends RestfulGateway> leaderRetriever,
            Duration timeout,
            Map<String, String> responseHeaders,
            SimulatedDispatcher dispatcher) {
        super(leaderRetriever, timeout, responseHeaders, JobExceptionsHeaders.getInstance());
        this.dispatcher = dispatcher;
    }

    @Override
    protected CompletableFuture<JobExceptionsInfoWithHistory> handleRequest(
            @Nonnull HandlerRequest<EmptyRequestBody> request, @Nonnull RestfulGateway gateway)
            throws RestHandlerException {
        JobID jobId = request.getPathParameter(JobIDPathParameter.class);
        try {
            return CompletableFuture.completedFuture(dispatcher.exceptions(jobId));
        } catch (FlinkJobNotFoundException e) {
            throw new NotFoundException(String.format("Job %s not found", jobId), e);
        }
    }
}
