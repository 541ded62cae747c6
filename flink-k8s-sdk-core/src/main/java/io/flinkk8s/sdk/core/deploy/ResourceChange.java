package io.flinkk8s.sdk.core.deploy;

import java.util.List;

/**
 * What an apply does, or would do, to one object.
 *
 * @param kind the object's kind, e.g. {@code Deployment}
 * @param name the object's name
 * @param action what happens to it
 * @param fields for {@link Action#UPDATE}, the fields that change; empty otherwise
 */
public record ResourceChange(String kind, String name, Action action, List<FieldChange> fields) {

    /** What happens to an object. */
    public enum Action {
        /** It does not exist yet and is applied. */
        CREATE,
        /** It exists with different applied fields and is applied. */
        UPDATE,
        /** It exists with every applied field as rendered; nothing is sent. */
        UNCHANGED,
        /** The SDK applied it earlier, the spec no longer renders it, and it is deleted. */
        PRUNE
    }

    /** Copies the list. */
    public ResourceChange {
        fields = List.copyOf(fields);
    }

    /** Whether this change writes to the cluster. */
    public boolean writes() {
        return action != Action.UNCHANGED;
    }

    /** {@code ~ Deployment orders-taskmanager} followed by one line per field. */
    @Override
    public String toString() {
        String sign =
                switch (action) {
                    case CREATE -> "+";
                    case UPDATE -> "~";
                    case UNCHANGED -> "=";
                    case PRUNE -> "-";
                };
        StringBuilder sb = new StringBuilder(sign + " " + kind + " " + name);
        fields.forEach(f -> sb.append(System.lineSeparator()).append("    ").append(f));
        return sb.toString();
    }
}
