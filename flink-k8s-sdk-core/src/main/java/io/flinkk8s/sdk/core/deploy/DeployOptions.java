package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.flink.RestEndpointResolver;
import io.flinkk8s.sdk.core.flink.RestTls;
import io.flinkk8s.sdk.core.render.Renderer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How a {@link FlinkDeployer} works: its server-side-apply field manager, retries, timeouts, where
 * it runs concurrent requests, whom it tells about progress and how it reaches JobManagers.
 * Immutable; build one with {@link #builder()} or start from {@link #defaults()}.
 *
 * <pre>{@code
 * DeployOptions options = DeployOptions.builder()
 *     .fieldManager("orders-platform")
 *     .retryPolicy(RetryPolicy.defaults().withMaxAttempts(10))
 *     .progressListener(event -> log.info("{}", event))
 *     .restEndpointResolver(PortForwardEndpointResolver.create(client))  // outside the cluster
 *     .build();
 * }</pre>
 */
public final class DeployOptions {

    /** The field manager the SDK applies with unless told otherwise. */
    public static final String DEFAULT_FIELD_MANAGER = "flink-k8s-sdk";

    /** How many deployments a bulk call works on at once unless told otherwise. */
    public static final int DEFAULT_BULK_CONCURRENCY = 4;

    /** The most deployments a bulk call may work on at once. */
    public static final int MAX_BULK_CONCURRENCY = 64;

    /**
     * The longest field manager name: Kubernetes' 128 characters less the {@code -handover} the
     * SDK's second manager appends.
     */
    public static final int MAX_FIELD_MANAGER_LENGTH = 119; // 128 - "-handover".length()

    /** How many applied revisions the state record keeps by default. */
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

    /**
     * The most revisions a deployer may keep: each holds a spec, and the state record is one
     * ConfigMap (at most 1 MiB).
     */
    public static final int MAX_REVISION_HISTORY_LIMIT = 50;

    private final String fieldManager;
    private final RetryPolicy retryPolicy;
    private final Executor executor;
    private final ProgressListener progressListener;
    private final RestEndpointResolver restEndpointResolver;
    private final RestTls restTls;
    private final Duration savepointTimeout;
    private final Duration readyTimeout;
    private final Duration flinkRequestTimeout;
    private final Duration pollInterval;
    private final Duration failFastGrace;
    private final boolean prunePersistentVolumeClaims;
    private final boolean rollbackOnFailure;
    private final Clock clock;
    private final Renderer renderer;
    private final Duration upgradeLeaseDuration;
    private final RequestRate requestRate;
    private final boolean preflightBeforeApply;
    private final int revisionHistoryLimit;
    private final int bulkConcurrency;

    private DeployOptions(Builder b) {
        this.fieldManager = b.fieldManager;
        this.retryPolicy = b.retryPolicy;
        this.executor = b.executor;
        this.progressListener = b.progressListener;
        this.restEndpointResolver = b.restEndpointResolver;
        this.restTls = b.restTls;
        this.savepointTimeout = b.savepointTimeout;
        this.readyTimeout = b.readyTimeout;
        this.flinkRequestTimeout = b.flinkRequestTimeout;
        this.pollInterval = b.pollInterval;
        this.failFastGrace = b.failFastGrace;
        this.prunePersistentVolumeClaims = b.prunePersistentVolumeClaims;
        this.rollbackOnFailure = b.rollbackOnFailure;
        this.clock = b.clock;
        this.renderer = b.renderer;
        this.upgradeLeaseDuration = b.upgradeLeaseDuration;
        this.requestRate = b.requestRate;
        this.preflightBeforeApply = b.preflightBeforeApply;
        this.revisionHistoryLimit = b.revisionHistoryLimit;
        this.bulkConcurrency = b.bulkConcurrency;
    }

    /** The defaults listed on each {@link Builder} method. */
    public static DeployOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fieldManager = fieldManager;
        b.retryPolicy = retryPolicy;
        b.executor = executor;
        b.progressListener = progressListener;
        b.restEndpointResolver = restEndpointResolver;
        b.restTls = restTls;
        b.savepointTimeout = savepointTimeout;
        b.readyTimeout = readyTimeout;
        b.flinkRequestTimeout = flinkRequestTimeout;
        b.pollInterval = pollInterval;
        b.failFastGrace = failFastGrace;
        b.prunePersistentVolumeClaims = prunePersistentVolumeClaims;
        b.rollbackOnFailure = rollbackOnFailure;
        b.clock = clock;
        b.renderer = renderer;
        b.upgradeLeaseDuration = upgradeLeaseDuration;
        b.requestRate = requestRate;
        b.preflightBeforeApply = preflightBeforeApply;
        b.revisionHistoryLimit = revisionHistoryLimit;
        b.bulkConcurrency = bulkConcurrency;
        return b;
    }

    /** The server-side-apply field manager. */
    public String fieldManager() {
        return fieldManager;
    }

    /** How transient API failures are retried. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * Where the objects of one dependency level are applied concurrently; empty when the deployer
     * runs its own small pool (closed with the deployer).
     */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    /** Whom the deployer tells what it is doing. */
    public ProgressListener progressListener() {
        return progressListener;
    }

    /** How the deployer reaches a JobManager's REST API. */
    public RestEndpointResolver restEndpointResolver() {
        return restEndpointResolver;
    }

    /**
     * How the deployer's REST clients speak TLS to JobManagers that serve it ({@code
     * security.tls.rest}); empty: plain HTTP.
     */
    public Optional<RestTls> restTls() {
        return Optional.ofNullable(restTls);
    }

    /** How long a savepoint (or stop-with-savepoint) may take before the operation gives up. */
    public Duration savepointTimeout() {
        return savepointTimeout;
    }

    /** How long an upgrade or resume waits for the new job to run before it counts as failed. */
    public Duration readyTimeout() {
        return readyTimeout;
    }

    /** How long one Flink REST request may take. */
    public Duration flinkRequestTimeout() {
        return flinkRequestTimeout;
    }

    /** How often waits look at the cluster and the JobManager again. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * How long a wait tolerates a cause that keeps the deployment from starting (an image that
     * cannot be pulled, a crash loop, an unschedulable pod) before it fails with that cause instead
     * of waiting out its timeout: a short grace for states a cluster gets out of by itself.
     */
    public Duration failFastGrace() {
        return failFastGrace;
    }

    /** Whether prune may delete PersistentVolumeClaims the spec no longer renders. */
    public boolean prunePersistentVolumeClaims() {
        return prunePersistentVolumeClaims;
    }

    /**
     * Whether a savepoint upgrade whose new version does not become ready is rolled back to the
     * previous spec, from the same savepoint.
     */
    public boolean rollbackOnFailure() {
        return rollbackOnFailure;
    }

    /** The clock of progress events and of the times in the state record. */
    public Clock clock() {
        return clock;
    }

    /** The renderer that turns specs into objects (a custom pipeline, for example). */
    public Renderer renderer() {
        return renderer;
    }

    /**
     * How long the upgrade Lease ({@code <name>-sdk-upgrade}, {@code coordination.k8s.io/v1}) this
     * deployer holds while it upgrades, suspends or deletes with a savepoint stays valid after each
     * renewal; the deployer renews it every third of this. Another deployer that finds the
     * operation in the state record leaves it alone while the Lease is held and not expired, and
     * finishes it once the Lease is released or expired (its holder died): so a dead deployer's
     * operation is taken over within this time, not after the operation's timeouts. Expiry is the
     * Lease's renew time plus its duration, judged by {@link #clock()}: the clocks of deployers
     * sharing deployments should agree to well within this duration.
     */
    public Duration upgradeLeaseDuration() {
        return upgradeLeaseDuration;
    }

    /**
     * The client-side limit on this deployer's requests (Kubernetes API request attempts, Flink
     * REST job control, the status view's Flink reads); empty, the default, for no limit: requests
     * then never wait for a permit.
     */
    public Optional<RequestRate> requestRate() {
        return Optional.ofNullable(requestRate);
    }

    /**
     * Whether {@link FlinkDeployer#apply(io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec)} runs
     * {@link FlinkDeployer#preflight} first and refuses, before any write, a spec it finds errors
     * for ({@link io.flinkk8s.sdk.core.error.PreflightFailedException}).
     */
    public boolean preflightBeforeApply() {
        return preflightBeforeApply;
    }

    /**
     * How many applied revisions the state record keeps for {@link FlinkDeploymentHandle#history()}
     * and {@link FlinkDeploymentHandle#rollback(int)}, the oldest dropped first; default {@value
     * #DEFAULT_REVISION_HISTORY_LIMIT}.
     */
    public int revisionHistoryLimit() {
        return revisionHistoryLimit;
    }

    /**
     * How many deployments {@link FlinkDeployer#applyAll} and {@link FlinkDeployer#planAll} work on
     * at once (each on a thread of the call's own); default {@value #DEFAULT_BULK_CONCURRENCY}.
     */
    public int bulkConcurrency() {
        return bulkConcurrency;
    }

    /** Settings for {@link DeployOptions}; mutable and not thread-safe. */
    public static final class Builder {

        private String fieldManager = DEFAULT_FIELD_MANAGER;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Executor executor;
        private ProgressListener progressListener = ProgressListener.none();
        private RestEndpointResolver restEndpointResolver = RestEndpointResolver.inCluster();
        private RestTls restTls;
        private Duration savepointTimeout = Duration.ofMinutes(10);
        private Duration readyTimeout = Duration.ofMinutes(10);
        private Duration flinkRequestTimeout = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration failFastGrace = Duration.ofSeconds(5);
        private boolean prunePersistentVolumeClaims;
        private boolean rollbackOnFailure = true;
        private Clock clock = Clock.systemUTC();
        private Renderer renderer = Renderer.defaults();
        private Duration upgradeLeaseDuration = Duration.ofSeconds(15);
        private RequestRate requestRate;
        private boolean preflightBeforeApply;
        private int revisionHistoryLimit = DEFAULT_REVISION_HISTORY_LIMIT;
        private int bulkConcurrency = DEFAULT_BULK_CONCURRENCY;

        private Builder() {}

        /**
         * The server-side-apply field manager; default {@value #DEFAULT_FIELD_MANAGER}. The name
         * with {@code -handover} appended is a second manager, which hands the TaskManager count to
         * an HPA when autoscaling is turned on (see {@link FlinkDeployer#apply}); with it the name
         * must fit Kubernetes' 128 characters, so this one may have at most {@value
         * #MAX_FIELD_MANAGER_LENGTH}.
         */
        public Builder fieldManager(String fieldManager) {
            Objects.requireNonNull(fieldManager, "fieldManager");
            if (fieldManager.isBlank()) {
                throw new IllegalArgumentException("fieldManager must not be blank");
            }
            if (fieldManager.length() > MAX_FIELD_MANAGER_LENGTH) {
                throw new IllegalArgumentException(
                        "fieldManager must be at most "
                                + MAX_FIELD_MANAGER_LENGTH
                                + " characters (Kubernetes allows 128, and the SDK also applies as"
                                + " <fieldManager>-handover), was "
                                + fieldManager.length());
            }
            this.fieldManager = fieldManager;
            return this;
        }

        /** How transient API failures are retried; default {@link RetryPolicy#defaults()}. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Where concurrent applies run, e.g. the service's own pool; default: a small pool of the
         * deployer's, closed with it. The deployer never shuts down an executor it was given.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Whom the deployer tells what it is doing; default: nobody (events are still logged). */
        public Builder progressListener(ProgressListener progressListener) {
            this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
            return this;
        }

        /**
         * How the deployer reaches JobManagers; default {@link RestEndpointResolver#inCluster()}
         * (Service DNS), right for a caller running in the same Kubernetes cluster.
         */
        public Builder restEndpointResolver(RestEndpointResolver restEndpointResolver) {
            this.restEndpointResolver =
                    Objects.requireNonNull(restEndpointResolver, "restEndpointResolver");
            return this;
        }

        /**
         * Speaks TLS to the JobManagers' REST endpoints, for deployments with {@code
         * security.tls.rest}: the truststore that trusts their certificate (and, with {@code
         * restMutualAuth}, the client keystore), read from this machine's file system; default:
         * plain HTTP, with which the job calls of such a deployment fail saying to set this. One
         * setting for all of a deployer's deployments: use one CA for them, or one deployer per CA.
         * The passwords are given to Flink's REST client only, never logged or stored.
         *
         * @param restTls null for plain HTTP
         */
        public Builder restTls(RestTls restTls) {
            this.restTls = restTls;
            return this;
        }

        /** How long a savepoint may take; default 10 minutes. */
        public Builder savepointTimeout(Duration savepointTimeout) {
            this.savepointTimeout = positive(savepointTimeout, "savepointTimeout");
            return this;
        }

        /** How long an upgrade or resume waits for the new job to run; default 10 minutes. */
        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = positive(readyTimeout, "readyTimeout");
            return this;
        }

        /** How long one Flink REST request may take; default 30 seconds. */
        public Builder flinkRequestTimeout(Duration flinkRequestTimeout) {
            this.flinkRequestTimeout = positive(flinkRequestTimeout, "flinkRequestTimeout");
            return this;
        }

        /** How often waits look again; default 2 seconds. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /**
         * How long a wait tolerates a cause that keeps the deployment from starting ({@code
         * ErrImagePull}, {@code ImagePullBackOff}, {@code CrashLoopBackOff}, {@code Unschedulable})
         * before it fails with it; default 5 seconds. Zero fails at the first sight; a grace longer
         * than a wait's timeout never fails early (e.g. when a cluster autoscaler adds nodes for
         * unschedulable pods). A FAILED job ends a wait at once, whatever the grace.
         */
        public Builder failFastGrace(Duration failFastGrace) {
            Objects.requireNonNull(failFastGrace, "failFastGrace");
            if (failFastGrace.isNegative()) {
                throw new IllegalArgumentException(
                        "failFastGrace must be zero or positive, was " + failFastGrace);
            }
            this.failFastGrace = failFastGrace;
            return this;
        }

        /** Whether prune may delete PersistentVolumeClaims; default false: never. */
        public Builder prunePersistentVolumeClaims(boolean prune) {
            this.prunePersistentVolumeClaims = prune;
            return this;
        }

        /**
         * Whether a savepoint upgrade whose new version does not become ready is rolled back;
         * default true.
         */
        public Builder rollbackOnFailure(boolean rollback) {
            this.rollbackOnFailure = rollback;
            return this;
        }

        /** The clock of events and recorded times; default the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The renderer; default {@link Renderer#defaults()}, which renders each spec for its
         * target. Give one with a custom pipeline to apply what it renders; the deployer still
         * validates every spec first.
         */
        public Builder renderer(Renderer renderer) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /**
         * How long the upgrade Lease stays valid after each renewal (see {@link
         * DeployOptions#upgradeLeaseDuration()}); default 15 seconds. Whole seconds, at least 1
         * (the Lease's {@code leaseDurationSeconds}).
         */
        public Builder upgradeLeaseDuration(Duration upgradeLeaseDuration) {
            positive(upgradeLeaseDuration, "upgradeLeaseDuration");
            if (upgradeLeaseDuration.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException(
                        "upgradeLeaseDuration must be whole seconds (a Lease's"
                                + " leaseDurationSeconds), was "
                                + upgradeLeaseDuration);
            }
            this.upgradeLeaseDuration = upgradeLeaseDuration;
            return this;
        }

        /**
         * Limits this deployer's requests on the client side to {@code permitsPerSecond} on average
         * and {@code burst} at once (a token bucket, see {@link RequestRate}), so a service sharing
         * its client or API server with other work does not flood it; every deployment, bulk apply
         * and status view of the deployer shares the one budget. Default: unlimited.
         *
         * @throws IllegalArgumentException when {@code permitsPerSecond} is not positive and finite
         *     or {@code burst} is below 1
         */
        public Builder requestRate(double permitsPerSecond, int burst) {
            this.requestRate = new RequestRate(permitsPerSecond, burst);
            return this;
        }

        /**
         * Whether every apply of a deployment runs {@link FlinkDeployer#preflight} first (a few
         * reads and one SelfSubjectAccessReview per permission the deployer needs) and refuses a
         * spec with errors before any write, with a {@link
         * io.flinkk8s.sdk.core.error.PreflightFailedException} listing them; warnings do not
         * refuse. Default false: applies find problems when the API server refuses a write.
         */
        public Builder preflightBeforeApply(boolean preflight) {
            this.preflightBeforeApply = preflight;
            return this;
        }

        /**
         * How many applied revisions to keep (see {@link DeployOptions#revisionHistoryLimit()});
         * default {@value #DEFAULT_REVISION_HISTORY_LIMIT}, at least 1 and at most {@value
         * #MAX_REVISION_HISTORY_LIMIT}. A deployer with a lower limit than the one that wrote a
         * history drops its oldest revisions at its next revision.
         *
         * @throws IllegalArgumentException when {@code limit} is out of that range
         */
        public Builder revisionHistoryLimit(int limit) {
            if (limit < 1 || limit > MAX_REVISION_HISTORY_LIMIT) {
                throw new IllegalArgumentException(
                        "revisionHistoryLimit must be between 1 and "
                                + MAX_REVISION_HISTORY_LIMIT
                                + ", was "
                                + limit);
            }
            this.revisionHistoryLimit = limit;
            return this;
        }

        /**
         * How many deployments a bulk call works on at once; default {@value
         * #DEFAULT_BULK_CONCURRENCY}. Every one of them shares the deployer's request rate.
         *
         * @throws IllegalArgumentException when not between 1 and {@value #MAX_BULK_CONCURRENCY}
         */
        public Builder bulkConcurrency(int bulkConcurrency) {
            if (bulkConcurrency < 1 || bulkConcurrency > MAX_BULK_CONCURRENCY) {
                throw new IllegalArgumentException(
                        "bulkConcurrency must be between 1 and "
                                + MAX_BULK_CONCURRENCY
                                + ", was "
                                + bulkConcurrency);
            }
            this.bulkConcurrency = bulkConcurrency;
            return this;
        }

        /** The options. */
        public DeployOptions build() {
            return new DeployOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
