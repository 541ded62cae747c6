package io.flinkk8s.sdk.core.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.messages.webmonitor.JobDetails;
import org.apache.flink.runtime.messages.webmonitor.JobStatusInfo;
import org.apache.flink.runtime.messages.webmonitor.MultipleJobsDetails;
import org.apache.flink.runtime.rest.handler.async.AsynchronousOperationResult;
import org.apache.flink.runtime.rest.handler.async.TriggerResponse;
import org.apache.flink.runtime.rest.messages.EmptyResponseBody;
import org.apache.flink.runtime.rest.messages.ErrorResponseBody;
import org.apache.flink.runtime.rest.messages.ResponseBody;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointInfo;
import org.apache.flink.runtime.rest.util.RestConstants;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.runtime.webmonitor.handlers.JarRunResponseBody;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@link FlinkJobClient} call over real HTTP, against a server answering with Flink's own
 * REST response types, on the core module's own classpath. That classpath leaves out Flink's RPC
 * system, ZooKeeper and the libraries only Flink programs use (see the core's pom.xml; {@link
 * CoreClasspathFootprintTest} checks they stay out), so these tests fail if the client ever needs
 * one of them.
 */
class FlinkJobClientOverHttpTest {

    private static final Pattern JOB_PATH = Pattern.compile("/v1/jobs/([0-9a-f]{32})(/.*)?");
    private static final String SAVEPOINT = "s3://bucket/savepoints/savepoint-4f1e-1";
    private static final String STOP_SAVEPOINT = "s3://bucket/savepoints/savepoint-4f1e-2";
    private static final String UPLOADED = "/tmp/flink-web/flink-web-upload/7d2c_orders.jar";
    private static final TriggerId SAVEPOINT_TRIGGER = new TriggerId();
    private static final TriggerId STOP_TRIGGER = new TriggerId();

    private final JobID older = JobID.generate();
    private final JobID newer = JobID.generate();
    private final JobID submitted = JobID.generate();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private FlinkJobClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        client =
                FlinkJobClient.connect(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                        Duration.ofSeconds(30));
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.stop(0);
    }

    @Test
    void listsTheJobsNewestFirst() {
        List<JobSummary> jobs = client.listJobs();

        assertThat(jobs)
                .extracting(JobSummary::id, JobSummary::name, JobSummary::status)
                .containsExactly(
                        tuple(newer, "orders", JobStatus.RUNNING),
                        tuple(older, "orders", JobStatus.CANCELED));
        assertThat(requests).containsExactly("GET /v1/jobs/overview");
    }

    @Test
    void readsTheStatusOfAJob() {
        assertThat(client.jobStatus(newer)).isEqualTo(JobStatus.RUNNING);
        assertThat(requests).containsExactly("GET /v1/jobs/" + newer + "/status");
    }

    @Test
    void takesASavepointAndAnswersItsPath() {
        assertThat(client.triggerSavepoint(newer, "s3://bucket/savepoints", Duration.ofSeconds(30)))
                .isEqualTo(SAVEPOINT);
        assertThat(requests.get(0)).isEqualTo("POST /v1/jobs/" + newer + "/savepoints");
        assertThat(bodies.get(0)).contains("\"target-directory\":\"s3://bucket/savepoints\"");
    }

    @Test
    void stopsAJobWithASavepointAndAnswersItsPath() {
        assertThat(client.stopWithSavepoint(newer, null, Duration.ofSeconds(30)))
                .isEqualTo(STOP_SAVEPOINT);
        assertThat(requests.get(0)).isEqualTo("POST /v1/jobs/" + newer + "/stop");
    }

    @Test
    void cancelsAJob() {
        client.cancel(newer);

        assertThat(requests).containsExactly("PATCH /v1/jobs/" + newer + "?mode=cancel");
    }

    @Test
    void uploadsAJarAndRunsItOnASessionCluster(@TempDir Path dir) throws IOException {
        Path jar =
                Files.write(
                        dir.resolve("orders.jar"), "jar bytes".getBytes(StandardCharsets.UTF_8));

        JobID job = client.submitJar(jar, JarRun.of("com.example.Orders", "--topic", "orders"));

        assertThat(job).isEqualTo(submitted);
        assertThat(requests)
                .containsExactly("POST /v1/jars/upload", "POST /v1/jars/7d2c_orders.jar/run");
        assertThat(bodies.get(0)).contains("jar bytes").contains("orders.jar");
        assertThat(bodies.get(1)).contains("\"entryClass\":\"com.example.Orders\"");
    }

    @Test
    void aJobWithoutCheckpointStatisticsFailsWithTheJobManagersAnswer() {
        assertThatThrownBy(() -> client.latestCheckpoints(newer))
                .isInstanceOf(FlinkJobException.class)
                .hasMessageContaining("read the checkpoints of job " + newer)
                .hasMessageContaining("Checkpointing has not been enabled.");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        requests.add(method + " " + uri);
        bodies.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
        Matcher job = JOB_PATH.matcher(path);
        if (path.equals("/v1/jobs/overview")) {
            respond(exchange, 200, jobsOverview());
        } else if (path.equals("/v1/jars/upload") && method.equals("POST")) {
            respond(exchange, 200, new JarUploadResponseBody(UPLOADED));
        } else if (path.equals("/v1/jars/7d2c_orders.jar/run") && method.equals("POST")) {
            respond(exchange, 200, new JarRunResponseBody(submitted));
        } else if (job.matches()) {
            answerForJob(exchange, method, job.group(2) == null ? "" : job.group(2));
        } else {
            respond(exchange, 404, new ErrorResponseBody("Not found: " + path));
        }
    }

    private void answerForJob(HttpExchange exchange, String method, String rest)
            throws IOException {
        if (rest.equals("/status")) {
            respond(exchange, 200, new JobStatusInfo(JobStatus.RUNNING));
        } else if (rest.equals("/checkpoints")) {
            respond(exchange, 404, new ErrorResponseBody("Checkpointing has not been enabled."));
        } else if (rest.equals("/savepoints") || rest.equals("/stop")) {
            TriggerId trigger = rest.equals("/stop") ? STOP_TRIGGER : SAVEPOINT_TRIGGER;
            respond(exchange, 202, new TriggerResponse(trigger));
        } else if (rest.startsWith("/savepoints/")) {
            String location = rest.endsWith(STOP_TRIGGER.toString()) ? STOP_SAVEPOINT : SAVEPOINT;
            respond(
                    exchange,
                    200,
                    AsynchronousOperationResult.completed(new SavepointInfo(location, null)));
        } else if (rest.isEmpty() && method.equals("PATCH")) {
            respond(exchange, 202, EmptyResponseBody.getInstance());
        } else {
            respond(exchange, 404, new ErrorResponseBody("Not found: " + rest));
        }
    }

    private MultipleJobsDetails jobsOverview() {
        return new MultipleJobsDetails(
                List.of(
                        new JobDetails(
                                older,
                                "orders",
                                1_000L,
                                2_000L,
                                1_000L,
                                JobStatus.CANCELED,
                                2_000L,
                                new int[ExecutionState.values().length],
                                0),
                        new JobDetails(
                                newer,
                                "orders",
                                3_000L,
                                -1L,
                                500L,
                                JobStatus.RUNNING,
                                3_500L,
                                new int[ExecutionState.values().length],
                                0)));
    }

    private static void respond(HttpExchange exchange, int status, ResponseBody body)
            throws IOException {
        byte[] json = RestMapperUtils.getStrictObjectMapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", RestConstants.REST_CONTENT_TYPE);
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
        exchange.close();
    }
}
