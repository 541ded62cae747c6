package io.flinkk8s.sdk.core.error;

import java.util.List;

/**
 * An import of the Flink Kubernetes Operator's resources ({@code OperatorImport}) failed: the input
 * is malformed (not YAML or JSON, or a field of the wrong shape), or a strict import met content
 * the spec cannot represent. The message names the source, the document and the field path; nothing
 * was imported.
 */
public class ImportException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int document;
    private final String path;
    private final List<String> refused;

    /**
     * Malformed input at {@code path} of {@code document} (from 1) in {@code source}; the message
     * is {@code source, document N, path: message}.
     */
    public ImportException(
            String source, int document, String path, String message, Throwable cause) {
        super(
                source
                        + ", document "
                        + document
                        + (path.isEmpty() ? "" : ", " + path)
                        + ": "
                        + message,
                cause);
        this.source = source;
        this.document = document;
        this.path = path;
        this.refused = List.of();
    }

    /**
     * A strict import refused content: {@code refused} says what, one entry per field, the first at
     * {@code path} of {@code document}.
     */
    public ImportException(
            String message, String source, int document, String path, List<String> refused) {
        super(message);
        this.source = source;
        this.document = document;
        this.path = path;
        this.refused = List.copyOf(refused);
    }

    /** The file or source name of the input. */
    public String source() {
        return source;
    }

    /** The number of the offending document in the source, from 1. */
    public int document() {
        return document;
    }

    /** The field path in that document, {@code ""} for the document as a whole. */
    public String path() {
        return path;
    }

    /**
     * What a strict import refused, one {@code source, document N, path: why} per field; empty for
     * malformed input.
     */
    public List<String> refused() {
        return refused;
    }
}
