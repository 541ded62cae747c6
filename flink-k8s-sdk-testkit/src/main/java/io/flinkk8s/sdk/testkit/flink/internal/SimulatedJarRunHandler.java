package io.flinkk8s.sdk.testkit.flink.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nonnull;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.application.JarManifestParser;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.rest.handler.AbstractRestHandler;
import org.apache.flink.runtime.rest.handler.HandlerRequest;
import org.apache.flink.runtime.rest.handler.RestHandlerException;
import org.apache.flink.runtime.rest.handler.util.HandlerRequestUtils;
import org.apache.flink.runtime.webmonitor.RestfulGateway;
import org.apache.flink.runtime.webmonitor.handlers.AllowNonRestoredStateQueryParameter;
import org.apache.flink.runtime.webmonitor.handlers.EntryClassQueryParameter;
import org.apache.flink.runtime.webmonitor.handlers.JarIdPathParameter;
import org.apache.flink.runtime.webmonitor.handlers.JarRunHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarRunMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.apache.flink.runtime.webmonitor.handlers.JarRunResponseBody;
import org.apache.flink.runtime.webmonitor.handlers.ParallelismQueryParameter;
import org.apache.flink.runtime.webmonitor.handlers.ProgramArgQueryParameter;
import org.apache.flink.runtime.webmonitor.handlers.SavepointPathQueryParameter;
import org.apache.flink.runtime.webmonitor.retriever.GatewayRetriever;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.util.FlinkException;

/**
 * {@code POST /jars/:jarid/run} on a session cluster. Reads the request as Flink's {@code
 * JarRunHandler} does (body first, then the deprecated query parameters; entry class from the jar's
 * manifest when not given) and records a job; it does not load the jar or run its {@code main}, so
 * any jar a test uploads will do. Failures answer as Flink's handler does: a missing jar is a 400
 * naming the file, a failed run a 400 "Could not execute application." with the cause.
 */
public final class SimulatedJarRunHandler
        extends AbstractRestHandler<
                RestfulGateway, JarRunRequestBody, JarRunResponseBody, JarRunMessageParameters> {

    private final SimulatedDispatcher dispatcher;
    private final Path jarDir;

    SimulatedJarRunHandler(
            GatewayRetriever<? extends RestfulGateway> leaderRetriever,
            Duration timeout,
            Map<String, String> responseHeaders,
            SimulatedDispatcher dispatcher,
            Path jarDir) {
        super(leaderRetriever, timeout, responseHeaders, JarRunHeaders.getInstance());
        this.dispatcher = dispatcher;
        this.jarDir = jarDir;
    }

    @Override
    protected CompletableFuture<JarRunResponseBody> handleRequest(
            @Nonnull HandlerRequest<JarRunRequestBody> request, @Nonnull RestfulGateway gateway)
            throws RestHandlerException {
        String jarId = request.getPathParameter(JarIdPathParameter.class);
        Path jarFile = jarDir.resolve(jarId);
        if (!Files.exists(jarFile)) {
            throw new RestHandlerException(
                    String.format("Jar file %s does not exist", jarFile),
                    HttpResponseStatus.BAD_REQUEST);
        }
        JarRunRequestBody body = request.getRequestBody();
        JobID jobId = body.getJobId() == null ? new JobID() : body.getJobId();
        String entryClass = entryClass(request, jarFile);
        JobSubmission submission =
                new JobSubmission(
                        jobId,
                        entryClass,
                        JobKind.JAR_RUN,
                        restoreSettings(request),
                        entryClass,
                        arguments(request),
                        jarId,
                        JobTopology.standIn(jobId, entryClass, parallelism(request)));
        try {
            dispatcher.submit(submission);
        } catch (FlinkException e) {
            throw new RestHandlerException(
                    "Could not execute application.", HttpResponseStatus.BAD_REQUEST, e);
        }
        return CompletableFuture.completedFuture(new JarRunResponseBody(jobId));
    }

    private String entryClass(HandlerRequest<JarRunRequestBody> request, Path jarFile)
            throws RestHandlerException {
        String given =
                HandlerRequestUtils.fromRequestBodyOrQueryParameter(
                        emptyToNull(request.getRequestBody().getEntryClassName()),
                        () ->
                                emptyToNull(
                                        HandlerRequestUtils.getQueryParameter(
                                                request, EntryClassQueryParameter.class)),
                        null,
                        log);
        if (given != null) {
            return given;
        }
        try {
            return JarManifestParser.findFirstManifestAttribute(
                            jarFile.toFile(),
                            PackagedProgram.MANIFEST_ATTRIBUTE_ASSEMBLER_CLASS,
                            PackagedProgram.MANIFEST_ATTRIBUTE_MAIN_CLASS)
                    .orElseThrow(
                            () ->
                                    new ProgramInvocationException(
                                            String.format(
                                                    "Neither a '%s', nor a '%s' entry was found"
                                                            + " in the jar file.",
                                                    PackagedProgram.MANIFEST_ATTRIBUTE_MAIN_CLASS,
                                                    PackagedProgram
                                                            .MANIFEST_ATTRIBUTE_ASSEMBLER_CLASS)));
        } catch (IOException | ProgramInvocationException e) {
            throw new RestHandlerException(
                    "Could not execute application.", HttpResponseStatus.BAD_REQUEST, e);
        }
    }

    private int parallelism(HandlerRequest<JarRunRequestBody> request) throws RestHandlerException {
        return HandlerRequestUtils.fromRequestBodyOrQueryParameter(
                request.getRequestBody().getParallelism(),
                () ->
                        HandlerRequestUtils.getQueryParameter(
                                request, ParallelismQueryParameter.class),
                1,
                log);
    }

    private List<String> arguments(HandlerRequest<JarRunRequestBody> request)
            throws RestHandlerException {
        List<String> arguments =
                HandlerRequestUtils.fromRequestBodyOrQueryParameter(
                        request.getRequestBody().getProgramArgumentsList(),
                        () -> request.getQueryParameter(ProgramArgQueryParameter.class),
                        null,
                        log);
        return arguments == null ? List.of() : arguments;
    }

    private SavepointRestoreSettings restoreSettings(HandlerRequest<JarRunRequestBody> request)
            throws RestHandlerException {
        JarRunRequestBody body = request.getRequestBody();
        String path =
                HandlerRequestUtils.fromRequestBodyOrQueryParameter(
                        emptyToNull(body.getSavepointPath()),
                        () ->
                                emptyToNull(
                                        HandlerRequestUtils.getQueryParameter(
                                                request, SavepointPathQueryParameter.class)),
                        null,
                        log);
        if (path == null) {
            return SavepointRestoreSettings.none();
        }
        boolean allowNonRestoredState =
                HandlerRequestUtils.fromRequestBodyOrQueryParameter(
                        body.getAllowNonRestoredState(),
                        () ->
                                HandlerRequestUtils.getQueryParameter(
                                        request, AllowNonRestoredStateQueryParameter.class),
                        StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE.defaultValue(),
                        log);
        RecoveryClaimMode claimMode =
                body.getRecoveryClaimMode() == null
                        ? StateRecoveryOptions.RESTORE_MODE.defaultValue()
                        : body.getRecoveryClaimMode();
        return SavepointRestoreSettings.forPath(path, allowNonRestoredState, claimMode);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
