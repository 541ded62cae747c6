package io.flinkk8s.sdk.core.deploy.internal.view;

import io.flinkk8s.sdk.core.deploy.internal.view.FlinkJobReader.Read;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;

/**
 * When the status view reads which deployment's job: at once when a JobManager becomes ready (or is
 * replaced), again at the deployer's poll interval until the job settles (RUNNING, or ended), then
 * at the view's refresh interval; never more than {@code maxConcurrentFlinkRequests} reads at a
 * time. A read of a JobManager that was replaced meanwhile is dropped, and the new one read. Every
 * method runs on the view's thread, which is where the reads report too.
 */
final class FlinkReadScheduler {

    /** What the scheduler knows of one deployment's job. */
    private static final class Reads {
        boolean asks;
        boolean application = true;
        String jobManager;
        Read job;
        long nextReadAt;
        CompletableFuture<Void> reading;
    }

    /** Reads the job of one deployment; the future never fails (a failure is a problem read). */
    @FunctionalInterface
    interface JobReads {
        CompletableFuture<Read> read(String namespace, String name);
    }

    private final StatusViewOptions options;
    private final Duration pollInterval;
    private final Executor worker;
    private final JobReads reader;
    private final Consumer<DeploymentKey> onRead;
    private final Map<DeploymentKey, Reads> reads = new HashMap<>();
    private final Deque<DeploymentKey> queue = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param pollInterval how soon a job that has not settled is read again
     * @param worker the view's thread
     * @param reader reads a deployment's job ({@link FlinkJobReader})
     * @param onRead told the deployment whose job was read, on the view's thread
     */
    FlinkReadScheduler(
            StatusViewOptions options,
            Duration pollInterval,
            Executor worker,
            JobReads reader,
            Consumer<DeploymentKey> onRead) {
        this.options = options;
        this.pollInterval = pollInterval;
        this.worker = worker;
        this.reader = reader;
        this.onRead = onRead;
    }

    /**
     * What the view sees of the deployment: whether its JobManager is up to be asked ({@code asks})
     * and which JobManager pods it is ({@code jobManager}, null when none is asked). Another
     * JobManager (or none) drops what the last one said and is read at once.
     *
     * @param application whether the deployment runs a job of its own (a session cluster does not)
     */
    void observe(DeploymentKey key, boolean asks, String jobManager, boolean application) {
        Reads e = reads.computeIfAbsent(key, k -> new Reads());
        e.asks = asks;
        e.application = application;
        if (!Objects.equals(jobManager, e.jobManager)) {
            // another JobManager (or none): what the last one said is not this one's job
            e.jobManager = jobManager;
            e.job = null;
            if (asks) {
                e.nextReadAt = System.nanoTime();
                request(key, e);
            }
        }
    }

    /** The last read of the deployment's asked JobManager; null when none was read or is asked. */
    Read lastRead(DeploymentKey key) {
        Reads e = reads.get(key);
        return e != null && e.asks ? e.job : null;
    }

    /** Forgets a deployment that is gone; a read waiting for it completes. */
    void forget(DeploymentKey key) {
        Reads e = reads.remove(key);
        if (e != null && e.reading != null) {
            e.reading.complete(null);
        }
    }

    /**
     * Reads the deployment's job now (or joins the read under way); done at once if none is asked.
     */
    CompletableFuture<Void> readNow(DeploymentKey key) {
        Reads e = reads.get(key);
        if (e == null || !e.asks) {
            return CompletableFuture.completedFuture(null);
        }
        return request(key, e);
    }

    /** The reads under way. */
    List<CompletableFuture<Void>> pending() {
        return reads.values().stream().map(e -> e.reading).filter(Objects::nonNull).toList();
    }

    /** Starts the reads that are due. */
    void readDue() {
        long now = System.nanoTime();
        reads.forEach(
                (key, e) -> {
                    if (e.asks && e.reading == null && now - e.nextReadAt >= 0) {
                        request(key, e);
                    }
                });
    }

    private CompletableFuture<Void> request(DeploymentKey key, Reads e) {
        if (e.reading == null) {
            e.reading = new CompletableFuture<>();
            queue.add(key);
            pump();
        }
        return e.reading;
    }

    private void pump() {
        while (inFlight < options.maxConcurrentFlinkRequests() && !queue.isEmpty()) {
            DeploymentKey key = queue.poll();
            Reads e = reads.get(key);
            if (e == null || !e.asks) {
                if (e != null && e.reading != null) {
                    e.reading.complete(null);
                    e.reading = null;
                }
                continue;
            }
            String jobManager = e.jobManager;
            inFlight++;
            reader.read(key.namespace(), key.name())
                    .thenAcceptAsync(read -> onRead(key, jobManager, read), worker);
        }
    }

    private void onRead(DeploymentKey key, String jobManager, Read read) {
        inFlight--;
        Reads e = reads.get(key);
        if (e != null && e.reading != null) {
            CompletableFuture<Void> reading = e.reading;
            e.reading = null;
            if (e.asks && Objects.equals(jobManager, e.jobManager)) {
                e.job = read;
                Duration next = settled(e, read) ? options.flinkRefreshInterval() : pollInterval;
                e.nextReadAt = System.nanoTime() + next.toNanos();
                onRead.accept(key);
                reading.complete(null);
            } else if (e.asks) {
                // the JobManager changed while it was read: read the new one
                request(key, e).whenComplete((v, t) -> reading.complete(null));
            } else {
                reading.complete(null);
            }
        }
        pump();
    }

    /** Whether the job is where it stays for a while: read it again only at the refresh rate. */
    private static boolean settled(Reads e, Read read) {
        if (read.problem() != null) {
            return false;
        }
        if (!e.application) {
            return true;
        }
        return read.job() != null
                && (read.job().state() == JobStatus.RUNNING
                        || read.job().state().isGloballyTerminalState());
    }
}
