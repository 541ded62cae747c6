package io.flinkk8s.sdk.core.deploy.internal.view;

import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.Retrier;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateStore;
import io.flinkk8s.sdk.core.deploy.internal.observe.StatusAssembly;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.StatusListener;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeploymentStatusView} of a deployer, a facade over three parts that share one thread
 * of the view's own: the {@link StatusInformers} (watches indexed by deployment), the {@link
 * DeploymentIndex} (a status per deployment, remade from the caches on every change) and the {@link
 * FlinkReadScheduler} (the jobs, read at most {@code maxConcurrentFlinkRequests} at a time). This
 * class starts and closes them, answers the queries from the index, and tells the listeners.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class InformerStatusView implements DeploymentStatusView {

    private static final Logger LOG = LoggerFactory.getLogger(InformerStatusView.class);
    private static final Duration REFRESH_GRACE = Duration.ofSeconds(5);

    private final DeployerContext ctx;
    private final StatusViewOptions options;
    private final Consumer<InformerStatusView> onClose;
    private final ScheduledExecutorService worker;
    private final ExecutorService resolving;
    private final StatusInformers informers;
    private final AppliedObjects applied;
    private final FlinkJobReader reader;
    private final FlinkReadScheduler reads;
    private final DeploymentIndex index;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();

    private InformerStatusView(
            DeployerContext ctx, StatusViewOptions options, Consumer<InformerStatusView> onClose) {
        this.ctx = ctx;
        this.options = options;
        this.onClose = onClose;
        this.worker = Executors.newSingleThreadScheduledExecutor(daemon("flink-k8s-status-view"));
        this.resolving =
                Executors.newFixedThreadPool(
                        options.maxConcurrentFlinkRequests(),
                        daemon("flink-k8s-status-view-flink"));
        this.informers =
                new StatusInformers(
                        ctx.client(), options, worker, this::changed, this::operatorWatchStarted);
        this.applied = new AppliedObjects(ctx.client(), options, ctx.options().fieldManager());
        this.reader = new FlinkJobReader(ctx, resolving);
        this.reads =
                new FlinkReadScheduler(
                        options, ctx.options().pollInterval(), worker, reader::read, this::read);
        this.index =
                new DeploymentIndex(informers, reads, worker, this::publish, ctx.options().clock());
    }

    /**
     * Starts a view: lists and watches the kinds, computes every status, reads every ready
     * JobManager once (waiting for those reads at most until the start timeout).
     *
     * @param onClose told when the view is closed
     * @throws FlinkK8sException when a kind cannot be listed or watched
     */
    public static InformerStatusView start(
            DeployerContext ctx, StatusViewOptions options, Consumer<InformerStatusView> onClose) {
        InformerStatusView view = new InformerStatusView(ctx, options, onClose);
        try {
            view.startWatching();
            return view;
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
    }

    private void startWatching() {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        try {
            CompletableFuture<Void> appliedStarted = applied.start();
            informers.start().get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            appliedStarted.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            List<CompletableFuture<Void>> started =
                    CompletableFuture.supplyAsync(index::computeAll, worker)
                            .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (!informers.hasSynced()) {
                throw informers.startFailure("did not list within " + options.startTimeout(), e);
            }
            LOG.warn(
                    "The status view started before every JobManager answered within {};"
                            + " their deployments show DEPLOYING until they do",
                    options.startTimeout());
        } catch (ExecutionException e) {
            throw informers.startFailure("failed: " + Retrier.describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw informers.startFailure("was interrupted", e);
        }
        worker.scheduleWithFixedDelay(
                () -> {
                    index.checkApi();
                    reads.readDue();
                },
                ctx.options().pollInterval().toNanos(),
                ctx.options().pollInterval().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private void changed(DeploymentKey key) {
        index.markDirty(key);
    }

    private void operatorWatchStarted() {
        index.markOperatorTargetsDirty();
    }

    private void read(DeploymentKey key) {
        index.recompute(key);
    }

    private void publish(DeploymentStatus previous, DeploymentStatus current) {
        for (StatusListener l : listeners) {
            try {
                l.onStatusChange(previous, current);
            } catch (RuntimeException ex) {
                LOG.warn(
                        "A status listener failed on {}/{}; ignored",
                        current.namespace(),
                        current.name(),
                        ex);
            }
        }
    }

    /** Whether this view, open, watches {@code namespace}. */
    public boolean covers(String namespace) {
        return !closed.get()
                && (options.namespace() == null || options.namespace().equals(namespace));
    }

    /**
     * The digest of the fields the deployer applied to one object, as the view last saw it (see
     * {@link AppliedObjects}); empty when unknown.
     */
    public OptionalLong appliedDigest(String kind, String namespace, String name) {
        return closed.get() ? OptionalLong.empty() : applied.digest(kind, namespace, name);
    }

    /**
     * The deployment's state record as the view last saw it; empty when it has none or the view's
     * watch of state records is not current.
     *
     * @throws FlinkK8sException when the cached record cannot be read
     */
    public Optional<StateRecord> stateRecord(String namespace, String name) {
        if (closed.get() || !informers.statesWatching()) {
            return Optional.empty();
        }
        return StateStore.find(
                namespace, name, informers.states(new DeploymentKey(namespace, name)));
    }

    /**
     * The resource version of the deployment's state record as the view last saw it, without
     * reading the record: what a caller that keeps a record it read before compares; empty when
     * {@link #stateRecord} would be.
     */
    public Optional<String> stateRecordVersion(String namespace, String name) {
        if (closed.get() || !informers.statesWatching()) {
            return Optional.empty();
        }
        String cm = ResourceNames.of(name).sdkState();
        return informers.states(new DeploymentKey(namespace, name)).stream()
                .filter(c -> cm.equals(c.getMetadata().getName()))
                .map(c -> c.getMetadata().getResourceVersion())
                .filter(Objects::nonNull)
                .findFirst();
    }

    @Override
    public DeploymentStatus status(String namespace, String name) {
        checkOpen();
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        DeploymentStatus status = index.status(new DeploymentKey(namespace, name));
        return status != null ? status : unknown(namespace, name);
    }

    private DeploymentStatus unknown(String namespace, String name) {
        StatusAssembly.Pods none =
                StatusAssembly.pods(ResourceNames.of(name), List.of(), List.of());
        return StatusAssembly.judged(
                StatusAssembly.assemble(namespace, name, Optional.empty(), none, null, null),
                none,
                null,
                null,
                ctx.options().clock().instant());
    }

    @Override
    public List<DeploymentStatus> statuses() {
        checkOpen();
        return index.statuses();
    }

    @Override
    public DeploymentStatus refresh(String namespace, String name) {
        checkOpen();
        DeploymentKey key = new DeploymentKey(namespace, name);
        Duration limit = ctx.options().flinkRequestTimeout().plus(REFRESH_GRACE);
        try {
            CompletableFuture.supplyAsync(() -> reads.readNow(key), worker)
                    .thenCompose(f -> f)
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            LOG.debug("refresh of {}/{} did not complete", namespace, name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status(namespace, name);
    }

    @Override
    public DeploymentStatus await(
            String namespace,
            String name,
            Predicate<DeploymentStatus> condition,
            Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        CompletableFuture<DeploymentStatus> met = new CompletableFuture<>();
        AtomicReference<DeploymentStatus> last = new AtomicReference<>();
        StatusListener listener =
                (before, now) -> {
                    if (now.namespace().equals(namespace) && now.name().equals(name)) {
                        last.set(now);
                        test(condition, now, met);
                    }
                };
        addListener(listener);
        try {
            DeploymentStatus current = status(namespace, name);
            last.compareAndSet(null, current);
            test(condition, current, met);
            return met.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            DeploymentStatus seen = last.get();
            String observed = seen.lifecycle() + " (" + seen.message() + ")";
            throw new WaitTimeoutException(
                    namespace
                            + "/"
                            + name
                            + " did not reach the awaited status within "
                            + timeout
                            + "; last observed: "
                            + observed
                            + ".",
                    observed);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new FlinkK8sException("The awaited condition failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkK8sException("Interrupted while awaiting " + namespace + "/" + name, e);
        } finally {
            removeListener(listener);
        }
    }

    private static void test(
            Predicate<DeploymentStatus> condition,
            DeploymentStatus status,
            CompletableFuture<DeploymentStatus> met) {
        try {
            if (condition.test(status)) {
                met.complete(status);
            }
        } catch (RuntimeException e) {
            met.completeExceptionally(e);
        }
    }

    @Override
    public void addListener(StatusListener listener) {
        checkOpen();
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(StatusListener listener) {
        listeners.remove(listener);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(
                    "This status view is closed (by close() or by closing its deployer);"
                            + " make a new one with FlinkDeployer.statusView.");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        informers.stop();
        applied.stop();
        worker.shutdownNow();
        resolving.shutdownNow();
        reader.close();
        listeners.clear();
        onClose.accept(this);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "DeploymentStatusView["
                + (options.namespace() == null ? "all namespaces" : options.namespace())
                + ", "
                + index.size()
                + " deployments]";
    }
}
