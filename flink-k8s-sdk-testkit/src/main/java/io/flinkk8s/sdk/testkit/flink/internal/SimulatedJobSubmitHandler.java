package io.flinkk8s.sdk.testkit.flink.internal;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nonnull;
import org.apache.flink.runtime.rest.handler.AbstractRestHandler;
import org.apache.flink.runtime.rest.handler.HandlerRequest;
import org.apache.flink.runtime.rest.handler.RestHandlerException;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.job.JobSubmitHeaders;
import org.apache.flink.runtime.rest.messages.job.JobSubmitRequestBody;
import org.apache.flink.runtime.rest.messages.job.JobSubmitResponseBody;
import org.apache.flink.runtime.webmonitor.RestfulGateway;
import org.apache.flink.runtime.webmonitor.retriever.GatewayRetriever;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.streaming.api.graph.ExecutionPlan;
import org.apache.flink.util.FlinkException;
import org.apache.flink.util.InstantiationUtil;

/**
 * {@code POST /jobs}, the multipart upload {@code RestClusterClient.submitJob} sends: validates the
 * request as Flink's {@code JobSubmitHandler} does (same checks, same messages), deserializes the
 * execution plan and records it. Unlike a JobManager it uploads no jars to a blob server and runs
 * nothing: the plan's id, name, restore settings and vertices are all the simulation needs.
 */
public final class SimulatedJobSubmitHandler
        extends AbstractRestHandler<
                RestfulGateway,
                JobSubmitRequestBody,
                JobSubmitResponseBody,
                EmptyMessageParameters> {

    private final SimulatedDispatcher dispatcher;

    SimulatedJobSubmitHandler(
            GatewayRetriever<? extends RestfulGateway> leaderRetriever,
            Duration timeout,
            Map<String, String> responseHeaders,
            SimulatedDispatcher dispatcher) {
        super(leaderRetriever, timeout, responseHeaders, JobSubmitHeaders.getInstance());
        this.dispatcher = dispatcher;
    }

    @Override
    protected CompletableFuture<JobSubmitResponseBody> handleRequest(
            @Nonnull HandlerRequest<JobSubmitRequestBody> request, @Nonnull RestfulGateway gateway)
            throws RestHandlerException {
        Map<String, File> uploads = byName(request.getUploadedFiles());
        JobSubmitRequestBody body = request.getRequestBody();
        if (body.executionPlanFileName == null) {
            throw new RestHandlerException(
                    String.format(
                            "The %s field must not be omitted or be null.",
                            JobSubmitRequestBody.FIELD_NAME_JOB_GRAPH),
                    HttpResponseStatus.BAD_REQUEST);
        }
        File planFile = uploaded(uploads, "ExecutionPlan", body.executionPlanFileName);
        for (String jar : body.jarFileNames) {
            uploaded(uploads, "Jar", jar);
        }
        for (JobSubmitRequestBody.DistributedCacheFile artifact : body.artifactFileNames) {
            uploaded(uploads, "Artifact", artifact.fileName);
        }
        ExecutionPlan plan = deserialize(planFile);
        try {
            dispatcher.submit(submissionOf(plan));
        } catch (FlinkException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(
                new JobSubmitResponseBody("/jobs/" + plan.getJobID()));
    }

    private JobSubmission submissionOf(ExecutionPlan plan) {
        return new JobSubmission(
                plan.getJobID(),
                plan.getName(),
                JobKind.SUBMITTED_PLAN,
                plan.getSavepointRestoreSettings(),
                null,
                List.of(),
                null,
                JobTopology.of(plan, getClass().getClassLoader()));
    }

    private static Map<String, File> byName(Collection<File> files) throws RestHandlerException {
        Map<String, File> byName = new HashMap<>();
        for (File file : files) {
            byName.put(file.getName(), file);
        }
        if (byName.size() != files.size()) {
            throw new RestHandlerException(
                    String.format(
                            "The number of uploaded files was higher than the expected count. "
                                    + "Expected: %s Actual %s",
                            byName.size(), files.size()),
                    HttpResponseStatus.BAD_REQUEST);
        }
        return byName;
    }

    private static File uploaded(Map<String, File> uploads, String type, String name)
            throws RestHandlerException {
        File file = uploads.get(name);
        if (file == null) {
            throw new RestHandlerException(
                    type + " file " + name + " could not be found on the server.",
                    HttpResponseStatus.BAD_REQUEST);
        }
        return file;
    }

    private ExecutionPlan deserialize(File planFile) throws RestHandlerException {
        try (InputStream in = Files.newInputStream(planFile.toPath())) {
            return InstantiationUtil.deserializeObject(in, getClass().getClassLoader());
        } catch (Exception e) {
            throw new RestHandlerException(
                    "Failed to deserialize ExecutionPlan.", HttpResponseStatus.BAD_REQUEST, e);
        }
    }
}
