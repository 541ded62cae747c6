package io.flinkk8s.sdk.core.error;

/**
 * The single base of every exception the SDK throws on purpose. Unchecked, so that application code
 * is not forced to wrap every call; catch it (or a subtype) where you can act on it.
 */
public class FlinkK8sException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message that says what failed, on which object, and what to do next. */
    public FlinkK8sException(String message) {
        super(message);
    }

    /** An error caused by another exception; the message still says what to do next. */
    public FlinkK8sException(String message, Throwable cause) {
        super(message, cause);
    }
}
