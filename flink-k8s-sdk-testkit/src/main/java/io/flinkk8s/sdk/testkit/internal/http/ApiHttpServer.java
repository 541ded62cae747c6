package io.flinkk8s.sdk.testkit.internal.http;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * The in-memory cluster's HTTP endpoint on {@code 127.0.0.1}: a Vert.x HTTP server that hands each
 * request to the {@link Dispatcher} on a worker thread of its own, never on Vert.x's event loop
 * (the controllers run inside a client's write and may start Flink), and answers as fabric8's mock
 * web server does: status, headers and body (after the response's body delay), or a WebSocket
 * upgrade for a watch.
 *
 * <p>fabric8's {@code MockWebServer} is not used: its class refers to Bouncy Castle, whose signed
 * jar the JVM verifies when the class is loaded (about 0.3 s of a test run's first cluster), and it
 * keeps every request in memory.
 */
public final class ApiHttpServer implements AutoCloseable {

    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);
    // how long one request may take before Vert.x warns of a blocked thread: a request can start a
    // Flink MiniCluster
    private static final Duration WORK_LIMIT = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final Dispatcher dispatcher;
    private final Logger requestLog;
    // one Vert.x worker thread: requests are handled one at a time, in arrival order, and a
    // watch event sent from it is written without waiting for the event loop (fabric8's
    // WebSocket waits for each write when sent from outside Vert.x)
    private final WorkerExecutor dispatching;
    private HttpServer server;

    private ApiHttpServer(Vertx vertx, Dispatcher dispatcher, Logger requestLog) {
        this.vertx = vertx;
        this.dispatcher = dispatcher;
        this.requestLog = requestLog;
        this.dispatching =
                vertx.createSharedWorkerExecutor(
                        "flinkk8s-testkit-api-server", 1, WORK_LIMIT.toMinutes(), TimeUnit.MINUTES);
    }

    /**
     * Starts a server on a free port of {@code 127.0.0.1}.
     *
     * @param requestLog where every request and its status are logged at INFO; null for none
     */
    public static ApiHttpServer start(Vertx vertx, Dispatcher dispatcher, Logger requestLog) {
        ApiHttpServer api = new ApiHttpServer(vertx, dispatcher, requestLog);
        HttpServer server =
                vertx.createHttpServer(
                                new HttpServerOptions()
                                        .setHost("127.0.0.1")
                                        .setPort(0)
                                        .setHttp2ClearTextEnabled(false)
                                        .setHandle100ContinueAutomatically(true))
                        .requestHandler(api::handle);
        api.server = await(server.listen(), "start the in-memory API server");
        return api;
    }

    /** The port the server listens on. */
    public int port() {
        return server.actualPort();
    }

    /** The URL of {@code path} on this server, as fabric8's mock server names it. */
    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    private void handle(HttpServerRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            // a watch: no body; the request waits (paused, its end unread) for the answer, as
            // toWebSocket() must see the request's end itself
            request.pause();
            dispatchThenRespond(request, recorded(request, null));
            return;
        }
        request.body()
                .onFailure(e -> fail(request, e))
                .onSuccess(body -> dispatchThenRespond(request, recorded(request, body)));
    }

    /** Dispatches on the worker; the answer is written back on the request's event loop. */
    private void dispatchThenRespond(HttpServerRequest request, RecordedRequest recorded) {
        dispatching
                .executeBlocking(() -> dispatch(recorded), true)
                .onSuccess(response -> respond(request, recorded, response))
                .onFailure(e -> fail(request, e));
    }

    private MockResponse dispatch(RecordedRequest recorded) {
        MockResponse response;
        try {
            response = dispatcher.dispatch(recorded);
        } catch (RuntimeException e) {
            response = ApiError.response(500, "InternalError", String.valueOf(e));
        }
        if (requestLog != null) {
            requestLog.info(
                    "{} {} answered {}",
                    recorded.getMethod(),
                    recorded.getPath(),
                    response.getWebSocketListener() != null ? "a watch" : response.code());
        }
        return response;
    }

    private static RecordedRequest recorded(HttpServerRequest request, Buffer body) {
        return new RecordedRequest(
                request.version().alpnName().toUpperCase(Locale.ROOT),
                HttpMethod.fromVertx(request.method()),
                request.uri(),
                Headers.builder().addAll(request.headers()).build(),
                new io.fabric8.mockwebserver.http.Buffer(
                        body == null ? new byte[0] : body.getBytes()));
    }

    private void respond(HttpServerRequest request, RecordedRequest recorded, MockResponse mock) {
        if (mock.getWebSocketListener() != null) {
            request.toWebSocket()
                    .onFailure(e -> fail(request, e))
                    .onSuccess(new ServerWebSocketHandler(recorded, mock));
            return;
        }
        request.resume();
        HttpServerResponse response = request.response().setStatusCode(mock.code());
        mock.getHeaders()
                .toMultimap()
                .forEach((name, values) -> response.headers().add(name, values));
        if (mock.getBody() == null || mock.getBody().size() == 0) {
            response.end();
            return;
        }
        if (!response.headers().contains("Transfer-Encoding")) {
            response.headers().add("Content-Length", String.valueOf(mock.getBody().size()));
        }
        Buffer body = Buffer.buffer(mock.getBody().getBytes());
        Duration delay = mock.getBodyDelay();
        if (delay != null && !delay.isZero()) {
            vertx.setTimer(delay.toMillis(), id -> response.send(body));
        } else {
            response.send(body);
        }
    }

    private static void fail(HttpServerRequest request, Throwable e) {
        if (!request.response().headWritten()) {
            request.response().setStatusCode(500).setStatusMessage(String.valueOf(e)).send();
        }
    }

    /** Stops accepting requests and closes open connections; the dispatcher thread ends. */
    @Override
    public void close() {
        try {
            dispatcher.shutdown();
            await(server.close(), "stop the in-memory API server");
        } finally {
            dispatching.close();
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future, String what) {
        try {
            return future.toCompletionStage()
                    .toCompletableFuture()
                    .get(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkK8sException("Interrupted while waiting to " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new FlinkK8sException("Could not " + what + " within " + STOP_LIMIT, e);
        }
    }
}
