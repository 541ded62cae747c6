package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds the {@link ProbePolicy} of a deployment: the startup, readiness and liveness probes of the
 * JobManager and the TaskManagers. Every probe is on with the SDK's defaults (core's {@code
 * ProbePolicy} says what each checks and why); a lambda changes only what it sets:
 *
 * <pre>{@code
 * .probes(p -> p.jobManagerStartup(s -> s.failureThreshold(120))        // 10 min to start
 *               .jobManagerReadiness(r -> r.httpGet("/overview", "rest"))
 *               .taskManagerLiveness(l -> l.period(Duration.ofSeconds(30)).failureThreshold(6))
 *               .taskManagerReadiness(ProbeSpecBuilder::disabled))
 * }</pre>
 *
 * A second call for the same probe merges into it; the overloads taking a {@link ProbeSpec} replace
 * it. Mutable and not thread-safe.
 */
public final class ProbesBuilder {

    private ProbeSpecBuilder jobManagerStartup;
    private ProbeSpecBuilder jobManagerReadiness;
    private ProbeSpecBuilder jobManagerLiveness;
    private ProbeSpecBuilder taskManagerStartup;
    private ProbeSpecBuilder taskManagerReadiness;
    private ProbeSpecBuilder taskManagerLiveness;

    ProbesBuilder(ProbePolicy policy) {
        jobManagerStartup = new ProbeSpecBuilder(policy.jobManagerStartup());
        jobManagerReadiness = new ProbeSpecBuilder(policy.jobManagerReadiness());
        jobManagerLiveness = new ProbeSpecBuilder(policy.jobManagerLiveness());
        taskManagerStartup = new ProbeSpecBuilder(policy.taskManagerStartup());
        taskManagerReadiness = new ProbeSpecBuilder(policy.taskManagerReadiness());
        taskManagerLiveness = new ProbeSpecBuilder(policy.taskManagerLiveness());
    }

    /** Configures the JobManager's startup probe, which holds the others back while it starts. */
    public ProbesBuilder jobManagerStartup(Consumer<ProbeSpecBuilder> probe) {
        Objects.requireNonNull(probe, "probe").accept(jobManagerStartup);
        return this;
    }

    /** Replaces the JobManager's startup probe; {@code null} goes back to the default. */
    public ProbesBuilder jobManagerStartup(ProbeSpec probe) {
        jobManagerStartup = builder(probe);
        return this;
    }

    /**
     * Configures the JobManager's readiness probe, which decides whether the REST Service routes to
     * it.
     */
    public ProbesBuilder jobManagerReadiness(Consumer<ProbeSpecBuilder> probe) {
        Objects.requireNonNull(probe, "probe").accept(jobManagerReadiness);
        return this;
    }

    /** Replaces the JobManager's readiness probe; {@code null} goes back to the default. */
    public ProbesBuilder jobManagerReadiness(ProbeSpec probe) {
        jobManagerReadiness = builder(probe);
        return this;
    }

    /** Configures the JobManager's liveness probe, which restarts it when it fails. */
    public ProbesBuilder jobManagerLiveness(Consumer<ProbeSpecBuilder> probe) {
        Objects.requireNonNull(probe, "probe").accept(jobManagerLiveness);
        return this;
    }

    /** Replaces the JobManager's liveness probe; {@code null} goes back to the default. */
    public ProbesBuilder jobManagerLiveness(ProbeSpec probe) {
        jobManagerLiveness = builder(probe);
        return this;
    }

    /** Configures the TaskManagers' startup probe. */
    public ProbesBuilder taskManagerStartup(Consumer<ProbeSpecBuilder> probe) {
        Objects.requireNonNull(probe, "probe").accept(taskManagerStartup);
        return this;
    }

    /** Replaces the TaskManagers' startup probe; {@code null} goes back to the default. */
    public ProbesBuilder taskManagerStartup(ProbeSpec probe) {
        taskManagerStartup = builder(probe);
        return this;
    }

    /** Configures the TaskManagers' readiness probe. */
    public ProbesBuilder taskManagerReadiness(Consumer<ProbeSpecBuilder> probe) {
        Objects.requireNonNull(probe, "probe").accept(taskManagerReadiness);
        return this;
    }

    /** Replaces the TaskManagers' readiness probe; {@code null} goes back to the default. */
    public ProbesBuilder taskManagerReadiness(ProbeSpec probe) {
        taskManagerReadiness = builder(probe);
        return this;
    }

    /** Configures the TaskManagers' liveness probe, which restarts one when it fails. */
    public ProbesBuilder taskManagerLiveness(Consumer<ProbeSpecBuilder> probe) {
        Objects.requireNonNull(probe, "probe").accept(taskManagerLiveness);
        return this;
    }

    /** Replaces the TaskManagers' liveness probe; {@code null} goes back to the default. */
    public ProbesBuilder taskManagerLiveness(ProbeSpec probe) {
        taskManagerLiveness = builder(probe);
        return this;
    }

    /** Turns every probe off (pod templates' probes are then kept as they are). */
    public ProbesBuilder none() {
        ProbePolicy none = ProbePolicy.none();
        jobManagerStartup = builder(none.jobManagerStartup());
        jobManagerReadiness = builder(none.jobManagerReadiness());
        jobManagerLiveness = builder(none.jobManagerLiveness());
        taskManagerStartup = builder(none.taskManagerStartup());
        taskManagerReadiness = builder(none.taskManagerReadiness());
        taskManagerLiveness = builder(none.taskManagerLiveness());
        return this;
    }

    private static ProbeSpecBuilder builder(ProbeSpec probe) {
        return new ProbeSpecBuilder(probe == null ? ProbeSpec.unset() : probe);
    }

    ProbePolicy build() {
        return new ProbePolicy(
                jobManagerStartup.build(),
                jobManagerReadiness.build(),
                jobManagerLiveness.build(),
                taskManagerStartup.build(),
                taskManagerReadiness.build(),
                taskManagerLiveness.build());
    }
}
