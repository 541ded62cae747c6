package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.flinkk8s.sdk.core.internal.FlinkDurations;
import java.time.Duration;

/**
 * What a restart of the job may start from: a savepoint upgrade, a redeploy of a job that no longer
 * runs, a last-state redeploy and a resume each pick their state by it, and the plan shows the
 * choice ({@code ApplyPlan.jobImpact()}). Unset fields are filled by {@link
 * io.flinkk8s.sdk.core.spec.SpecDefaults}: {@code from} by the upgrade mode, no age limit, and
 * {@code whenTooOld: refuse}.
 *
 * <pre>
 * restore:
 *   from: latest-savepoint        # or latest-checkpoint-or-savepoint, none
 *   maxAge: 24 h                  # state older than this is too old
 *   whenTooOld: refuse            # or start-without-state (never the default)
 * </pre>
 *
 * The SDK applies it on the standalone target; on the operator target the Flink Kubernetes Operator
 * picks the state itself and the plan says what it will pick.
 *
 * @param from may be null: by the upgrade mode; what a restart may start from
 * @param maxAge may be null: no limit; the oldest state a restart may start from, its age measured
 *     from when it was taken (a savepoint) or completed (a checkpoint) to the apply
 * @param whenTooOld may be null: what happens when the state is older than {@code maxAge}
 */
public record RestorePolicy(
        RestoreFrom from,
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration maxAge,
        StaleStateAction whenTooOld) {

    /** Nothing set: the defaults apply. */
    public static RestorePolicy unset() {
        return new RestorePolicy(null, null, null);
    }

    /** A copy with {@code from} replaced. */
    public RestorePolicy withFrom(RestoreFrom from) {
        return new RestorePolicy(from, maxAge, whenTooOld);
    }

    /** Whether {@code age} is over {@link #maxAge()}; never without a limit. */
    @JsonIgnore
    public boolean tooOld(Duration age) {
        return maxAge != null && age != null && age.compareTo(maxAge) > 0;
    }

    /** Whether a too old state starts the job without state instead of refusing. */
    @JsonIgnore
    public boolean startsWithoutStateWhenTooOld() {
        return whenTooOld == StaleStateAction.START_WITHOUT_STATE;
    }
}
