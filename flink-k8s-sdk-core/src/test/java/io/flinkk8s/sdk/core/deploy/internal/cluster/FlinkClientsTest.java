package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.runtime.messages.webmonitor.MultipleJobsDetails;
import org.apache.flink.runtime.rest.messages.ErrorResponseBody;
import org.apache.flink.runtime.rest.util.RestConstants;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deployer's Flink REST clients with real {@link FlinkJobClient}s against JobManagers that are
 * HTTP servers answering Flink's {@code /jobs/overview}: a JobManager that goes away and comes back
 * at a new address, as a restarted JobManager pod behind a port-forward does.
 */
class FlinkClientsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AtomicLong nanos = new AtomicLong();
    private final FlinkClients clients =
            new FlinkClients(nanos::get, Duration.ofSeconds(60), FlinkClients.MAX_CLIENTS);
    private HttpServer jobManager;

    @AfterEach
    void stop() {
        clients.close();
        if (jobManager != null) {
            jobManager.stop(0);
        }
    }

    @Test
    void callsToOneJobManagerShareOneClient() throws IOException {
        URI rest = startJobManager();

        FlinkJobClient first = client(rest);
        FlinkJobClient second = client(rest);

        assertThat(second).isSameAs(first);
        assertThat(first.listJobs()).isEmpty();
    }

    @Test
    void aJobManagerThatStoppedAnsweringGetsANewClientOnceBackAndTheOldOneIsClosed()
            throws IOException {
        // given
        URI before = startJobManager();
        FlinkJobClient old = client(before);
        jobManager.stop(0);
        // when: a call finds the JobManager gone, and it comes back elsewhere
        assertThatThrownBy(() -> clients.call(before, TIMEOUT, FlinkJobClient::listJobs))
                .isInstanceOf(FlinkJobException.class)
                .hasMessageContaining(before.toString());
        URI after = startJobManager();
        // then
        assertThat(clients.call(after, TIMEOUT, FlinkJobClient::listJobs)).isEmpty();
        assertThat(client(after)).isNotSameAs(old);
        assertThat(clients.size()).as("the gone JobManager's client is not kept").isEqualTo(1);
        assertThatThrownBy(old::listJobs)
                .as("the replaced client was closed")
                .isInstanceOf(FlinkJobException.class);
    }

    @Test
    void anErrorTheJobManagerAnswersKeepsTheClient() throws IOException {
        URI rest = startJobManager(404);
        FlinkJobClient client = client(rest);

        assertThatThrownBy(() -> clients.call(rest, TIMEOUT, FlinkJobClient::listJobs))
                .isInstanceOf(FlinkJobException.class);

        assertThat(client(rest)).isSameAs(client);
    }

    @Test
    void anIdleClientIsClosedAtTheNextCall() throws IOException {
        // given
        URI rest = startJobManager();
        FlinkJobClient idle = client(rest);
        // when
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        FlinkJobClient next = client(rest);
        // then
        assertThat(next).isNotSameAs(idle);
        assertThatThrownBy(idle::listJobs).isInstanceOf(FlinkJobException.class);
        assertThat(next.listJobs()).isEmpty();
    }

    @Test
    void closeClosesTheClientsAndALaterCallStillWorksWithAClientOfItsOwn() throws IOException {
        // given
        URI rest = startJobManager();
        FlinkJobClient kept = client(rest);
        // when
        clients.close();
        // then
        assertThatThrownBy(kept::listJobs).isInstanceOf(FlinkJobException.class);
        assertThat(clients.call(rest, TIMEOUT, FlinkJobClient::listJobs)).isEmpty();
        assertThat(clients.size()).isZero();
    }

    @Test
    void onlyFailuresOfTheConnectionCountAsAGoneEndpoint() {
        assertThat(
                        FlinkClients.endpointGone(
                                new FlinkJobException(
                                        "Could not list jobs",
                                        new RuntimeException(
                                                new ConnectException("Connection refused")))))
                .isTrue();
        assertThat(FlinkClients.endpointGone(new RuntimeException(new UnknownHostException())))
                .isTrue();
        assertThat(
                        FlinkClients.endpointGone(
                                new FlinkJobException("Could not find job", new IOException())))
                .isFalse();
    }

    /** The client the cache gives for {@code rest} now. */
    private FlinkJobClient client(URI rest) {
        return clients.call(rest, TIMEOUT, c -> c);
    }

    private URI startJobManager() throws IOException {
        return startJobManager(200);
    }

    /** A JobManager answering {@code /jobs/overview} with no jobs, or with {@code status}. */
    private URI startJobManager(int status) throws IOException {
        jobManager =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jobManager.createContext("/", exchange -> answer(exchange, status));
        jobManager.start();
        return URI.create("http://127.0.0.1:" + jobManager.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        Object body =
                status == 200
                        ? new MultipleJobsDetails(List.of())
                        : new ErrorResponseBody("Not found: " + exchange.getRequestURI());
        byte[] json = RestMapperUtils.getStrictObjectMapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", RestConstants.REST_CONTENT_TYPE);
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
        exchange.close();
    }
}
