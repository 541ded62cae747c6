package io.flinkk8s.sdk.core.error;

/**
 * The API server refused to take an object the SDK applied or deleted, or kept failing until the
 * retry policy gave up. The message names the object ({@code Deployment
 * streaming/orders-taskmanager}), carries the server's own message and says what to do next.
 * Objects of earlier dependency levels may already be applied; applying again is safe.
 */
public class ApplyException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String namespace;
    private final String name;
    private final int httpStatus;
    private final String serverMessage;

    /**
     * @param kind the object's kind, e.g. {@code Deployment}
     * @param namespace the object's namespace
     * @param name the object's name; null when a list of {@code kind} failed
     * @param httpStatus the API server's HTTP status; 0 when no answer came (timeout, I/O error)
     * @param serverMessage the API server's message, or the client's error when no answer came
     * @param cause the client's exception
     */
    public ApplyException(
            String kind,
            String namespace,
            String name,
            int httpStatus,
            String serverMessage,
            Throwable cause) {
        super(message(kind, namespace, name, httpStatus, serverMessage), cause);
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.httpStatus = httpStatus;
        this.serverMessage = serverMessage;
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

    /** The API server's message (or the client's error when no answer came). */
    public String serverMessage() {
        return serverMessage;
    }

    private static String message(
            String kind, String namespace, String name, int status, String serverMessage) {
        String what =
                name == null
                        ? "list " + kind + " objects in namespace " + namespace
                        : "apply " + kind + " " + namespace + "/" + name;
        return "Could not "
                + what
                + ": "
                + (status == 0 ? "no answer from the API server" : "HTTP " + status)
                + ": "
                + serverMessage
                + ". "
                + nextStep(status, kind, namespace);
    }

    private static String nextStep(int status, String kind, String namespace) {
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
            default ->
                    "The API server kept failing after every retry of the retry policy; apply"
                            + " again later (apply is safe to repeat).";
        };
    }
}
