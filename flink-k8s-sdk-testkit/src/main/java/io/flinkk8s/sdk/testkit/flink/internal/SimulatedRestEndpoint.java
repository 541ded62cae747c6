package io.flinkk8s.sdk.testkit.flink.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rest.RestServerEndpoint;
import org.apache.flink.runtime.rest.handler.AbstractRestHandler;
import org.apache.flink.runtime.rest.handler.RestHandlerConfiguration;
import org.apache.flink.runtime.rest.handler.RestHandlerSpecification;
import org.apache.flink.runtime.rest.handler.cluster.ClusterConfigHandler;
import org.apache.flink.runtime.rest.handler.cluster.ClusterOverviewHandler;
import org.apache.flink.runtime.rest.handler.cluster.DashboardConfigHandler;
import org.apache.flink.runtime.rest.handler.job.JobCancellationHandler;
import org.apache.flink.runtime.rest.handler.job.JobClientHeartbeatHandler;
import org.apache.flink.runtime.rest.handler.job.JobExecutionResultHandler;
import org.apache.flink.runtime.rest.handler.job.JobIdsHandler;
import org.apache.flink.runtime.rest.handler.job.JobStatusHandler;
import org.apache.flink.runtime.rest.handler.job.JobsOverviewHandler;
import org.apache.flink.runtime.rest.handler.job.savepoints.SavepointHandlers;
import org.apache.flink.runtime.rest.messages.ClusterConfigurationInfoHeaders;
import org.apache.flink.runtime.rest.messages.ClusterOverviewHeaders;
import org.apache.flink.runtime.rest.messages.DashboardConfigurationHeaders;
import org.apache.flink.runtime.rest.messages.JobCancellationHeaders;
import org.apache.flink.runtime.rest.messages.JobClientHeartbeatHeaders;
import org.apache.flink.runtime.rest.messages.JobIdsWithStatusesOverviewHeaders;
import org.apache.flink.runtime.rest.messages.JobsOverviewHeaders;
import org.apache.flink.runtime.rest.messages.TerminationModeQueryParameter.TerminationMode;
import org.apache.flink.runtime.rest.messages.job.JobStatusInfoHeaders;
import org.apache.flink.runtime.webmonitor.RestfulGateway;
import org.apache.flink.runtime.webmonitor.handlers.JarDeleteHandler;
import org.apache.flink.runtime.webmonitor.handlers.JarDeleteHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarListHandler;
import org.apache.flink.runtime.webmonitor.handlers.JarListHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadHandler;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadHeaders;
import org.apache.flink.runtime.webmonitor.retriever.GatewayRetriever;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandler;
import org.apache.flink.util.ConfigurationException;
import org.apache.flink.util.concurrent.Executors;

/**
 * The simulated JobManager's REST server: Flink's own Netty-based {@link RestServerEndpoint}
 * (routing, multipart uploads, JSON through Flink's REST object mapper, error bodies), serving
 * Flink's own handlers wherever they need nothing but a {@link RestfulGateway}, and five simulated
 * handlers where a real one would need a running job (submit, job details, exceptions, checkpoint
 * statistics, jar run).
 *
 * <p>Endpoints: {@code GET /config}, {@code /jobmanager/config}, {@code /overview}, {@code /jobs},
 * {@code /jobs/overview}, {@code /jobs/:jobid}, {@code /jobs/:jobid/status}, {@code
 * /jobs/:jobid/checkpoints}, {@code /jobs/:jobid/exceptions}, {@code
 * /jobs/:jobid/execution-result}, {@code /jobs/:jobid/savepoints/:triggerid}, {@code /jars}; {@code
 * POST /jobs}, {@code /jobs/:jobid/savepoints}, {@code /jobs/:jobid/stop}, {@code
 * /jobs/:jobid/clientHeartbeat}, {@code /jars/upload}, {@code /jars/:jarid/run}; {@code PATCH
 * /jobs/:jobid} (cancel); {@code DELETE /jars/:jarid}. Any other path answers 404 as Flink does for
 * a path it does not know.
 */
public final class SimulatedRestEndpoint extends RestServerEndpoint {

    private final Configuration configuration;
    private final SimulatedDispatcher dispatcher;
    private final Path jarDir;

    /** Flink's REST server for {@code dispatcher}, keeping uploaded jars in {@code jarDir}. */
    public SimulatedRestEndpoint(
            Configuration configuration, SimulatedDispatcher dispatcher, Path jarDir)
            throws IOException, ConfigurationException {
        super(configuration);
        this.configuration = configuration;
        this.dispatcher = dispatcher;
        this.jarDir = jarDir;
    }

    @Override
    protected List<Tuple2<RestHandlerSpecification, ChannelInboundHandler>> initializeHandlers(
            CompletableFuture<String> localAddressFuture) {
        RestfulGateway gateway = new SimulatedGateway(dispatcher, "simulated-jobmanager");
        GatewayRetriever<RestfulGateway> leader = () -> CompletableFuture.completedFuture(gateway);
        RestHandlerConfiguration rest = RestHandlerConfiguration.fromConfiguration(configuration);
        Duration timeout = rest.getTimeout();
        List<AbstractRestHandler<?, ?, ?, ?>> handlers = new ArrayList<>();
        handlers.addAll(clusterHandlers(leader, timeout, rest));
        handlers.addAll(jobHandlers(leader, timeout));
        handlers.addAll(jarHandlers(leader, timeout, localAddressFuture));
        // Flink sorts this list in place
        List<Tuple2<RestHandlerSpecification, ChannelInboundHandler>> specs = new ArrayList<>();
        for (AbstractRestHandler<?, ?, ?, ?> handler : handlers) {
            specs.add(Tuple2.of(handler.getMessageHeaders(), handler));
        }
        return specs;
    }

    private List<AbstractRestHandler<?, ?, ?, ?>> clusterHandlers(
            GatewayRetriever<RestfulGateway> leader,
            Duration timeout,
            RestHandlerConfiguration rest) {
        return List.of(
                new DashboardConfigHandler(
                        leader,
                        timeout,
                        responseHeaders,
                        DashboardConfigurationHeaders.getInstance(),
                        rest.getRefreshInterval(),
                        true,
                        rest.isWebCancelEnabled(),
                        rest.isWebRescaleEnabled()),
                new ClusterConfigHandler(
                        leader,
                        timeout,
                        responseHeaders,
                        ClusterConfigurationInfoHeaders.getInstance(),
                        configuration),
                new ClusterOverviewHandler(
                        leader, timeout, responseHeaders, ClusterOverviewHeaders.getInstance()));
    }

    private List<AbstractRestHandler<?, ?, ?, ?>> jobHandlers(
            GatewayRetriever<RestfulGateway> leader, Duration timeout) {
        SavepointHandlers savepoints =
                new SavepointHandlers(configuration.get(CheckpointingOptions.SAVEPOINT_DIRECTORY));
        return List.of(
                new JobIdsHandler(
                        leader,
                        timeout,
                        responseHeaders,
                        JobIdsWithStatusesOverviewHeaders.getInstance()),
                new JobsOverviewHandler(
                        leader, timeout, responseHeaders, JobsOverviewHeaders.getInstance()),
                new JobStatusHandler(
                        leader, timeout, responseHeaders, JobStatusInfoHeaders.getInstance()),
                new JobCancellationHandler(
                        leader,
                        timeout,
                        responseHeaders,
                        JobCancellationHeaders.getInstance(),
                        TerminationMode.CANCEL),
                new JobClientHeartbeatHandler(
                        leader, timeout, responseHeaders, JobClientHeartbeatHeaders.getInstance()),
                new JobExecutionResultHandler(leader, timeout, responseHeaders),
                savepoints.new SavepointTriggerHandler(leader, timeout, responseHeaders),
                savepoints.new StopWithSavepointHandler(leader, timeout, responseHeaders),
                new SavepointHandlers.SavepointStatusHandler(leader, timeout, responseHeaders),
                // simulated: Flink's handlers would need a blob server / an execution graph
                new SimulatedJobSubmitHandler(leader, timeout, responseHeaders, dispatcher),
                new SimulatedJobDetailsHandler(leader, timeout, responseHeaders, dispatcher),
                new SimulatedJobExceptionsHandler(leader, timeout, responseHeaders, dispatcher),
                new SimulatedCheckpointingStatisticsHandler(
                        leader, timeout, responseHeaders, dispatcher));
    }

    private List<AbstractRestHandler<?, ?, ?, ?>> jarHandlers(
            GatewayRetriever<RestfulGateway> leader,
            Duration timeout,
            CompletableFuture<String> localAddressFuture) {
        Executor direct = Executors.directExecutor();
        return List.of(
                new JarUploadHandler(
                        leader,
                        timeout,
                        responseHeaders,
                        JarUploadHeaders.getInstance(),
                        jarDir,
                        direct),
                new JarListHandler(
                        leader,
                        timeout,
                        responseHeaders,
                        JarListHeaders.getInstance(),
                        localAddressFuture,
                        jarDir.toFile(),
                        configuration,
                        direct),
                new JarDeleteHandler(
                        leader,
                        timeout,
                        responseHeaders,
                        JarDeleteHeaders.getInstance(),
                        jarDir,
                        direct),
                // simulated: Flink's handler would run the jar's main method
                new SimulatedJarRunHandler(leader, timeout, responseHeaders, dispatcher, jarDir));
    }

    @Override
    protected void startInternal() {
        // nothing beyond the REST server itself
    }
}
