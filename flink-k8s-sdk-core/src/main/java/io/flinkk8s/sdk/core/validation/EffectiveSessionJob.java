package io.flinkk8s.sdk.core.validation;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.util.Objects;

/**
 * A session job judged valid ({@link SessionJobValidator}), with every default filled in ({@link
 * SpecDefaults#apply(FlinkSessionJobSpec)}): what rendering takes, made once per call.
 *
 * <pre>{@code
 * EffectiveSessionJob effective = EffectiveSessionJob.of(sessionJob); // lists every violation
 * effective.spec().job().upgradeMode();                                // stateless when unset
 * }</pre>
 *
 * Immutable and thread-safe. Two are equal when their effective specs are.
 */
public final class EffectiveSessionJob {

    private final FlinkSessionJobSpec asWritten;
    private final FlinkSessionJobSpec spec;

    private EffectiveSessionJob(FlinkSessionJobSpec asWritten, FlinkSessionJobSpec spec) {
        this.asWritten = asWritten;
        this.spec = spec;
    }

    /**
     * Judges {@code spec} and fills in its defaults, each once.
     *
     * @throws InvalidSpecException listing every violation, with its field path
     */
    public static EffectiveSessionJob of(FlinkSessionJobSpec spec) {
        Objects.requireNonNull(spec, "spec");
        FlinkSessionJobSpec effective = defaults(spec);
        SessionJobValidator.judge(effective).throwIfInvalid();
        return new EffectiveSessionJob(spec, effective);
    }

    /**
     * The effective form of a session job that an apply judged valid before: the last applied spec
     * the deployer keeps in the cluster (a standalone session job's record). Its defaults are
     * filled in, but it is not judged again, so that a rule added in a later SDK version never
     * makes a running session job unreadable. For a spec from anywhere else use {@link #of}.
     */
    public static EffectiveSessionJob ofApplied(FlinkSessionJobSpec applied) {
        Objects.requireNonNull(applied, "applied");
        return new EffectiveSessionJob(applied, defaults(applied));
    }

    /** The one place a session job's defaults are applied. */
    static FlinkSessionJobSpec defaults(FlinkSessionJobSpec spec) {
        return SpecDefaults.apply(spec);
    }

    /** The effective spec: every value {@link SpecDefaults} fills is set. */
    public FlinkSessionJobSpec spec() {
        return spec;
    }

    /** The spec as the caller wrote it, without defaults. */
    public FlinkSessionJobSpec asWritten() {
        return asWritten;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EffectiveSessionJob other && spec.equals(other.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return "EffectiveSessionJob[" + spec.namespace() + "/" + spec.name() + "]";
    }
}
