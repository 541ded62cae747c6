package io.flinkk8s.sdk.core.deploy;

/**
 * One field an apply would change on a live object, for reading by people.
 *
 * @param path the field, e.g. {@code spec.template.spec.containers[0].image} ({@code [i]} for list
 *     items, {@code [name=x]} for an item of a keyed list, {@code ['key']} for map keys with dots)
 * @param before the live value as compact JSON, {@code null} when the field is absent
 * @param after the value to apply as compact JSON, {@code null} when the field is removed
 */
public record FieldChange(String path, String before, String after) {

    /** {@code spec.replicas: 3 -> 4}. */
    @Override
    public String toString() {
        return path
                + ": "
                + (before == null ? "(none)" : before)
                + " -> "
                + (after == null ? "(removed)" : after);
    }
}
