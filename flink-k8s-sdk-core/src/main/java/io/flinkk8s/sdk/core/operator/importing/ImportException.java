package io.flinkk8s.sdk.core.operator.importing;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import java.util.List;

/**
 * An import failed: the input is malformed (not YAML or JSON, or a field of the wrong shape), or a
 * strict import met content the spec cannot represent. The message names the source, the document
 * and the field path; nothing was imported.
 */
public class ImportException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int document;
    private final String path;
    private final transient List<ImportNote> refused;

    /** Malformed input at {@code path} of {@code document} (from 1) in {@code source}. */
    ImportException(String source, int document, String path, String message, Throwable cause) {
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

    /** A strict import of {@code source} refused {@code refused}, listed one per line. */
    ImportException(String source, List<ImportNote> refused) {
        super(refusal(source, refused));
        this.source = source;
        this.document = refused.get(0).document();
        this.path = refused.get(0).path();
        this.refused = List.copyOf(refused);
    }

    private static String refusal(String source, List<ImportNote> refused) {
        StringBuilder b =
                new StringBuilder("strict import of ")
                        .append(source)
                        .append(" refused: ")
                        .append(refused.size())
                        .append(" field(s) the spec cannot represent (import without strict to")
                        .append(" get the specs and these notes):");
        refused.forEach(n -> b.append("\n  ").append(n));
        return b.toString();
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

    /** What a strict import refused; empty for malformed input. */
    public List<ImportNote> refused() {
        return refused == null ? List.of() : refused;
    }
}
