package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.policy.StaleStateAction;
import java.time.Duration;

/**
 * Builds the {@link RestorePolicy} of a deployment: what a restart of its job may start from.
 * Obtained in {@code FlinkDeploymentBuilder.restore(r -> ...)}:
 *
 * <pre>{@code
 * .restore(r -> r.from(RestoreFrom.LATEST_SAVEPOINT).maxAge(Duration.ofHours(24)))
 * .restore(r -> r.maxAge(Duration.ofHours(1)).startWithoutStateWhenTooOld())
 * }</pre>
 *
 * Unset values are filled by core's {@code SpecDefaults}. Mutable and not thread-safe.
 */
public final class RestoreBuilder {

    private RestoreFrom from;
    private Duration maxAge;
    private StaleStateAction whenTooOld;

    RestoreBuilder(RestorePolicy policy) {
        from = policy.from();
        maxAge = policy.maxAge();
        whenTooOld = policy.whenTooOld();
    }

    /** What a restart may start from; {@code null} leaves it to the upgrade mode's default. */
    public RestoreBuilder from(RestoreFrom from) {
        this.from = from;
        return this;
    }

    /** The oldest state a restart may start from; {@code null} for no limit. */
    public RestoreBuilder maxAge(Duration maxAge) {
        this.maxAge = maxAge;
        return this;
    }

    /** What a restart does with a state older than {@link #maxAge}; {@code null}: refuse. */
    public RestoreBuilder whenTooOld(StaleStateAction whenTooOld) {
        this.whenTooOld = whenTooOld;
        return this;
    }

    /** A state older than {@link #maxAge} starts the job without state instead of refusing. */
    public RestoreBuilder startWithoutStateWhenTooOld() {
        return whenTooOld(StaleStateAction.START_WITHOUT_STATE);
    }

    RestorePolicy build() {
        return new RestorePolicy(from, maxAge, whenTooOld);
    }
}
