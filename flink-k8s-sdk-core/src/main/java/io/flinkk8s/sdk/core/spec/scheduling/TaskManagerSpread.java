package io.flinkk8s.sdk.core.spec.scheduling;

/**
 * Spreads the TaskManagers across nodes or zones, so that losing one takes few of them.
 *
 * @param across required: {@code nodes} ({@code kubernetes.io/hostname}), {@code zones} ({@code
 *     topology.kubernetes.io/zone}) or any node label key as the topology key
 * @param method may be null: filled by {@code SpecDefaults} ({@link
 *     SpreadMethod#SPREAD_CONSTRAINT})
 * @param whenUnsatisfiable only with {@code spread-constraint}; may be null: filled by {@code
 *     SpecDefaults} ({@code ScheduleAnyway}); or {@code DoNotSchedule}
 * @param maxSkew only with {@code spread-constraint}; may be null: filled by {@code SpecDefaults}
 *     (1)
 */
public record TaskManagerSpread(
        String across, SpreadMethod method, String whenUnsatisfiable, Integer maxSkew) {

    /** The value of {@code across} that spreads across nodes. */
    public static final String NODES = "nodes";

    /** The value of {@code across} that spreads across zones. */
    public static final String ZONES = "zones";

    /** The node label of {@link #NODES}. */
    public static final String HOSTNAME_KEY = "kubernetes.io/hostname";

    /** The node label of {@link #ZONES}. */
    public static final String ZONE_KEY = "topology.kubernetes.io/zone";

    /** Spreads across {@code across} with {@code method}, defaults for the rest. */
    public static TaskManagerSpread of(String across, SpreadMethod method) {
        return new TaskManagerSpread(across, method, null, null);
    }

    /** The node label key the spread is over. */
    public String topologyKey() {
        if (NODES.equals(across)) {
            return HOSTNAME_KEY;
        }
        return ZONES.equals(across) ? ZONE_KEY : across;
    }
}
