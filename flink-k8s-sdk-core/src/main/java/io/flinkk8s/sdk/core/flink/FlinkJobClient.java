package io.flinkk8s.sdk.core.flink;

import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.internal.RootExceptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.rest.FileUpload;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.apache.flink.runtime.rest.util.RestClientException;
import org.apache.flink.runtime.rest.util.RestConstants;
import org.apache.flink.runtime.webmonitor.handlers.JarRunHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarRunMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadResponseBody;

/**
 * Job control on one JobManager through Flink's own {@code RestClusterClient}: list jobs, read a
 * job's status, trigger a savepoint, stop with a savepoint, cancel, and submit a jar to a session
 * cluster (upload, then run, with Flink's {@code JarUploadHeaders} / {@code JarRunHeaders}).
 * Connection problems and 503 answers (a JobManager electing its leader) are retried 5 times, 200
 * ms apart; every call waits at most the request timeout (savepoints: the timeout they are given)
 * and fails with a {@link FlinkJobException} that names the REST address, the job and Flink's
 * reason.
 *
 * <pre>{@code
 * URI rest = RestEndpointResolver.inCluster().resolve("streaming", "analytics-rest", 8081);
 * try (FlinkJobClient flink = FlinkJobClient.connect(rest, Duration.ofSeconds(30))) {
 *     JobID id = flink.submitJar(Path.of("target/orders.jar"), JarRun.of("com.acme.Orders"));
 *     String savepoint = flink.triggerSavepoint(id, "s3://bucket/sp", Duration.ofMinutes(5));
 *     flink.cancel(id);
 * }
 * }</pre>
 *
 * <p>Holds network threads: close it. Thread-safe.
 */
public final class FlinkJobClient implements AutoCloseable {

    private static final int RETRIES = 5;
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    private static final int SERVICE_UNAVAILABLE = 503;

    /** What a caller without TLS settings sets to reach a JobManager that serves HTTPS. */
    private static final String SET_REST_TLS =
            "set DeployOptions.restTls(RestTls.truststore(...)) (with FlinkJobClient:"
                    + " connect(address, timeout, RestTls))";

    private final URI restAddress;
    private final Duration timeout;
    private final Configuration configuration;
    private final RestClusterClient<StandaloneClusterId> client;
    private ExecutorService uploadExecutor;
    private RestClient uploadClient;

    private final RestTls tls;

    private FlinkJobClient(URI restAddress, Duration timeout, RestTls tls) throws Exception {
        this.restAddress = restAddress;
        this.timeout = timeout;
        this.tls = tls;
        this.configuration = new Configuration();
        if (tls != null) {
            tls.configure(configuration);
        }
        configuration.set(RestOptions.ADDRESS, restAddress.getHost());
        configuration.set(RestOptions.PORT, port(restAddress));
        // Flink's client retries connection problems and 503 (a JobManager electing its leader);
        // its default, 20 retries 3 s apart, would hide an unreachable JobManager for a minute.
        configuration.set(RestOptions.RETRY_MAX_ATTEMPTS, RETRIES);
        configuration.set(RestOptions.RETRY_DELAY, RETRY_DELAY);
        configuration.set(RestOptions.CONNECTION_TIMEOUT, timeout);
        configuration.set(RestOptions.IDLENESS_TIMEOUT, timeout);
        this.client = new RestClusterClient<>(configuration, StandaloneClusterId.getInstance());
    }

    /**
     * A client for the JobManager REST API at {@code restAddress} ({@code http://host:port}).
     *
     * @param requestTimeout how long each request may take
     * @throws FlinkJobException when the client cannot be created (a malformed address)
     */
    public static FlinkJobClient connect(URI restAddress, Duration requestTimeout) {
        return connect(restAddress, requestTimeout, null);
    }

    /**
     * A client for the JobManager REST API at {@code restAddress} that speaks TLS as {@code tls}
     * says (null: plain HTTP).
     *
     * @param requestTimeout how long each request may take
     * @throws FlinkJobException when the client cannot be created (a malformed address, a
     *     truststore or keystore that cannot be read; the message names the file, never a password)
     */
    public static FlinkJobClient connect(URI restAddress, Duration requestTimeout, RestTls tls) {
        Objects.requireNonNull(restAddress, "restAddress");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (tls == null && "https".equalsIgnoreCase(restAddress.getScheme())) {
            throw new FlinkJobException(
                    "The JobManager at "
                            + restAddress
                            + " serves HTTPS (security.tls.rest) and this client has no TLS"
                            + " settings: "
                            + SET_REST_TLS,
                    null);
        }
        try {
            return new FlinkJobClient(restAddress, requestTimeout, tls);
        } catch (Exception e) {
            throw new FlinkJobException(
                    "Could not create a Flink REST client for "
                            + restAddress
                            + (tls == null ? "" : " with " + tls)
                            + ": "
                            + reason(e),
                    e);
        }
    }

    /** The REST address this client talks to. */
    public URI restAddress() {
        return restAddress;
    }

    /** Every job the JobManager knows, newest first. */
    public List<JobSummary> listJobs() {
        Collection<JobStatusMessage> jobs = await(client.listJobs(), timeout, "list jobs");
        List<JobSummary> result = new ArrayList<>();
        for (JobStatusMessage m : jobs) {
            result.add(
                    new JobSummary(
                            m.getJobId(),
                            m.getJobName(),
                            m.getJobState(),
                            Instant.ofEpochMilli(m.getStartTime())));
        }
        result.sort(Comparator.comparing(JobSummary::startTime).reversed());
        return result;
    }

    /** The job's current state. */
    public JobStatus jobStatus(JobID jobId) {
        return await(client.getJobStatus(jobId), timeout, "read the status of job " + jobId);
    }

    /**
     * The job's latest completed checkpoint and savepoint, from its checkpoint statistics ({@code
     * GET /jobs/:jobid/checkpoints}, Flink's {@code CheckpointingStatisticsHeaders}).
     *
     * @throws FlinkJobException also when the job has no checkpoint statistics (Flink answers 404
     *     "Checkpointing has not been enabled.")
     */
    public JobCheckpoints latestCheckpoints(JobID jobId) {
        CheckpointingStatisticsHeaders headers = CheckpointingStatisticsHeaders.getInstance();
        JobMessageParameters parameters = headers.getUnresolvedMessageParameters();
        parameters.jobPathParameter.resolve(jobId);
        return JobCheckpoints.from(
                await(
                        client.sendRequest(headers, parameters, EmptyRequestBody.getInstance()),
                        timeout,
                        "read the checkpoints of job " + jobId));
    }

    /**
     * Flink's root exception of a failed job in one line ({@code GET /jobs/:jobid/exceptions},
     * Flink's {@code JobExceptionsHeaders}): the newest entry of its exception history, with its
     * deepest {@code Caused by}; empty when the job has no exception.
     */
    public Optional<String> rootException(JobID jobId) {
        JobExceptionsHeaders headers = JobExceptionsHeaders.getInstance();
        JobExceptionsMessageParameters parameters = headers.getUnresolvedMessageParameters();
        parameters.jobPathParameter.resolve(jobId);
        return Optional.ofNullable(
                RootExceptions.summary(
                        await(
                                client.sendRequest(
                                        headers, parameters, EmptyRequestBody.getInstance()),
                                timeout,
                                "read the exceptions of job " + jobId)));
    }

    /**
     * Takes a savepoint while the job keeps running.
     *
     * @param directory may be null: the cluster's {@code execution.checkpointing.savepoint-dir}
     * @return the savepoint's path
     */
    public String triggerSavepoint(JobID jobId, String directory, Duration savepointTimeout) {
        return await(
                client.triggerSavepoint(jobId, directory, SavepointFormatType.CANONICAL),
                savepointTimeout,
                "take a savepoint of job " + jobId);
    }

    /**
     * Stops the job with a savepoint (without draining): when this returns, the savepoint is
     * complete and the job FINISHED. If it fails, the job keeps running.
     *
     * @param directory may be null: the cluster's {@code execution.checkpointing.savepoint-dir}
     * @return the savepoint's path
     */
    public String stopWithSavepoint(JobID jobId, String directory, Duration savepointTimeout) {
        return await(
                client.stopWithSavepoint(jobId, false, directory, SavepointFormatType.CANONICAL),
                savepointTimeout,
                "stop job " + jobId + " with a savepoint");
    }

    /** Cancels the job, without a savepoint. */
    public void cancel(JobID jobId) {
        await(client.cancel(jobId), timeout, "cancel job " + jobId);
    }

    /**
     * Uploads a jar to a session cluster ({@code POST /jars/upload}).
     *
     * @return the jar's id on the cluster, for {@link #runJar}
     */
    public String uploadJar(Path jar) {
        Objects.requireNonNull(jar, "jar");
        String what = "upload " + jar.getFileName();
        // Flink's low-level client does not retry; do what RestClusterClient does for its calls.
        for (int attempt = 0; ; attempt++) {
            try {
                return uploadOnce(jar, what);
            } catch (FlinkJobException e) {
                if (attempt == RETRIES || !isServiceUnavailable(e.getCause())) {
                    throw e;
                }
                pause(what);
            }
        }
    }

    private String uploadOnce(Path jar, String what) {
        CompletableFuture<JarUploadResponseBody> upload;
        try {
            upload =
                    uploadClient()
                            .sendRequest(
                                    restAddress.getHost(),
                                    port(restAddress),
                                    JarUploadHeaders.getInstance(),
                                    EmptyMessageParameters.getInstance(),
                                    EmptyRequestBody.getInstance(),
                                    List.of(new FileUpload(jar, RestConstants.CONTENT_TYPE_JAR)));
        } catch (Exception e) {
            throw failure(what, e);
        }
        JarUploadResponseBody body = await(upload, timeout, what);
        return Path.of(body.getFilename()).getFileName().toString();
    }

    private static boolean isServiceUnavailable(Throwable t) {
        return t instanceof RestClientException r
                && r.getHttpResponseStatus().code() == SERVICE_UNAVAILABLE;
    }

    private void pause(String what) {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, e);
        }
    }

    /** Runs an uploaded jar ({@code POST /jars/:jarid/run}) and returns the new job's id. */
    public JobID runJar(String jarId, JarRun run) {
        return runJar(jarId, run, null, Map.of());
    }

    /**
     * Runs an uploaded jar as the job {@code jobId} with Flink options of its own ({@code POST
     * /jars/:jarid/run} with {@code jobId} and {@code flinkConfiguration}), as the Flink Kubernetes
     * Operator runs a session job: the id is chosen before the submission so that it can be
     * recorded first, and Flink refuses a second job with an id it knows.
     *
     * @param jobId may be null: Flink chooses the id
     * @param jobConfiguration Flink options of this job only, on top of the cluster's
     * @return the job's id
     */
    public JobID runJar(
            String jarId, JarRun run, JobID jobId, Map<String, String> jobConfiguration) {
        Objects.requireNonNull(jobConfiguration, "jobConfiguration");
        Objects.requireNonNull(run, "run");
        JarRunMessageParameters parameters =
                JarRunHeaders.getInstance().getUnresolvedMessageParameters();
        parameters.jarIdPathParameter.resolve(jarId);
        JarRunRequestBody body =
                new JarRunRequestBody(
                        run.entryClass(),
                        run.args(),
                        run.parallelism(),
                        jobId,
                        run.allowNonRestoredState(),
                        run.savepointPath(),
                        null,
                        jobConfiguration.isEmpty() ? null : Map.copyOf(jobConfiguration));
        return await(
                        client.sendRequest(JarRunHeaders.getInstance(), parameters, body),
                        timeout,
                        "run jar " + jarId)
                .getJobId();
    }

    /** Uploads {@code jar} and runs it: a session-cluster submission. */
    public JobID submitJar(Path jar, JarRun run) {
        return runJar(uploadJar(jar), run);
    }

    /** Closes the network clients. */
    @Override
    public synchronized void close() {
        client.close();
        if (uploadClient != null) {
            uploadClient.closeAsync();
        }
        if (uploadExecutor != null) {
            uploadExecutor.shutdownNow();
        }
    }

    private synchronized RestClient uploadClient() throws Exception {
        if (uploadClient == null) {
            uploadExecutor =
                    Executors.newSingleThreadExecutor(
                            r -> {
                                Thread t = new Thread(r, "flink-job-client-upload");
                                t.setDaemon(true);
                                return t;
                            });
            uploadClient = new RestClient(configuration, uploadExecutor);
        }
        return uploadClient;
    }

    private <T> T await(CompletableFuture<T> future, Duration limit, String what) {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FlinkJobException(
                    "Timed out after "
                            + limit
                            + " trying to "
                            + what
                            + " on the JobManager at "
                            + restAddress
                            + "; the operation may still complete on the cluster. Check the job's"
                            + " state before retrying.",
                    e);
        } catch (ExecutionException | CompletionException e) {
            throw failure(what, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, e);
        }
    }

    private FlinkJobException failure(String what, Throwable cause) {
        return new FlinkJobException(
                "Could not "
                        + what
                        + " on the JobManager at "
                        + restAddress
                        + ": "
                        + reason(cause)
                        + ". Check that the JobManager is up and reachable from here (outside the"
                        + " cluster use a port-forward resolver) and that the job exists."
                        + tlsHint(cause),
                cause);
    }

    /**
     * What to set when the failure looks like a TLS mismatch: a plain-HTTP client whose connection
     * the JobManager closed or left without an answer (it serves TLS: {@code security.tls.rest}),
     * or a TLS handshake that failed.
     */
    private String tlsHint(Throwable cause) {
        boolean handshake = false;
        boolean closed = false;
        boolean empty = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            handshake |= t instanceof SSLException;
            // Flink's plain-HTTP client reads no response from a TLS server: a null body
            empty |= t instanceof NullPointerException;
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            closed |= m.contains("closed") || m.contains("inactive") || m.contains("reset");
        }
        if (tls == null && (closed || handshake || empty)) {
            return " If the deployment has security.tls.rest on, its JobManager serves HTTPS: "
                    + SET_REST_TLS
                    + ".";
        }
        if (tls != null && handshake) {
            return " The TLS handshake failed: check that "
                    + tls
                    + " trusts the JobManager's certificate (and, with restMutualAuth, that the"
                    + " keystore's certificate is trusted by the JobManager), and that the"
                    + " deployment has security.tls.rest on.";
        }
        return "";
    }

    /** The first line of each distinct message along the cause chain, outermost first. */
    static String reason(Throwable t) {
        List<String> parts = new ArrayList<>();
        for (Throwable c = t; c != null && parts.size() < 4; c = c.getCause()) {
            String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            String first = m.lines().findFirst().orElse(m).strip();
            String line = first.length() > 300 ? first.substring(0, 297) + "..." : first;
            if (parts.stream().noneMatch(p -> p.contains(line))) {
                parts.add(line);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return String.join(" <- ", parts);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
