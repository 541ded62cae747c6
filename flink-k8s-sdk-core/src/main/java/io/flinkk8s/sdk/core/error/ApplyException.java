package io.flinkk8s.sdk.core.error;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * The API server refused to take an object the SDK applied or deleted, or kept failing until the
 * retry policy gave up. The message names the object ({@code Deployment
 * streaming/orders-taskmanager}), carries the server's own message (short: never a whole object;
 * the client's exception, kept as the cause, has everything), says whether and how often the
 * request was retried, and what to do next. Objects of earlier dependency levels may already be
 * applied; applying again is safe.
 *
 * <p>{@link KindNotServedException}, a subtype, says that the cluster does not serve the object's
 * kind at all (a custom resource whose CRD is not installed).
 */
public class ApplyException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String namespace;
    private final String name;
    private final int httpStatus;
    private final String serverMessage;
    private final int attempts;

    /**
     * How a request failed for good.
     *
     * @param httpStatus the API server's HTTP status; 0 when no answer came (timeout, I/O error) or
     *     the client refused the request before sending it
     * @param serverMessage the API server's message, or the client's error when no answer came;
     *     short (the SDK keeps whole objects out of it)
     * @param attempts the attempts made, at least 1
     * @param maxAttempts the attempts the retry policy allowed, at least 1
     */
    public record Failure(int httpStatus, String serverMessage, int attempts, int maxAttempts) {}

    /**
     * @param kind the object's kind, e.g. {@code Deployment}
     * @param namespace the object's namespace
     * @param name the object's name; null when a list of {@code kind} failed
     * @param failure the answer and the attempts made
     * @param cause the client's exception
     */
    public ApplyException(
            String kind, String namespace, String name, Failure failure, Throwable cause) {
        this(message(kind, namespace, name, failure, cause), kind, namespace, name, failure, cause);
    }

    /**
     * For subtypes that say more than the general message does.
     *
     * @param message the whole message: what, which object, what to do next
     */
    protected ApplyException(
            String message,
            String kind,
            String namespace,
            String name,
            Failure failure,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.httpStatus = failure.httpStatus();
        this.serverMessage = failure.serverMessage();
        this.attempts = failure.attempts();
    }

    /** The kind of the object that failed, e.g. {@code Deployment}. */
    public String kind() {
        return kind;
    }

    /** The namespace of the object that failed. */
    public String namespace() {
        return namespace;
    }

    /** The name of the object that failed; null when a list failed. */
    public String name() {
        return name;
    }

    /** The API server's HTTP status; 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The API server's message (or the client's error when no answer came), short. */
    public String serverMessage() {
        return serverMessage;
    }

    /** How many attempts were made before giving up: 1 when the request was not retried. */
    public int attempts() {
        return attempts;
    }

    /** {@code apply Deployment streaming/orders} or {@code list ConfigMap objects in ...}. */
    static String what(String kind, String namespace, String name) {
        return name == null
                ? "list " + kind + " objects in namespace " + namespace
                : "apply " + kind + " " + namespace + "/" + name;
    }

    private static String message(
            String kind, String namespace, String name, Failure failure, Throwable cause) {
        int status = failure.httpStatus();
        String answer =
                status > 0
                        ? "HTTP " + status
                        : noAnswer(cause)
                                ? "no answer from the API server"
                                : "the client refused the request";
        return "Could not "
                + what(kind, namespace, name)
                + ": "
                + answer
                + retries(status, failure)
                + ": "
                + failure.serverMessage()
                + ". "
                + nextStep(status, kind, namespace, failure);
    }

    /** Whether the failure was a timeout or an I/O error: no answer came. */
    private static boolean noAnswer(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Refusals are never retried, so only other answers say what the retry policy did. */
    private static String retries(int status, Failure failure) {
        if (isRefusal(status)) {
            return "";
        }
        if (failure.attempts() > 1) {
            return " after " + failure.attempts() + " attempts";
        }
        return failure.maxAttempts() <= 1 ? " (no retry: the retry policy allows 1 attempt)" : "";
    }

    private static boolean isRefusal(int status) {
        return switch (status) {
            case 400, 401, 403, 404, 422 -> true;
            default -> false;
        };
    }

    private static String nextStep(int status, String kind, String namespace, Failure failure) {
        return switch (status) {
            case 401, 403 ->
                    "Grant the client's user or ServiceAccount permission to get, list, patch and"
                            + " delete "
                            + kind
                            + " objects in namespace "
                            + namespace
                            + ", then apply again.";
            case 400, 422 ->
                    "The API server rejected the object as rendered: check the spec field or"
                            + " custom render step that produces it, then apply again.";
            case 404 -> "Check that namespace " + namespace + " exists, then apply again.";
            default -> {
                if (failure.attempts() > 1) {
                    yield "The API server kept failing; apply again later (apply is safe to"
                            + " repeat), or allow more attempts with DeployOptions.retryPolicy.";
                }
                if (failure.maxAttempts() <= 1) {
                    yield "Apply again later (apply is safe to repeat), or let the deployer retry"
                            + " with DeployOptions.retryPolicy(RetryPolicy.defaults()).";
                }
                yield "Retrying does not change this answer, so it was not retried; check the"
                        + " message (and the client's configuration), then apply again.";
            }
        };
    }
}
