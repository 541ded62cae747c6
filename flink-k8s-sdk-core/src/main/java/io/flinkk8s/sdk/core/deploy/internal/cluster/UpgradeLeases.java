package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade Lease of a deployment ({@code coordination.k8s.io/v1} Lease {@code
 * <name>-sdk-upgrade}): held by one deployer, under its id, while it upgrades, suspends or deletes
 * with a savepoint; renewed every third of {@link DeployOptions#upgradeLeaseDuration()} on the
 * deployer's scheduler while the operation runs; released (holder cleared) when it ends. The state
 * record stays the write-ahead log of the operation's steps; the Lease says whether the deployer
 * driving it is alive. A Lease whose holder stopped renewing expires {@code leaseDurationSeconds}
 * after its last renewal, judged by the options' clock, and may then be taken over. Writes are
 * optimistic (create, or update at the version read), so of two deployers taking one Lease exactly
 * one wins.
 */
public final class UpgradeLeases {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeLeases.class);

    /**
     * What a Lease guards: a deployment ({@code <name>-sdk-upgrade}) or a session job on a
     * standalone session cluster ({@code <name>-sdk-session-job-upgrade}).
     *
     * @param namespace the namespace of the deployment or session job, and of its Lease
     * @param name the deployment's or session job's name
     * @param lease the Lease's name
     * @param flinkVersion the Flink version label of the Lease ({@code 2.1})
     */
    public record Subject(String namespace, String name, String lease, String flinkVersion) {

        /** The Lease of deployment {@code effective}. */
        public static Subject of(EffectiveSpec effective) {
            return new Subject(
                    effective.namespace(),
                    effective.name(),
                    ResourceNames.of(effective.name()).upgradeLease(),
                    effective.spec().flinkVersion().majorMinor());
        }

        /** The Lease of session job {@code namespace/name} on session cluster {@code session}. */
        public static Subject ofSessionJob(
                String namespace, String name, FlinkDeploymentSpec session) {
            return new Subject(
                    namespace,
                    name,
                    ResourceNames.of(name).sessionJobUpgradeLease(),
                    session.flinkVersion() == null ? null : session.flinkVersion().majorMinor());
        }
    }

    /**
     * Who holds a Lease this deployer could not take.
     *
     * @param identity the holder's id
     * @param renewedAt may be null: its last renewal
     * @param expiresAt may be null: when it expires unless renewed
     * @param lease the Lease, {@code namespace/name}
     * @param self whether the holder is this deployer, in another call
     */
    public record Holder(
            String identity, Instant renewedAt, Instant expiresAt, String lease, boolean self) {

        /** "Another deployer (id) holds the upgrade lease ns/name until ...": for messages. */
        public String holdsTheLease() {
            return (self
                            ? "This deployer (" + identity + "), in another call,"
                            : "Another deployer (" + identity + ")")
                    + " holds the upgrade lease "
                    + lease
                    + (expiresAt == null ? "" : " until " + expiresAt + " unless renewed")
                    + (renewedAt == null ? "" : " (renewed at " + renewedAt + ")");
        }
    }

    /**
     * An attempt to take a Lease: either {@code hold} (taken) or {@code holder} (held by another).
     */
    public record Attempt(Hold hold, Holder holder) {

        /** Whether the Lease was taken. */
        public boolean won() {
            return hold != null;
        }
    }

    private final KubernetesClient client;
    private final Retrier retrier;
    private final DeployOptions options;
    private final String identity;
    private final ScheduledExecutorService scheduler;
    // The Leases ("ns/name") this deployer holds now: another thread of the same deployer (same
    // id) must not take one over as if its holder had died.
    private final Set<String> holding = ConcurrentHashMap.newKeySet();

    UpgradeLeases(
            KubernetesClient client,
            Retrier retrier,
            DeployOptions options,
            String identity,
            ScheduledExecutorService scheduler) {
        this.client = client;
        this.retrier = retrier;
        this.options = options;
        this.identity = identity;
        this.scheduler = scheduler;
    }

    /**
     * Takes the Lease of {@code effective}'s deployment unless a live holder has it: created when
     * missing, taken over when released or expired (or left by this deployer's id without an
     * operation running), renewed from then on until the hold is closed.
     *
     * @throws FlinkK8sException when the Lease cannot be read or written (a 403 names the RBAC the
     *     deployer needs); nothing was taken
     */
    public Attempt acquire(EffectiveSpec effective) {
        return acquire(Subject.of(effective));
    }

    /** Takes the Lease of {@code subject} as {@link #acquire(EffectiveSpec)} does. */
    public Attempt acquire(Subject subject) {
        return take(subject, read(subject.namespace(), subject.lease()));
    }

    /**
     * Takes the Lease for an operation that changes nothing before it holds it, or refuses.
     *
     * @param refused how the error begins, e.g. {@code The upgrade of ns/name was not started}
     * @param nextStep how it ends: what happened to the job and what to do
     * @throws UpgradeException (the old job keeps running) when another deployer holds the Lease or
     *     it cannot be taken
     */
    public Hold hold(EffectiveSpec effective, String refused, String nextStep) {
        return hold(Subject.of(effective), refused, nextStep);
    }

    /** Takes the Lease of {@code subject} as {@link #hold(EffectiveSpec, String, String)} does. */
    public Hold hold(Subject subject, String refused, String nextStep) {
        Attempt attempt;
        try {
            attempt = acquire(subject);
        } catch (FlinkK8sException e) {
            throw refusal(subject, refused + ": " + e.getMessage() + " " + nextStep, e);
        }
        if (attempt.won()) {
            return attempt.hold();
        }
        throw refusal(
                subject,
                refused
                        + ": "
                        + attempt.holder().holdsTheLease()
                        + " (it is upgrading, suspending or deleting with a savepoint). "
                        + nextStep,
                null);
    }

    private static UpgradeException refusal(Subject subject, String message, Throwable cause) {
        return new UpgradeException(subject.namespace(), subject.name(), true, message, cause);
    }

    /**
     * Takes the Lease as {@link #acquire} does, judging it as {@code current} (null: none) read it:
     * the write is made at {@code current}'s version, so it fails if the Lease changed since.
     */
    Attempt take(EffectiveSpec effective, Lease current) {
        return take(Subject.of(effective), current);
    }

    private Attempt take(Subject subject, Lease current) {
        String namespace = subject.namespace();
        String name = subject.lease();
        String key = namespace + "/" + name;
        Instant now = options.clock().instant();
        if (!holding.add(key)) {
            return new Attempt(null, holder(key, current));
        }
        if (current != null && heldByAnother(current, now)) {
            holding.remove(key);
            return new Attempt(null, holder(key, current));
        }
        Lease stored;
        try {
            stored = write(namespace, name, taken(subject, current, now), current == null);
        } catch (ApplyException e) {
            holding.remove(key);
            if (e.httpStatus() == 409) {
                // another deployer wrote it since it was read: it won
                return new Attempt(null, holder(key, read(namespace, name)));
            }
            throw denied(e, namespace, name);
        }
        Hold hold = new Hold(key, namespace, name, stored);
        try {
            hold.start();
        } catch (RejectedExecutionException e) {
            hold.close();
            throw new FlinkK8sException(
                    "This FlinkDeployer was closed, so it cannot renew the upgrade Lease "
                            + key
                            + "; nothing was changed. Use an open deployer.",
                    e);
        }
        return new Attempt(hold, null);
    }

    /**
     * Deletes the Lease of deployment {@code namespace/name}, if any (with the state record, on
     * request): there is nothing to delete without permission on Leases, as none was ever made.
     */
    public void delete(String namespace, String deploymentName) {
        delete(
                new Subject(
                        namespace,
                        deploymentName,
                        ResourceNames.of(deploymentName).upgradeLease(),
                        null));
    }

    /** Deletes the Lease of {@code subject}, if any, as above. */
    public void delete(Subject subject) {
        String namespace = subject.namespace();
        String name = subject.lease();
        retrier.call(
                ref(namespace, name),
                true,
                () -> {
                    try {
                        return client.leases().inNamespace(namespace).withName(name).delete();
                    } catch (KubernetesClientException e) {
                        if (e.getCode() == 404 || e.getCode() == 403) {
                            return List.of();
                        }
                        throw e;
                    }
                });
    }

    private boolean heldByAnother(Lease lease, Instant now) {
        String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        if (holder == null || holder.isBlank() || holder.equals(identity)) {
            // released, or this deployer's id with no operation of it running: its own leftover
            return false;
        }
        Instant expiresAt = expiresAt(lease);
        return expiresAt != null && now.isBefore(expiresAt);
    }

    private Instant expiresAt(Lease lease) {
        ZonedDateTime renewed = lease.getSpec() == null ? null : lease.getSpec().getRenewTime();
        if (renewed == null) {
            return null;
        }
        Integer seconds = lease.getSpec().getLeaseDurationSeconds();
        Duration duration =
                seconds == null ? options.upgradeLeaseDuration() : Duration.ofSeconds(seconds);
        return renewed.toInstant().plus(duration);
    }

    private Holder holder(String key, Lease lease) {
        if (lease == null || lease.getSpec() == null) {
            return new Holder(identity, null, null, key, true);
        }
        ZonedDateTime renewed = lease.getSpec().getRenewTime();
        String holder = Objects.requireNonNullElse(lease.getSpec().getHolderIdentity(), identity);
        return new Holder(
                holder,
                renewed == null ? null : renewed.toInstant(),
                expiresAt(lease),
                key,
                holder.equals(identity));
    }

    private Lease taken(Subject subject, Lease current, Instant now) {
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        int transitions =
                current == null || current.getSpec() == null
                        ? 0
                        : Objects.requireNonNullElse(current.getSpec().getLeaseTransitions(), 0)
                                + 1;
        Map<String, String> labels =
                new ResourceLabels(subject.name(), subject.flinkVersion(), Map.of())
                        .common(Component.SDK_UPGRADE_LEASE);
        LeaseBuilder next = current == null ? new LeaseBuilder() : new LeaseBuilder(current);
        return next.editOrNewMetadata()
                .withName(subject.lease())
                .withNamespace(subject.namespace())
                .withLabels(labels)
                .endMetadata()
                .editOrNewSpec()
                .withHolderIdentity(identity)
                .withLeaseDurationSeconds((int) options.upgradeLeaseDuration().toSeconds())
                .withAcquireTime(at)
                .withRenewTime(at)
                .withLeaseTransitions(transitions)
                .endSpec()
                .build();
    }

    private Lease read(String namespace, String name) {
        try {
            return retrier.call(
                    ref(namespace, name),
                    true,
                    () -> client.leases().inNamespace(namespace).withName(name).get());
        } catch (ApplyException e) {
            throw denied(e, namespace, name);
        }
    }

    /** Creates or updates {@code lease} at its resourceVersion; a 409 is not retried. */
    private Lease write(String namespace, String name, Lease lease, boolean create) {
        return retrier.call(
                ref(namespace, name),
                false,
                () ->
                        create
                                ? client.leases().inNamespace(namespace).resource(lease).create()
                                : client.leases().inNamespace(namespace).resource(lease).update());
    }

    private static FlinkK8sException denied(ApplyException e, String namespace, String name) {
        if (e.httpStatus() != 403) {
            return e;
        }
        return new FlinkK8sException(
                "The deployer may not use the upgrade Lease "
                        + namespace
                        + "/"
                        + name
                        + " (HTTP 403: "
                        + e.serverMessage()
                        + "), which it holds while it upgrades, suspends or deletes with a"
                        + " savepoint so that other deployers know it is at work. Grant the"
                        + " identity it runs as get, create and update on leases (API group"
                        + " coordination.k8s.io) in namespace "
                        + namespace
                        + ".",
                e);
    }

    private static ObjectRef ref(String namespace, String name) {
        return ObjectRef.of(Lease.class, namespace, name);
    }

    /** A Lease this deployer holds: renewed until closed; closing releases it. Thread-safe. */
    public final class Hold implements AutoCloseable {

        private final String key;
        private final String namespace;
        private final String name;
        private Lease stored;
        private ScheduledFuture<?> renewal;
        private boolean lost;
        private boolean closed;

        private Hold(String key, String namespace, String name, Lease stored) {
            this.key = key;
            this.namespace = namespace;
            this.name = name;
            this.stored = stored;
        }

        private synchronized void start() {
            long period = Math.max(1, options.upgradeLeaseDuration().toMillis() / 3);
            renewal =
                    scheduler.scheduleWithFixedDelay(
                            this::renew, period, period, TimeUnit.MILLISECONDS);
        }

        /** Renews the Lease now; a failed renewal is tried again at the next period. */
        synchronized void renew() {
            if (closed || lost) {
                return;
            }
            Lease next =
                    new LeaseBuilder(stored)
                            .editSpec()
                            .withRenewTime(options.clock().instant().atZone(ZoneOffset.UTC))
                            .endSpec()
                            .build();
            try {
                stored = client.leases().inNamespace(namespace).resource(next).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    lostOrReread();
                    return;
                }
                LOG.warn(
                        "Could not renew the upgrade Lease {} ({}); trying again at the next"
                                + " renewal",
                        key,
                        e.getMessage());
            } catch (RuntimeException e) {
                // a scheduled task that throws is never run again: log, and try at the next period
                LOG.warn("Could not renew the upgrade Lease {}", key, e);
            }
        }

        private void lostOrReread() {
            Lease now = client.leases().inNamespace(namespace).withName(name).get();
            String holder = now == null ? null : now.getSpec().getHolderIdentity();
            if (identity.equals(holder)) {
                stored = now;
                return;
            }
            lost = true;
            renewal.cancel(false);
            LOG.warn(
                    "The upgrade Lease {} was taken by {}: this deployer's operation went"
                            + " unrenewed for longer than the Lease's duration. Its next write to"
                            + " the state record fails rather than overwrite the other's.",
                    key,
                    holder);
        }

        /** Stops renewing and releases the Lease (unless another deployer took it). Idempotent. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (renewal != null) {
                renewal.cancel(false);
            }
            try {
                if (!lost) {
                    release();
                }
            } finally {
                holding.remove(key);
            }
        }

        private void release() {
            Lease released =
                    new LeaseBuilder(stored).editSpec().withHolderIdentity(null).endSpec().build();
            try {
                stored = write(namespace, name, released, false);
            } catch (ApplyException e) {
                LOG.warn(
                        "Could not release the upgrade Lease {} ({}); it expires by itself"
                                + " within {}",
                        key,
                        e.getMessage(),
                        options.upgradeLeaseDuration());
            }
        }
    }
}
