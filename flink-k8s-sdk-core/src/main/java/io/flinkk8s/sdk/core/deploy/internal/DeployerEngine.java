package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.BulkOutcome;
import io.flinkk8s.sdk.core.deploy.BulkOutcome.Status;
import io.flinkk8s.sdk.core.deploy.BulkResult;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.PreflightReport;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeploymentMemo;
import io.flinkk8s.sdk.core.deploy.internal.cluster.RequestBucket;
import io.flinkk8s.sdk.core.deploy.internal.preflight.Preflight;
import io.flinkk8s.sdk.core.deploy.internal.view.InformerStatusView;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine behind one {@code FlinkDeployer}: its threads (a pool for concurrent applies unless
 * the options give an executor, and one thread renewing upgrade Leases), the parts they share
 * ({@link DeployerContext}) and the status views it made. Its methods take specs judged and
 * defaulted already ({@link EffectiveSpec}).
 *
 * <p>Internal: not API, may change in any release.
 */
public final class DeployerEngine implements AutoCloseable {

    private static final int POOL_SIZE = 8;

    private final DeployerContext context;
    private final ExecutorService ownedExecutor;
    private final ScheduledThreadPoolExecutor leaseRenewals;
    private final List<InformerStatusView> views = new CopyOnWriteArrayList<>();
    private final CachedNoOp noOps;
    private final DeploymentMemo<EffectiveSpec> judged =
            new DeploymentMemo<>(DeploymentMemo.DEFAULT_CAPACITY);

    private DeployerEngine(KubernetesClient client, DeployOptions options, RequestBucket requests) {
        this.ownedExecutor =
                options.executor().isPresent()
                        ? null
                        : Executors.newFixedThreadPool(
                                POOL_SIZE, new DaemonThreads("flink-k8s-deployer-"));
        // one thread, started with the first renewal; periodic renewals end with their operation
        this.leaseRenewals =
                new ScheduledThreadPoolExecutor(1, new DaemonThreads("flink-k8s-deployer-lease-"));
        this.leaseRenewals.setRemoveOnCancelPolicy(true);
        this.context =
                DeployerContext.of(
                        client,
                        options,
                        options.executor().orElse(ownedExecutor),
                        leaseRenewals,
                        requests);
        this.noOps = new CachedNoOp(context, views, DeploymentMemo.DEFAULT_CAPACITY);
    }

    /**
     * An engine working through {@code client}, which stays the caller's, within the options'
     * request rate (none: unlimited).
     */
    public static DeployerEngine start(KubernetesClient client, DeployOptions options) {
        return new DeployerEngine(client, options, RequestBucket.of(options.requestRate()));
    }

    /**
     * An engine whose requests take permits of {@code requests} instead of a bucket of the options'
     * request rate (one on a test's clock, say).
     */
    public static DeployerEngine start(
            KubernetesClient client, DeployOptions options, RequestBucket requests) {
        return new DeployerEngine(client, options, requests);
    }

    /** What an apply of {@code spec} would do now; writes nothing. */
    public ApplyPlan plan(EffectiveSpec spec) {
        return new Reconciler(context).plan(spec);
    }

    /**
     * Makes the cluster run {@code spec}: first, when the options say so, a preflight whose errors
     * refuse it before any write; then, with a status view whose caches show that nothing would
     * change, sends nothing ({@link CachedNoOp}); else the namespace when {@code tenancy.namespace}
     * asks for it, and the apply.
     */
    public ApplyResult apply(EffectiveSpec spec) {
        if (context.options().preflightBeforeApply()) {
            new Preflight(context).require(spec);
        }
        return noOps.unchanged(spec)
                .orElseGet(
                        () -> {
                            TenancyNamespace.ensure(context, spec);
                            return new Reconciler(context).apply(spec);
                        });
    }

    /**
     * {@code spec} judged ({@link EffectiveSpec#of}): the judgment made before for the last spec
     * given for its deployment when {@code spec} is that very object or an equal one (a spec is an
     * immutable value and judging is a function of it; the judgment then keeps the equal spec it
     * was made for as the one written), else a new one. So a caller that sweeps over the same
     * specs, or equal ones read anew, judges each once.
     *
     * @throws InvalidSpecException listing every violation, with its field path
     */
    public EffectiveSpec judge(FlinkDeploymentSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String namespace = String.valueOf(spec.namespace());
        EffectiveSpec before = judged.get(namespace, spec.name());
        if (before != null && (before.asWritten() == spec || before.asWritten().equals(spec))) {
            return before;
        }
        EffectiveSpec effective = EffectiveSpec.of(spec);
        judged.put(namespace, spec.name(), effective);
        return effective;
    }

    /** What would make an apply of {@code spec} fail now; writes nothing. */
    public PreflightReport preflight(EffectiveSpec spec) {
        return new Preflight(context).run(spec);
    }

    /** Whether {@code spec} fits its namespace's quotas and limit ranges; writes nothing. */
    public PreflightReport fitsQuota(EffectiveSpec spec) {
        return new Preflight(context).quota(spec);
    }

    /**
     * Applies every spec, at most {@code bulkConcurrency} at a time (see {@link BulkReconcile}).
     */
    public BulkResult applyAll(List<BulkReconcile.Judged> specs) {
        return new BulkReconcile(context.progress(), options().bulkConcurrency(), "apply-all")
                .run(
                        specs,
                        e -> {
                            ApplyResult r = apply(e);
                            Status status = r.changedCluster() ? Status.APPLIED : Status.UNCHANGED;
                            return new BulkOutcome(
                                    e.namespace(), e.name(), status, r.plan(), r, null);
                        });
    }

    /** Plans every spec, at most {@code bulkConcurrency} at a time; writes nothing. */
    public BulkResult planAll(List<BulkReconcile.Judged> specs) {
        return new BulkReconcile(context.progress(), options().bulkConcurrency(), "plan-all")
                .run(
                        specs,
                        e -> {
                            ApplyPlan p = plan(e);
                            Status status =
                                    p.hasChanges() ? Status.CHANGES_PLANNED : Status.UNCHANGED;
                            return new BulkOutcome(e.namespace(), e.name(), status, p, null, null);
                        });
    }

    /** The operations on the deployment {@code namespace/name}. */
    public DeploymentOperations deployment(String namespace, String name) {
        return new DeploymentOperations(context, namespace, name);
    }

    /** The operations on the session job {@code namespace/name}. */
    public SessionJobOperations sessionJob(String namespace, String name) {
        return new SessionJobOperations(context, namespace, name);
    }

    /** A started status view, closed with this engine unless closed before. */
    public DeploymentStatusView statusView(StatusViewOptions options) {
        InformerStatusView view = InformerStatusView.start(context, options, views::remove);
        views.add(view);
        return view;
    }

    /** The options the engine works with. */
    public DeployOptions options() {
        return context.options();
    }

    /**
     * Closes the status views and the Flink REST clients and stops the engine's own threads; the
     * client and an executor given in the options are the caller's and stay open.
     */
    @Override
    public void close() {
        views.forEach(InformerStatusView::close);
        context.flinkClients().close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        leaseRenewals.shutdownNow();
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
