package io.flinkk8s.sdk.core.error;

/**
 * Rendered objects could not be exported: a folder holds files the SDK did not write, or a file
 * cannot be read or written. The message names the file and says what was left as it was.
 */
public class ExportException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    /** An export failure described by {@code message}. */
    public ExportException(String message) {
        super(message);
    }

    /** An export failure described by {@code message}, caused by {@code cause}. */
    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
