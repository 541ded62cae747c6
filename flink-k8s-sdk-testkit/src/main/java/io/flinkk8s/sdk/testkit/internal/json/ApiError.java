package io.flinkk8s.sdk.testkit.internal.json;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;

/**
 * An API error answered as a Kubernetes {@code Status}, thrown from deep inside request handling.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final transient StatusDetails details;

    /** An error with its HTTP status, its {@code Status} reason and message. */
    public ApiError(int code, String reason, String message) {
        this(code, reason, message, null);
    }

    /**
     * An error with its HTTP status, reason, message and {@code details} (what the object is and
     * the causes, each a field and what is wrong with it); {@code details} may be null.
     */
    public ApiError(int code, String reason, String message, StatusDetails details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    /**
     * 422 Invalid about the object {@code name} of {@code kind} in {@code group}, with one cause
     * per field, as the API server's validation answers: the message is {@code <Kind>[.group]
     * "<name>" is invalid: } followed by the causes.
     */
    public static ApiError invalid(
            String group, String kind, String name, List<StatusCause> causes) {
        String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
        StringBuilder message =
                new StringBuilder(qualified).append(" \"").append(name).append("\" is invalid: ");
        if (causes.size() == 1) {
            message.append(causeText(causes.get(0)));
        } else {
            message.append('[');
            for (int i = 0; i < causes.size(); i++) {
                message.append(i == 0 ? "" : ", ").append(causeText(causes.get(i)));
            }
            message.append(']');
        }
        StatusDetails details = new StatusDetails();
        details.setName(name);
        details.setGroup(group == null ? "" : group);
        details.setKind(kind);
        details.setCauses(List.copyOf(causes));
        return new ApiError(422, "Invalid", message.toString(), details);
    }

    /** A cause of an invalid request: its type, the field (dotted) and what is wrong. */
    public static StatusCause cause(String type, String field, String message) {
        StatusCause cause = new StatusCause();
        cause.setReason(type);
        cause.setField(field);
        cause.setMessage(message);
        return cause;
    }

    private static String causeText(StatusCause cause) {
        return cause.getField() + ": " + cause.getMessage();
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
        return response(code, reason, getMessage(), details);
    }

    /** A {@code Status} answer with this status, reason and message. */
    public static MockResponse response(int code, String reason, String message) {
        return response(code, reason, message, null);
    }

    private static MockResponse response(
            int code, String reason, String message, StatusDetails details) {
        Status status =
                new StatusBuilder()
                        .withStatus("Failure")
                        .withCode(code)
                        .withReason(reason)
                        .withMessage(message)
                        .withDetails(details)
                        .build();
        return new MockResponse()
                .setResponseCode(code)
                .setBody(Serialization.asJson(status))
                .setHeader("Content-Type", "application/json");
    }
}
