package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.BulkOutcome;
import io.flinkk8s.sdk.core.deploy.BulkOutcome.Status;
import io.flinkk8s.sdk.core.deploy.BulkResult;
import io.flinkk8s.sdk.core.deploy.internal.cluster.Progress;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bulk call: judges every spec first (an invalid one, or a second spec for the same deployment,
 * is a failed outcome and costs no request), then runs the valid ones on at most {@code
 * concurrency} threads of its own, one deployment at a time per thread, each outcome in its input
 * slot. A failure is that deployment's outcome and stops nothing else. The caller's thread waits;
 * when it is interrupted, no further deployment is started, the ones running finish (an apply is
 * never cut between its writes), the rest are {@link Status#CANCELLED}, and the call returns with
 * the thread's interrupt flag set again.
 *
 * <p>The threads are its own, not the deployer's pool, because each apply uses that pool for the
 * objects of one level: bulk workers waiting on it from inside it could starve it.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class BulkReconcile {

    private static final Logger LOG = LoggerFactory.getLogger(BulkReconcile.class);

    private final Progress progress;
    private final int concurrency;
    private final String operation;
    private final AtomicInteger done = new AtomicInteger();

    /**
     * @param operation the progress events' operation: {@code apply-all} or {@code plan-all}
     */
    BulkReconcile(Progress progress, int concurrency, String operation) {
        this.progress = progress;
        this.concurrency = concurrency;
        this.operation = operation;
    }

    /**
     * One input spec as the entry point judged it.
     *
     * @param spec the spec as given
     * @param effective the judged spec; null when it is invalid
     * @param invalid every violation; null when it is valid
     */
    public record Judged(
            FlinkDeploymentSpec spec, EffectiveSpec effective, InvalidSpecException invalid) {}

    /**
     * Runs {@code work} for every valid spec.
     *
     * @param work one deployment's apply or plan, as its outcome
     */
    BulkResult run(List<Judged> judgments, Function<EffectiveSpec, BulkOutcome> work) {
        int n = judgments.size();
        BulkOutcome[] outcomes = new BulkOutcome[n];
        List<Integer> toRun = new ArrayList<>();
        List<EffectiveSpec> judged = Arrays.asList(new EffectiveSpec[n]);
        Map<String, Integer> firstAt = new HashMap<>();
        for (int i = 0; i < n; i++) {
            FlinkDeploymentSpec spec = judgments.get(i).spec();
            if (judgments.get(i).invalid() != null) {
                outcomes[i] = failed(spec, judgments.get(i).invalid());
                continue;
            }
            judged.set(i, judgments.get(i).effective());
            String key = spec.namespace() + "/" + spec.name();
            Integer first = firstAt.putIfAbsent(key, i);
            if (first != null) {
                outcomes[i] = failed(spec, duplicate(key, first, i));
                continue;
            }
            toRun.add(i);
        }
        LOG.info(
                "{}: {} deployment(s), {} to run on {} thread(s), {} refused before any request",
                operation,
                n,
                toRun.size(),
                Math.min(concurrency, toRun.size()),
                n - toRun.size());
        runConcurrently(toRun, i -> outcomes[i] = outcome(judged.get(i), work, toRun.size()));
        for (int i = 0; i < n; i++) {
            if (outcomes[i] == null) {
                FlinkDeploymentSpec spec = judgments.get(i).spec();
                outcomes[i] =
                        new BulkOutcome(
                                spec.namespace(), spec.name(), Status.CANCELLED, null, null, null);
            }
        }
        return new BulkResult(Arrays.asList(outcomes));
    }

    /** One deployment's outcome; its failure is caught here, never passed on. */
    private BulkOutcome outcome(
            EffectiveSpec effective, Function<EffectiveSpec, BulkOutcome> work, int total) {
        BulkOutcome outcome;
        try {
            outcome = work.apply(effective);
        } catch (FlinkK8sException e) {
            outcome = failed(effective.spec(), e);
        } catch (RuntimeException e) {
            outcome =
                    failed(
                            effective.spec(),
                            new FlinkK8sException(
                                    operation
                                            + " of "
                                            + effective.namespace()
                                            + "/"
                                            + effective.name()
                                            + " failed unexpectedly: "
                                            + e
                                            + ". The other deployments went on; apply this one"
                                            + " again once the cause is fixed.",
                                    e));
        }
        progress.report(
                effective.namespace(),
                effective.name(),
                operation,
                outcome.status()
                        + (outcome.failure() == null ? "" : ": " + outcome.failure().getMessage())
                        + " ("
                        + done.incrementAndGet()
                        + " of "
                        + total
                        + " done)");
        return outcome;
    }

    /**
     * Runs {@code task} for every index on its own threads and waits for them; on an interrupt it
     * starts no further index, waits for the running ones, and sets the interrupt flag again.
     */
    private void runConcurrently(List<Integer> indexes, IntConsumer task) {
        if (indexes.isEmpty()) {
            return;
        }
        int threads = Math.min(concurrency, indexes.size());
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker =
                    new Thread(
                            () -> {
                                try {
                                    while (!cancelled.get()) {
                                        int at = next.getAndIncrement();
                                        if (at >= indexes.size() || cancelled.get()) {
                                            return;
                                        }
                                        task.accept(indexes.get(at));
                                    }
                                } finally {
                                    finished.countDown();
                                }
                            },
                            "flink-k8s-" + operation + "-" + (t + 1));
            worker.setDaemon(true);
            worker.start();
        }
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                if (!interrupted) {
                    LOG.info(
                            "{} interrupted: starting no further deployment, waiting for the"
                                    + " running ones to finish",
                            operation);
                }
                interrupted = true;
                cancelled.set(true);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static BulkOutcome failed(FlinkDeploymentSpec spec, FlinkK8sException e) {
        return new BulkOutcome(spec.namespace(), spec.name(), Status.FAILED, null, null, e);
    }

    private static FlinkK8sException duplicate(String key, int first, int again) {
        return new FlinkK8sException(
                "Deployment "
                        + key
                        + " appears more than once in the bulk input (positions "
                        + first
                        + " and "
                        + again
                        + "); only the first was run. Give each deployment once.");
    }
}
