package io.flinkk8s.sdk.core.operator.importing;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.util.List;

/**
 * What an import read: one spec per {@code FlinkDeployment} document, in document order, and a note
 * for everything that is not in them.
 *
 * @param specs the imported specs (target {@code operator}), not yet validated or defaulted
 * @param notes every field or document not carried into a spec, in document order
 */
public record ImportResult(List<FlinkDeploymentSpec> specs, List<ImportNote> notes) {

    /** Copies the lists. */
    public ImportResult {
        specs = List.copyOf(specs);
        notes = List.copyOf(notes);
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
