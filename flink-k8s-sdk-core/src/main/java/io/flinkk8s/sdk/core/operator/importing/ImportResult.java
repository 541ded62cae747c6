package io.flinkk8s.sdk.core.operator.importing;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.util.List;

/**
 * What an import read: one spec per {@code FlinkDeployment} document and one session-job spec per
 * {@code FlinkSessionJob} document, each in document order, and a note for everything that is not
 * in them.
 *
 * @param specs the imported deployment specs (target {@code operator}), not yet validated or
 *     defaulted
 * @param sessionJobs the imported session jobs, not yet validated or defaulted
 * @param notes every field or document not carried into a spec, in document order
 */
public record ImportResult(
        List<FlinkDeploymentSpec> specs,
        List<FlinkSessionJobSpec> sessionJobs,
        List<ImportNote> notes) {

    /** Copies the lists. */
    public ImportResult {
        specs = List.copyOf(specs);
        sessionJobs = List.copyOf(sessionJobs);
        notes = List.copyOf(notes);
    }

    /** A result with deployment specs only. */
    public ImportResult(List<FlinkDeploymentSpec> specs, List<ImportNote> notes) {
        this(specs, List.of(), notes);
    }

    /** The notes of lost content: what a strict import refuses. */
    public List<ImportNote> notRepresented() {
        return notes.stream().filter(n -> n.kind() == ImportNote.Kind.NOT_REPRESENTED).toList();
    }

    /** Whether every document of a kind the import reads was carried over in full. */
    public boolean isComplete() {
        return notRepresented().isEmpty();
    }
}
