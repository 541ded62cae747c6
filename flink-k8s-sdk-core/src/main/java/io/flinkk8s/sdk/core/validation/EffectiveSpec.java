package io.flinkk8s.sdk.core.validation;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import java.util.Objects;

/**
 * A spec judged valid, with every default filled in: what rendering and the deployer work on. It is
 * made once per call, at the entry ({@code Renderer.render}, {@code FlinkDeployer.apply} and {@code
 * plan}, the fluent {@code build()}), which judges the spec once and applies {@link SpecDefaults}
 * once; everything after takes this type, so a part that forgot the defaults does not compile.
 *
 * <pre>{@code
 * EffectiveSpec effective = EffectiveSpec.of(spec);   // InvalidSpecException lists every violation
 * effective.spec().namespace();                        // "default" when the spec left it unset
 * effective.asWritten().namespace();                   // null: what the caller wrote
 * RenderedResources rendered = Renderer.defaults().render(effective);
 * }</pre>
 *
 * Immutable and thread-safe. Two are equal when their effective specs are.
 */
public final class EffectiveSpec {

    private final FlinkDeploymentSpec asWritten;
    private final FlinkDeploymentSpec spec;

    private EffectiveSpec(FlinkDeploymentSpec asWritten, FlinkDeploymentSpec spec) {
        this.asWritten = asWritten;
        this.spec = spec;
    }

    /**
     * Judges {@code spec} ({@link SpecValidator}) and fills in its defaults ({@link SpecDefaults}),
     * each once.
     *
     * @throws InvalidSpecException listing every violation, with its field path
     */
    public static EffectiveSpec of(FlinkDeploymentSpec spec) {
        Objects.requireNonNull(spec, "spec");
        FlinkDeploymentSpec effective = defaults(spec);
        SpecValidator.judge(spec.name(), effective).throwIfInvalid();
        return new EffectiveSpec(spec, effective);
    }

    /**
     * The effective form of a spec that an apply judged valid before: the last applied spec the
     * deployer keeps in the cluster (its state record). Its defaults are filled in, but it is not
     * judged again, so that a rule added in a later SDK version never makes a running deployment
     * unreadable. For a spec from anywhere else use {@link #of}.
     */
    public static EffectiveSpec ofApplied(FlinkDeploymentSpec applied) {
        Objects.requireNonNull(applied, "applied");
        return new EffectiveSpec(applied, defaults(applied));
    }

    /** The one place the defaults are applied. */
    static FlinkDeploymentSpec defaults(FlinkDeploymentSpec spec) {
        return SpecDefaults.apply(spec);
    }

    /**
     * This spec with its job starting from {@code savepointPath} (without state when null) in place
     * of {@code job.initialSavepointPath}: how the deployer renders a job it restores from the
     * savepoint its state record names. A session cluster (no job) is returned as it is.
     *
     * @throws InvalidSpecException when the path is neither a URI with a scheme nor an absolute
     *     path, as for {@code job.initialSavepointPath}
     */
    public EffectiveSpec withJobStartingFrom(String savepointPath) {
        if (spec.job() == null) {
            return this;
        }
        return judgedAgain(spec.withJob(spec.job().withInitialSavepointPath(savepointPath)));
    }

    /**
     * This spec with {@code replicas} TaskManagers: how the deployer renders a count it keeps (the
     * autoscaler's last count, kept after autoscaling was turned off).
     *
     * @throws InvalidSpecException when the count is below 1, or too small for the job's
     *     parallelism, as for {@code taskManager.replicas}
     */
    public EffectiveSpec withTaskManagerReplicas(int replicas) {
        return judgedAgain(spec.withTaskManagerReplicas(replicas));
    }

    /** {@code changed} (a change of the job's start or the count) judged by the rules it enters. */
    private EffectiveSpec judgedAgain(FlinkDeploymentSpec changed) {
        SpecValidator.judgeJobAndTaskManagerCount(changed.name(), changed).throwIfInvalid();
        return new EffectiveSpec(asWritten, changed);
    }

    /** The effective spec: every value {@link SpecDefaults} fills is set. */
    public FlinkDeploymentSpec spec() {
        return spec;
    }

    /** The spec as the caller wrote it, without defaults: what the deployer records as applied. */
    public FlinkDeploymentSpec asWritten() {
        return asWritten;
    }

    /** The deployment's name. */
    public String name() {
        return spec.name();
    }

    /** The deployment's namespace, never null. */
    public String namespace() {
        return spec.namespace();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EffectiveSpec other && spec.equals(other.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return "EffectiveSpec[" + spec.namespace() + "/" + spec.name() + "]";
    }
}
