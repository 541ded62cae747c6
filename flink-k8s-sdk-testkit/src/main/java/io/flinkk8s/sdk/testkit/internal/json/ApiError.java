package io.flinkk8s.sdk.testkit.internal.json;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * An API error answered as a Kubernetes {@code Status}, thrown from deep inside request handling.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    /** An error with its HTTP status, its {@code Status} reason and message. */
    public ApiError(int code, String reason, String message) {
        super(message);
        this.code = code;
        this.reason = reason;
    }

    /** 400 BadRequest. */
    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message);
    }

    /** 404 NotFound. */
    public static ApiError notFound(String message) {
        return new ApiError(404, "NotFound", message);
    }

    /** 409 Conflict. */
    public static ApiError conflict(String message) {
        return new ApiError(409, "Conflict", message);
    }

    /** 422 Invalid. */
    public static ApiError invalid(String message) {
        return new ApiError(422, "Invalid", message);
    }

    /** The HTTP status. */
    public int code() {
        return code;
    }

    /** The HTTP response carrying this error as a {@code Status} object. */
    public MockResponse toResponse() {
        return response(code, reason, getMessage());
    }

    /** A {@code Status} answer with this status, reason and message. */
    public static MockResponse response(int code, String reason, String message) {
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
