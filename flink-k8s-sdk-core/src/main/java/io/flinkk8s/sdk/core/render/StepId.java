package io.flinkk8s.sdk.core.render;

import java.util.regex.Pattern;

/**
 * The stable name of a {@link RenderStep}, used to drop or replace it in a {@link RenderPipeline}
 * and named in error messages. Built-in ids are constants on the step classes, e.g. {@code
 * PodSecurityStep.ID}.
 *
 * @param value lower-case words joined by {@code -}, e.g. {@code pod-security}
 */
public record StepId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * Checks the format.
     *
     * @throws IllegalArgumentException when {@code value} is not lower-case words joined by {@code
     *     -}
     */
    public StepId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a step id must be lower-case words joined by '-', e.g. 'pod-security', was '"
                            + value
                            + "'");
        }
    }

    /** The id {@code value}, e.g. {@code StepId.of("pod-security")}. */
    public static StepId of(String value) {
        return new StepId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
