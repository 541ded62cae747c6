package io.flinkk8s.sdk.testkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class ApiHttpServerTest {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        vertx.close();
    }

    /** Answers the request's method, path and body, and remembers the thread it ran on. */
    private static final class Echo extends Dispatcher {
        final List<String> threads = new ArrayList<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            threads.add(Thread.currentThread().getName());
            return new MockResponse()
                    .setResponseCode(201)
                    .setHeader("Content-Type", "text/plain")
                    .setBody(
                            request.getMethod()
                                    + " "
                                    + request.getPath()
                                    + " "
                                    + request.getBody().readUtf8());
        }
    }

    private HttpResponse<String> post(ApiHttpServer server, String path, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url(path)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersWhatTheDispatcherAnswersFromAThreadOutsideTheEventLoop() throws Exception {
        // given
        Echo echo = new Echo();

        // when
        HttpResponse<String> response;
        try (ApiHttpServer server = ApiHttpServer.start(vertx, echo, null)) {
            response = post(server, "/api/v1/namespaces/a/pods?x=1", "{\"kind\":\"Pod\"}");
        }

        // then
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain");
        assertThat(response.body())
                .isEqualTo("POST /api/v1/namespaces/a/pods?x=1 {\"kind\":\"Pod\"}");
        assertThat(echo.threads).singleElement().asString().doesNotContain("eventloop");
    }

    @Test
    void logsEveryRequestAndItsAnswerWhenGivenALogger() throws Exception {
        // given
        RecordingLogger log = new RecordingLogger();

        // when
        try (ApiHttpServer server = ApiHttpServer.start(vertx, new Echo(), log)) {
            post(server, "/api/v1/namespaces/a/configmaps", "{}");
        }

        // then
        assertThat(log.lines)
                .containsExactly("INFO POST /api/v1/namespaces/a/configmaps answered 201");
    }

    @Test
    void aDispatcherFailureAnswers500() throws Exception {
        // given
        Dispatcher failing =
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        throw new IllegalStateException("broken");
                    }
                };

        // when
        HttpResponse<String> response;
        try (ApiHttpServer server = ApiHttpServer.start(vertx, failing, null)) {
            response = post(server, "/api/v1/pods", "{}");
        }

        // then
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("broken");
    }

    /** An SLF4J logger that keeps what it is given. */
    private static final class RecordingLogger extends AbstractLogger {
        final List<String> lines = new ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return true;
        }
    }
}
