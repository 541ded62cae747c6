package io.flinkk8s.sdk.core.error;

/**
 * A serialized spec (YAML or JSON) could not be read: it is not well-formed, names a field the spec
 * does not have, or holds a value of the wrong type. The message names the field path, for example
 * {@code taskManager.replicsa: unknown field}.
 */
public class SpecFormatException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path the field path of the offending value, or {@code ""} when the document itself is
     *     malformed
     */
    public SpecFormatException(String path, String message, Throwable cause) {
        super(path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path;
    }

    /** The field path of the offending value, {@code ""} for a malformed document. */
    public String path() {
        return path;
    }
}
