package io.flinkk8s.sdk.core.error;

/**
 * One thing wrong with a spec: where ({@code taskManager.replicas}), what is allowed ({@code must
 * be >= 1}) and what was found.
 *
 * @param path the field path with the spec's conventions: dots for fields, {@code [i]} for list
 *     items, {@code ['key']} for map keys
 * @param message starts lower-case and says what is allowed
 * @param rejectedValue may be null: no value, or a secret value that must not be shown
 */
public record Violation(String path, String message, Object rejectedValue) {

    /** {@code taskManager.replicas: must be >= 1, was 0}. */
    @Override
    public String toString() {
        return path
                + ": "
                + message
                + (rejectedValue == null ? "" : ", was " + show(rejectedValue));
    }

    private static String show(Object value) {
        return value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
    }
}
