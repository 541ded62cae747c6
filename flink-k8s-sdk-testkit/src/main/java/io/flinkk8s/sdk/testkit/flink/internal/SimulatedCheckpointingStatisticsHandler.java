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
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.webmonitor.RestfulGateway;
import org.apache.flink.runtime.webmonitor.retriever.GatewayRetriever;

/**
 * {@code GET /jobs/:jobid/checkpoints}. Flink's own handler reads the checkpoint statistics of a
 * running job's checkpoint coordinator, which the simulation does not have; this one builds the
 * same {@link CheckpointingStatistics} from the checkpoints and savepoints the simulated job
 * completed, and answers an unknown job with the 404 Flink gives.
 */
public final class SimulatedCheckpointingStatisticsHandler
        extends AbstractRestHandler<
                RestfulGateway, EmptyRequestBody, CheckpointingStatistics, JobMessageParameters> {

    private final SimulatedDispatcher dispatcher;

    SimulatedCheckpointingStatisticsHandler(
            GatewayRetriever<? extends RestfulGateway> leaderRetriever,
            Duration timeout,
            Map<String, String> responseHeaders,
            SimulatedDispatcher dispatcher) {
        super(
                leaderRetriever,
                timeout,
                responseHeaders,
                CheckpointingStatisticsHeaders.getInstance());
        this.dispatcher = dispatcher;
    }

    @Override
    protected CompletableFuture<CheckpointingStatistics> handleRequest(
            @Nonnull HandlerRequest<EmptyRequestBody> request, @Nonnull RestfulGateway gateway)
            throws RestHandlerException {
        JobID jobId = request.getPathParameter(JobIDPathParameter.class);
        try {
            return CompletableFuture.completedFuture(dispatcher.checkpointingStatistics(jobId));
        } catch (FlinkJobNotFoundException e) {
            throw new NotFoundException(String.format("Job %s not found", jobId), e);
        }
    }
}
