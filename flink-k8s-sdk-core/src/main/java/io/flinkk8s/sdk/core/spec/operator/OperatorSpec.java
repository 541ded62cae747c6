package io.flinkk8s.sdk.core.spec.operator;

/**
 * What only the operator target reads ({@code target: operator}); a spec of target standalone
 * ignores it, so one spec can render for both.
 *
 * <pre>{@code
 * operator:
 *   version: "1.16"      # the installed operator's release line
 *   mode: standalone     # the operator's Kubernetes mode
 * }</pre>
 *
 * @param version may be null: filled by {@code SpecDefaults} ({@link
 *     OperatorVersion#defaultVersion()}, 1.15)
 * @param mode may be null: filled by {@code SpecDefaults}: {@link OperatorMode#STANDALONE} with the
 *     autoscaling strategy {@code operator-hpa}, else {@link OperatorMode#NATIVE}
 */
public record OperatorSpec(OperatorVersion version, OperatorMode mode) {

    /** Nothing set; defaults apply. */
    public static OperatorSpec unset() {
        return new OperatorSpec(null, null);
    }

    /** Renders for the operator release {@code version}. */
    public static OperatorSpec of(OperatorVersion version) {
        return new OperatorSpec(version, null);
    }

    /** A copy with {@code version} replaced. */
    public OperatorSpec withVersion(OperatorVersion version) {
        return new OperatorSpec(version, mode);
    }

    /** A copy with {@code mode} replaced. */
    public OperatorSpec withMode(OperatorMode mode) {
        return new OperatorSpec(version, mode);
    }
}
