package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.internal.FlinkDurations;
import java.time.Duration;

/**
 * Checks of duration fields, with the bounds and the rejected value written as Flink writes
 * durations ({@code 30 s}, {@code 1 min}).
 */
public final class Durations {

    private Durations() {}

    /** Reports {@code must be >= min} at {@code field}; true when unset or fine. */
    public static boolean atLeast(Checks checks, String field, Duration value, Duration min) {
        if (value != null && value.compareTo(min) < 0) {
            checks.report(field, "must be >= " + FlinkDurations.format(min), format(value));
            return false;
        }
        return true;
    }

    /**
     * Reports a value that is not whole seconds (Kubernetes counts these in seconds) or lies
     * outside {@code [min, max]}; true when unset or fine.
     */
    public static boolean wholeSecondsWithin(
            Checks checks, String field, Duration value, Duration min, Duration max) {
        if (value == null) {
            return true;
        }
        if (value.getNano() != 0) {
            checks.report(
                    field, "must be whole seconds: Kubernetes counts it in seconds", format(value));
            return false;
        }
        if (value.compareTo(min) < 0 || (max != null && value.compareTo(max) > 0)) {
            checks.report(
                    field,
                    "must be >= "
                            + FlinkDurations.format(min)
                            + (max == null ? "" : " and <= " + FlinkDurations.format(max)),
                    format(value));
            return false;
        }
        return true;
    }

    /** How a rejected duration is shown. */
    public static String format(Duration value) {
        return FlinkDurations.format(value);
    }
}
