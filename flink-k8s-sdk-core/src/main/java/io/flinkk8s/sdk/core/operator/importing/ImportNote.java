package io.flinkk8s.sdk.core.operator.importing;

/**
 * Something an import did not carry into a spec, with where it was.
 *
 * @param source the file or source name given to the import
 * @param document the document's number in the source, from 1
 * @param path the field path in the document, e.g. {@code spec.job.savepointTriggerNonce}; {@code
 *     ""} for the whole document
 * @param kind whether content was lost ({@link Kind#NOT_REPRESENTED}) or set aside on purpose
 * @param message what it was and why it is not in the spec
 */
public record ImportNote(String source, int document, String path, Kind kind, String message) {

    /** Whether a note means lost content. */
    public enum Kind {
        /**
         * Content the spec cannot represent: importing it would change what the cluster runs, so a
         * strict import refuses it.
         */
        NOT_REPRESENTED,
        /**
         * Content outside what an import reads, set aside without changing the deployment's
         * meaning: documents of other kinds, {@code status}, metadata the API server writes.
         */
        SKIPPED
    }

    /** {@code orders.yaml, document 2, spec.restartNonce: message}. */
    @Override
    public String toString() {
        return source
                + ", document "
                + document
                + (path.isEmpty() ? "" : ", " + path)
                + ": "
                + message;
    }
}
