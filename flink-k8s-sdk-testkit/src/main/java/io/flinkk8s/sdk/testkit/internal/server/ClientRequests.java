package io.flinkk8s.sdk.testkit.internal.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import io.flinkk8s.sdk.testkit.internal.rbac.AccessReviews;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.nio.charset.StandardCharsets;

/**
 * The API server's door for clients' requests (the controllers' requests come in by {@link
 * DirectApi}): the request as it arrived, an injected fault or the handler's answer, the request
 * log, and the listener that runs the controllers after a write. SelfSubjectAccessReviews are
 * answered here ({@link AccessReviews}), stored nowhere.
 */
public final class ClientRequests {

    private final InMemoryApiDispatcher dispatcher;
    private final AccessReviews reviews = new AccessReviews();

    ClientRequests(InMemoryApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The answers to SelfSubjectAccessReviews. */
    AccessReviews accessReviews() {
        return reviews;
    }

    /** Handles a client's request: faults, the handler, the log and the write listener. */
    MockResponse handle(RecordedRequest request) {
        RequestPath path = RequestPath.parse(request.getPath());
        ApiVerb verb = path.verb(request.method());
        String manager = managerOf(request, path);
        String body = body(request);
        ApiRequest arrived =
                new ApiRequest(
                        dispatcher.clock().instant(),
                        verb,
                        request.getMethod(),
                        request.getPath(),
                        path.resource(),
                        path.subresource(),
                        path.namespace(),
                        verb == ApiVerb.CREATE && path.name() == null ? nameIn(body) : path.name(),
                        request.getHeader("Content-Type"),
                        path.param("fieldManager"),
                        0);
        FaultRule fault = path.isResource() ? dispatcher.injectedFaults().take(arrived) : null;
        MockResponse response;
        if (fault != null && fault.status() > 0) {
            response =
                    ApiError.response(
                            fault.status(),
                            reasonOf(fault.status()),
                            "injected fault: " + verb + " " + path.resource());
        } else if (body.length() > ObjectRules.MAX_REQUEST_BYTES / 4
                && body.getBytes(StandardCharsets.UTF_8).length > ObjectRules.MAX_REQUEST_BYTES) {
            response =
                    ApiError.response(
                            413,
                            "RequestEntityTooLarge",
                            "Request entity too large: limit is " + ObjectRules.MAX_REQUEST_BYTES);
        } else if (verb == ApiVerb.CREATE
                && AccessReviews.isReview(path.group(), path.resource())) {
            response = review(body);
        } else {
            dispatcher.clientRequest(true);
            try {
                response =
                        dispatcher.handleSafely(
                                request.method(),
                                path,
                                request.getHeader("Content-Type"),
                                body,
                                null,
                                manager);
            } finally {
                dispatcher.clientRequest(false);
            }
        }
        ApiRequest answered = arrived.answered(response.code());
        if (answered.verb() == ApiVerb.CREATE && answered.name() == null) {
            answered = named(answered, createdName(body, response));
        }
        dispatcher.recordedRequests().add(answered);
        if (verb.isWrite() && response.code() < 300 && !AccessReviews.isReviewPath(path.raw())) {
            dispatcher.afterClientWrite();
        }
        if (fault != null && fault.delay() != null) {
            if (response.getBody() == null || response.getBody().size() == 0) {
                response.setBody("{}");
            }
            response.setBodyDelay(fault.delay());
        }
        return response;
    }

    private MockResponse review(String body) {
        try {
            return InMemoryApiDispatcher.ok(reviews.answer(body)).setResponseCode(201);
        } catch (IllegalArgumentException e) {
            return ApiError.badRequest(e.getMessage()).toResponse();
        }
    }

    /**
     * The name a create (a POST to the collection, whose path names nothing) is about: the body's
     * {@code metadata.name}, else (a body with only {@code generateName}) the name the server
     * generated, from the answer; null when neither says.
     */
    private static String createdName(String body, MockResponse response) {
        String name = nameIn(body);
        if (name == null && response.code() < 300 && response.getBody() != null) {
            // getBytes() copies: readUtf8() would empty the body the client is about to get
            name = nameIn(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
        }
        return name;
    }

    private static String nameIn(String json) {
        try {
            String name = Json.parse(json).path("metadata").path("name").asText("");
            return name.isEmpty() ? null : name;
        } catch (RuntimeException e) {
            return null; // not JSON: the request was refused for it, and the log still has it
        }
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().readUtf8();
    }

    private static String managerOf(RecordedRequest request, RequestPath path) {
        String manager = path.param("fieldManager");
        if (manager != null && !manager.isEmpty()) {
            return manager;
        }
        String agent = request.getHeader("User-Agent");
        if (agent == null || agent.isEmpty()) {
            return "unknown";
        }
        int slash = agent.indexOf('/');
        return slash < 0 ? agent : agent.substring(0, slash);
    }

    private static String reasonOf(int status) {
        return switch (status) {
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "Unknown";
        };
    }

    /** {@code request} about the object {@code name} (a create names it in its body). */
    private static ApiRequest named(ApiRequest request, String name) {
        return new ApiRequest(
                request.at(),
                request.verb(),
                request.method(),
                request.path(),
                request.resource(),
                request.subresource(),
                request.namespace(),
                name,
                request.contentType(),
                request.fieldManager(),
                request.status());
    }
}
