package io.flinkk8s.sdk.core.spec.scheduling;

/**
 * A taint the pods tolerate, as Kubernetes' {@code Toleration}.
 *
 * @param key may be null (empty): with {@code Exists}, every taint
 * @param operator may be null: {@code Equal}; or {@code Exists}
 * @param value may be null; must be empty with {@code Exists}
 * @param effect may be null: every effect; or {@code NoSchedule}, {@code PreferNoSchedule}, {@code
 *     NoExecute}
 * @param tolerationSeconds may be null: only with {@code NoExecute}, how long a pod stays once the
 *     taint appears
 */
public record TolerationSpec(
        String key, String operator, String value, String effect, Long tolerationSeconds) {

    /** Tolerates {@code key=value:effect}. */
    public static TolerationSpec equal(String key, String value, String effect) {
        return new TolerationSpec(key, "Equal", value, effect, null);
    }

    /** Tolerates any taint with {@code key} and {@code effect}. */
    public static TolerationSpec exists(String key, String effect) {
        return new TolerationSpec(key, "Exists", null, effect, null);
    }
}
