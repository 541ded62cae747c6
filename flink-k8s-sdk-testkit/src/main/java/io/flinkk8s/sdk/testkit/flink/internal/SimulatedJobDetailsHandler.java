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
import org.apache.flink.runtime.rest.messages.JobIDPathParameter;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.job.JobDetailsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.webmonitor.RestfulGateway;
import org.apache.flink.runtime.webmonitor.retriever.GatewayRetriever;

/**
 * {@code GET /jobs/:jobid}. Flink's own handler reads an archived execution graph, which the
 * simulation does not have; this one builds the same {@link JobDetailsInfo} from the simulated job,
 * with every task in the state that matches the job's status, and answers an unknown job with the
 * 404 Flink's handler gives.
 */
public final class SimulatedJobDetailsHandler
        extends AbstractRestHandler<
                RestfulGateway, EmptyRequestBody, JobDetailsInfo, JobMessageParameters> {

    private final SimulatedDispatcher dispatcher;

    SimulatedJobDetailsHandler(
            GatewayRetriever<? extends RestfulGateway> leaderRetriever,
            Duration timeout,
            Map<String, String> responseHeaders,
            SimulatedDispatcher dispatcher) {
        super(leaderRetriever, timeout, responseHeaders, JobDetailsHeaders.getInstance());
        this.dispatcher = dispatcher;
    }

    @Override
    protected CompletableFuture<JobDetailsInfo> handleRequest(
            @Nonnull HandlerRequest<EmptyRequestBody> request, @Nonnull RestfulGateway gateway)
            throws RestHandlerException {
        JobID jobId = request.getPathParameter(JobIDPathParameter.class);
        try {
            return CompletableFuture.completedFuture(dispatcher.jobDetailsInfo(jobId));
        } catch (FlinkJobNotFoundException e) {
            throw new NotFoundException(String.format("Job %s not found", jobId), e);
        }
    }
}
