package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The policy methods of {@link FlinkDeploymentBuilder} (autoscaling, probes, disruption budgets,
 * restore, storage, scheduling, networking, observability), kept apart so that the builder's own
 * fields stay readable. Not a type of its own for users: its public methods are documented and
 * called as the builder's. A new policy's nested builder goes here.
 */
abstract class DeploymentPolicyMethods {

    private static final String NULL_AUTOSCALING =
            "autoscaling(null): to turn autoscaling off, use .autoscaling(AutoscalingBuilder::none)";

    private AutoscalingBuilder autoscaling;
    private ProbesBuilder probes;
    private DisruptionBuilder disruption;
    private RestoreBuilder restore;
    private StorageBuilder storage;
    private SchedulingBuilder scheduling;
    private NetworkingBuilder networking;
    private ObservabilityBuilder observability;
    private TenancyBuilder tenancy;

    DeploymentPolicyMethods(FlinkDeploymentSpec spec) {
        autoscaling = new AutoscalingBuilder(spec.autoscaling());
        probes = new ProbesBuilder(spec.probes());
        disruption = new DisruptionBuilder(spec.disruption());
        restore = new RestoreBuilder(spec.restore());
        storage = new StorageBuilder(spec.storage());
        scheduling = new SchedulingBuilder(spec.scheduling());
        networking = new NetworkingBuilder(spec.networking());
        observability = new ObservabilityBuilder(spec.observability());
        tenancy = new TenancyBuilder(spec.tenancy());
    }

    /** The builder these methods return, for chaining. */
    abstract FlinkDeploymentBuilder self();

    /** Writes the policies into {@code editor} and returns it. */
    FlinkDeploymentSpec.Editor policies(FlinkDeploymentSpec.Editor editor) {
        return editor.autoscaling(autoscaling.build())
                .probes(probes.build())
                .disruption(disruption.build())
                .restore(restore.build())
                .storage(storage.build())
                .scheduling(scheduling.build())
                .networking(networking.build())
                .observability(observability.build())
                .tenancy(tenancy.build());
    }

    /**
     * Makes the deployment scale with load: between how many TaskManagers, on which signals, how
     * fast. With target standalone this renders an HPA on the TaskManagers and runs Flink in
     * reactive mode; with target operator it configures the operator's autoscaler. Calling this
     * again merges into the same builder.
     *
     * <pre>{@code
     * .autoscaling(a -> a.taskManagers(2, 10)
     *                    .targetCpu(70)
     *                    .scaleDownAfter(Duration.ofMinutes(5)))
     * }</pre>
     *
     * To turn autoscaling off (say, in a copy of a spec that has it), use {@code
     * .autoscaling(AutoscalingBuilder::none)}.
     *
     * @param autoscaling see {@link AutoscalingBuilder}
     * @throws NullPointerException for {@code null}, pointing to {@link AutoscalingBuilder#none()}
     */
    public FlinkDeploymentBuilder autoscaling(Consumer<AutoscalingBuilder> autoscaling) {
        Objects.requireNonNull(autoscaling, NULL_AUTOSCALING).accept(this.autoscaling);
        return self();
    }

    /**
     * Replaces the whole autoscaling policy. Unlike the other parts' record overloads, this one
     * takes no {@code null} (a literal {@code autoscaling(null)} would not compile anyway: it fits
     * both overloads); turn autoscaling off with {@code .autoscaling(AutoscalingBuilder::none)}.
     *
     * @throws NullPointerException for {@code null}, pointing to {@link AutoscalingBuilder#none()}
     */
    public FlinkDeploymentBuilder autoscaling(AutoscalingPolicy autoscaling) {
        this.autoscaling =
                new AutoscalingBuilder(Objects.requireNonNull(autoscaling, NULL_AUTOSCALING));
        return self();
    }

    /**
     * Adjusts the JobManager and TaskManager probes, which are all on by default. Calling this
     * again merges into the same builder.
     *
     * <pre>{@code
     * .probes(p -> p.jobManagerLiveness(l -> l.failureThreshold(6))
     *               .taskManagerReadiness(ProbeSpecBuilder::disabled))
     * }</pre>
     *
     * @param probes see {@link ProbesBuilder}
     */
    public FlinkDeploymentBuilder probes(Consumer<ProbesBuilder> probes) {
        Objects.requireNonNull(probes, "probes").accept(this.probes);
        return self();
    }

    /** Replaces the whole probe policy; {@code null} goes back to the default probes. */
    public FlinkDeploymentBuilder probes(ProbePolicy probes) {
        this.probes = new ProbesBuilder(probes == null ? ProbePolicy.defaults() : probes);
        return self();
    }

    /**
     * Adds PodDisruptionBudgets, so that a node drain evicts the pods a few at a time. Calling this
     * again merges into the same builder.
     *
     * <pre>{@code
     * .disruption(d -> d.taskManagerMaxUnavailable(1))
     * }</pre>
     *
     * @param disruption see {@link DisruptionBuilder}
     */
    public FlinkDeploymentBuilder disruption(Consumer<DisruptionBuilder> disruption) {
        Objects.requireNonNull(disruption, "disruption").accept(this.disruption);
        return self();
    }

    /** Replaces the disruption budgets; {@code null} renders none. */
    public FlinkDeploymentBuilder disruption(DisruptionPolicy disruption) {
        this.disruption =
                new DisruptionBuilder(disruption == null ? DisruptionPolicy.none() : disruption);
        return self();
    }

    /**
     * Sets what a restart of the job may start from; see {@link RestoreBuilder}: {@code .restore(r
     * -> r.maxAge(Duration.ofHours(24)))}.
     */
    public FlinkDeploymentBuilder restore(Consumer<RestoreBuilder> restore) {
        Objects.requireNonNull(restore, "restore").accept(this.restore);
        return self();
    }

    /** Replaces the restore policy; {@code null} means the defaults. */
    public FlinkDeploymentBuilder restore(RestorePolicy restore) {
        this.restore = new RestoreBuilder(restore == null ? RestorePolicy.unset() : restore);
        return self();
    }

    /**
     * Sets where the state lives: an object store's plugin and credentials, a
     * PersistentVolumeClaim, a local volume; see {@link StorageBuilder}. Calling this again merges
     * into the same builder.
     *
     * <pre>{@code
     * .storage(s -> s.objectStore("orders-s3").emptyDir("20Gi"))
     * }</pre>
     */
    public FlinkDeploymentBuilder storage(Consumer<StorageBuilder> storage) {
        Objects.requireNonNull(storage, "storage").accept(this.storage);
        return self();
    }

    /** Replaces the storage policy; {@code null} means none. */
    public FlinkDeploymentBuilder storage(StoragePolicy storage) {
        this.storage = new StorageBuilder(storage == null ? StoragePolicy.none() : storage);
        return self();
    }

    /**
     * Sets how the REST Service is exposed and adds a NetworkPolicy; see {@link NetworkingBuilder}.
     * Calling this again merges into the same builder.
     *
     * <pre>{@code
     * .networking(n -> n.loadBalancer("10.0.0.0/8").restFromNamespaces("ingress-nginx"))
     * }</pre>
     */
    public FlinkDeploymentBuilder networking(Consumer<NetworkingBuilder> networking) {
        Objects.requireNonNull(networking, "networking").accept(this.networking);
        return self();
    }

    /** Replaces the networking section; {@code null} means a ClusterIP Service, no policy. */
    public FlinkDeploymentBuilder networking(NetworkingSpec networking) {
        this.networking =
                new NetworkingBuilder(networking == null ? NetworkingSpec.none() : networking);
        return self();
    }

    /**
     * Sets where the pods run: node selection, tolerations, priority, scheduler, the TaskManagers'
     * spread; see {@link SchedulingBuilder}. Calling this again merges into the same builder.
     *
     * <pre>{@code
     * .scheduling(s -> s.nodeSelector("pool", "flink").spreadTaskManagersAcrossZones())
     * }</pre>
     */
    public FlinkDeploymentBuilder scheduling(Consumer<SchedulingBuilder> scheduling) {
        Objects.requireNonNull(scheduling, "scheduling").accept(this.scheduling);
        return self();
    }

    /** Replaces the scheduling policy; {@code null} means none. */
    public FlinkDeploymentBuilder scheduling(SchedulingPolicy scheduling) {
        this.scheduling =
                new SchedulingBuilder(scheduling == null ? SchedulingPolicy.none() : scheduling);
        return self();
    }

    /**
     * Turns on Flink's Prometheus reporter and sets log levels; see {@link ObservabilityBuilder}.
     * Calling this again merges into the same builder.
     *
     * <pre>{@code
     * .observability(o -> o.prometheus().logLevel("org.apache.kafka", LogLevel.WARN))
     * }</pre>
     */
    public FlinkDeploymentBuilder observability(Consumer<ObservabilityBuilder> observability) {
        Objects.requireNonNull(observability, "observability").accept(this.observability);
        return self();
    }

    /** Replaces the observability section; {@code null} means no reporter, the file's levels. */
    public FlinkDeploymentBuilder observability(ObservabilitySpec observability) {
        this.observability =
                new ObservabilityBuilder(
                        observability == null ? ObservabilitySpec.none() : observability);
        return self();
    }

    /**
     * Sizes the namespace to the deployment; see {@link TenancyBuilder}. Calling this again merges
     * into the same builder.
     *
     * <pre>{@code
     * .tenancy(t -> t.namespace().resourceQuota().limitRange())
     * }</pre>
     *
     * @param tenancy see {@link TenancyBuilder}
     */
    public FlinkDeploymentBuilder tenancy(Consumer<TenancyBuilder> tenancy) {
        Objects.requireNonNull(tenancy, "tenancy").accept(this.tenancy);
        return self();
    }

    /** Replaces the tenancy policy; {@code null} renders nothing for the namespace. */
    public FlinkDeploymentBuilder tenancy(TenancyPolicy tenancy) {
        this.tenancy = new TenancyBuilder(tenancy == null ? TenancyPolicy.none() : tenancy);
        return self();
    }
}
