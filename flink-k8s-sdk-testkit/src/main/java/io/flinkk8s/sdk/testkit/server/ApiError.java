package io.flinkk8s.sdk.testkit.server;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * An API error answered as a Kubernetes {@code Status}, thrown from deep inside request handling.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    ApiError(int code, String reason, String message) {
        super(message);
        this.code = code;
        this.reason = reason;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "NotFound", message);
    }

    static ApiError conflict(String message) {
        return new ApiError(409, "Conflict", message);
    }

    static ApiError invalid(String message) {
        return new ApiError(422, "Invalid", message);
    }

    int code() {
        return code;
    }

    /** The HTTP response carrying this error as a {@code Status} object. */
    MockResponse toResponse() {
        return response(code, reason, getMessage());
    }

    static MockResponse response(int code, String reason, String message) {
        Status status =
                new StatusBuilder()
                        .withStatus("Failure")
                        .withCode(code)
                        .withReason(reason)
                        .withMessage(message)
                        .build();
        return new MockResponse()
                .setResponseCode(code)
                .setBody(Serialization.asJson(status))
                .setHeader("Content-Type", "application/json");
    }
}
