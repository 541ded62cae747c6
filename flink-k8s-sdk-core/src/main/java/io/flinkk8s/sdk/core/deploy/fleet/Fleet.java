package io.flinkk8s.sdk.core.deploy.fleet;

import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same spec on several clusters: each cluster is a {@link FlinkDeployer} on its own {@code
 * KubernetesClient} (its own options, retries and endpoint resolver), with {@link ClusterOverrides}
 * for what differs there.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.builder()
 *         .cluster("eu-west", FlinkDeployer.create(euClient, options),
 *                 ClusterOverrides.none().withImageRegistry("eu.registry.example.com"))
 *         .cluster("us-east", FlinkDeployer.create(usClient, options),
 *                 ClusterOverrides.none().withTaskManagerReplicas(6)
 *                         .withCheckpointDir("s3://acme-us/orders/checkpoints"))
 *         .build();
 * FleetResult result = fleet.apply(orders);   // every cluster's spec judged first, then in parallel
 * result.failed();                           // each failed cluster with its cause; the others applied
 * FleetStatus status = fleet.status(orders);  // every cluster's status, or why it could not be read
 * }</pre>
 *
 * <p>{@link #apply} first makes and judges every cluster's spec: if any is invalid, it throws
 * before any cluster is touched, listing each violation under {@code clusters[<name>].}. Then it
 * applies on all clusters at once (at most {@link Builder#parallelism} at a time); one cluster's
 * failure (an API server that does not answer, a conflict) never stops another, and every cluster's
 * outcome says whether it is applied. A fleet holds no state of its own and is thread-safe; the
 * caller owns the deployers and closes them.
 */
public final class Fleet {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    private final Map<String, Member> members;
    private final int parallelism;

    private record Member(String name, FlinkDeployer deployer, ClusterOverrides overrides) {}

    private Fleet(Map<String, Member> members, int parallelism) {
        this.members = members;
        this.parallelism = parallelism;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The clusters' names, in the order they were added. */
    public List<String> clusters() {
        return List.copyOf(members.keySet());
    }

    /**
     * {@code spec} as each cluster runs it, every one judged.
     *
     * @throws InvalidSpecException when the spec, or any cluster's form of it, is invalid: every
     *     violation, a cluster's under {@code clusters[<name>].<path>}
     */
    public Map<String, FlinkDeploymentSpec> specs(FlinkDeploymentSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String effectiveImage = EffectiveSpec.of(spec).spec().image();
        Map<String, FlinkDeploymentSpec> specs = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (Member m : members.values()) {
            FlinkDeploymentSpec clusterSpec = m.overrides().applyTo(spec, effectiveImage);
            try {
                EffectiveSpec.of(clusterSpec);
                specs.put(m.name(), clusterSpec);
            } catch (InvalidSpecException e) {
                for (Violation v : e.violations()) {
                    violations.add(
                            new Violation(
                                    "clusters[" + m.name() + "]." + v.path(),
                                    v.message(),
                                    v.rejectedValue()));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(spec.name(), violations);
        }
        return specs;
    }

    /**
     * Applies {@code spec} on every cluster with its overrides; see the class comment.
     *
     * @throws InvalidSpecException before any cluster is touched, when any cluster's spec is
     *     invalid
     */
    public FleetResult apply(FlinkDeploymentSpec spec) {
        Map<String, FlinkDeploymentSpec> specs = specs(spec);
        List<ClusterOutcome> outcomes =
                onEveryCluster(
                        "apply " + spec.name(),
                        m -> {
                            FlinkDeploymentSpec clusterSpec = specs.get(m.name());
                            try {
                                FlinkDeploymentHandle handle = m.deployer().apply(clusterSpec);
                                ApplyResult result = handle.lastApply().orElse(null);
                                return new ClusterOutcome(
                                        m.name(), clusterSpec, handle, result, null);
                            } catch (FlinkK8sException e) {
                                LOG.warn(
                                        "apply of {} on cluster {} failed: {}",
                                        spec.name(),
                                        m.name(),
                                        e.getMessage());
                                return new ClusterOutcome(m.name(), clusterSpec, null, null, e);
                            }
                        },
                        (m, e) ->
                                new ClusterOutcome(
                                        m.name(),
                                        specs.get(m.name()),
                                        null,
                                        null,
                                        new FlinkK8sException(
                                                "apply on cluster " + m.name() + " failed: " + e,
                                                e)));
        return new FleetResult(outcomes);
    }

    /**
     * The status of {@code spec}'s deployment on every cluster (in the namespace each cluster's
     * overrides give it); a cluster that cannot be read has an error entry instead.
     */
    public FleetStatus status(FlinkDeploymentSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String namespace = EffectiveSpec.of(spec).spec().namespace();
        List<FleetStatus.Entry> entries =
                onEveryCluster(
                        "status of " + spec.name(),
                        m -> {
                            String ns =
                                    m.overrides().namespace() != null
                                            ? m.overrides().namespace()
                                            : namespace;
                            try {
                                return new FleetStatus.Entry(
                                        m.name(),
                                        m.deployer().handle(ns, spec.name()).status(),
                                        null);
                            } catch (RuntimeException e) {
                                return new FleetStatus.Entry(m.name(), null, e.getMessage());
                            }
                        },
                        (m, e) -> new FleetStatus.Entry(m.name(), null, String.valueOf(e)));
        return new FleetStatus(entries);
    }

    /**
     * Runs {@code work} for every member at once; a task that did not finish gets {@code failed}.
     */
    private <T> List<T> onEveryCluster(
            String what,
            Function<Member, T> work,
            java.util.function.BiFunction<Member, Throwable, T> failed) {
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        Math.min(parallelism, members.size()),
                        r -> {
                            Thread t =
                                    new Thread(r, "flink-k8s-fleet-" + counter.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        try {
            Map<Member, Future<T>> futures = new LinkedHashMap<>();
            for (Member m : members.values()) {
                futures.put(m, pool.submit(() -> work.apply(m)));
            }
            List<T> results = new ArrayList<>();
            boolean interrupted = false;
            for (Map.Entry<Member, Future<T>> f : futures.entrySet()) {
                if (interrupted) {
                    f.getValue().cancel(true);
                    results.add(
                            failed.apply(
                                    f.getKey(), new InterruptedException(what + " cancelled")));
                    continue;
                }
                try {
                    results.add(f.getValue().get());
                } catch (InterruptedException e) {
                    interrupted = true;
                    f.getValue().cancel(true);
                    results.add(failed.apply(f.getKey(), e));
                } catch (ExecutionException e) {
                    results.add(failed.apply(f.getKey(), e.getCause()));
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Collects the clusters of a {@link Fleet}. */
    public static final class Builder {

        private final Map<String, Member> members = new LinkedHashMap<>();
        private int parallelism = 8;

        private Builder() {}

        /** A cluster running the spec as it is. */
        public Builder cluster(String name, FlinkDeployer deployer) {
            return cluster(name, deployer, ClusterOverrides.none());
        }

        /** A cluster running the spec with {@code overrides}. */
        public Builder cluster(String name, FlinkDeployer deployer, ClusterOverrides overrides) {
            Objects.requireNonNull(name, "name");
            if (members.containsKey(name)) {
                throw new IllegalArgumentException("cluster " + name + " is already in the fleet");
            }
            members.put(
                    name,
                    new Member(
                            name,
                            Objects.requireNonNull(deployer, "deployer"),
                            Objects.requireNonNull(overrides, "overrides")));
            return this;
        }

        /** How many clusters are worked on at once (default 8). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /**
         * The fleet.
         *
         * @throws IllegalStateException without any cluster
         */
        public Fleet build() {
            if (members.isEmpty()) {
                throw new IllegalStateException("a fleet needs at least one cluster");
            }
            return new Fleet(new LinkedHashMap<>(members), parallelism);
        }
    }
}
