package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.flink.CheckpointInfo;
import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import io.flinkk8s.sdk.core.flink.JarRun;
import io.flinkk8s.sdk.core.flink.JobSummary;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;

/**
 * {@link FlinkRest} over Flink's own {@code RestClusterClient} (the SDK's {@link FlinkJobClient}),
 * as the operator's {@code AbstractFlinkService} talks to a cluster, for what changes a job
 * (savepoints, cancel) or needs its statistics; one client per REST address, built on first use and
 * closed with the stand-in. The job list, which the operator reads on every observation, comes
 * straight from the runtime ({@link FlinkAccess#runningJobs}).
 */
final class RestFlink implements FlinkRest, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final FlinkAccess access;
    private final Map<URI, FlinkJobClient> clients = new ConcurrentHashMap<>();

    RestFlink(FlinkAccess access) {
        this.access = access;
    }

    @Override
    public boolean reachable(String namespace, String name) {
        return access.runningRestAddress(namespace, name).isPresent();
    }

    /**
     * Read straight from the runtime behind the JobManager: the same rows as {@code GET
     * /jobs/overview}, without building a REST client for each new cluster and a round trip on
     * every observation.
     */
    @Override
    public List<JobSummary> jobs(String namespace, String name) {
        return access.runningJobs(namespace, name);
    }

    @Override
    public String stopWithSavepoint(String namespace, String name, JobID job, String directory) {
        return client(namespace, name).stopWithSavepoint(job, directory, TIMEOUT);
    }

    @Override
    public String triggerSavepoint(String namespace, String name, JobID job, String directory) {
        return client(namespace, name).triggerSavepoint(job, directory, TIMEOUT);
    }

    @Override
    public void cancel(String namespace, String name, JobID job) {
        client(namespace, name).cancel(job);
    }

    @Override
    public JobID submitJar(String namespace, String name, Path jar, JarRun run) {
        return client(namespace, name).submitJar(jar, run);
    }

    @Override
    public Optional<String> latestCheckpoint(String namespace, String name, JobID job) {
        try {
            CheckpointInfo last = client(namespace, name).latestCheckpoints(job).lastCheckpoint();
            return Optional.ofNullable(last).map(CheckpointInfo::externalPath);
        } catch (FlinkK8sException noStatistics) {
            return Optional.empty();
        }
    }

    private FlinkJobClient client(String namespace, String name) {
        return client(
                access.runningRestAddress(namespace, name)
                        .orElseThrow(
                                () ->
                                        new FlinkK8sException(
                                                "the JobManager of "
                                                        + namespace
                                                        + "/"
                                                        + name
                                                        + " does not answer on its REST port")));
    }

    private FlinkJobClient client(URI address) {
        return clients.computeIfAbsent(address, a -> FlinkJobClient.connect(a, TIMEOUT));
    }

    @Override
    public void close() {
        clients.values().forEach(FlinkJobClient::close);
        clients.clear();
    }
}
