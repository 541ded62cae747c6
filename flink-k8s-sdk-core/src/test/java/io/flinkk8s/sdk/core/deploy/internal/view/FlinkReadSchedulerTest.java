package io.flinkk8s.sdk.core.deploy.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.internal.view.FlinkJobReader.Read;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

/**
 * The status view's Flink read scheduling on its own: reads are started and finished by the test (a
 * read answers when the test completes it), everything runs on the test's thread.
 */
class FlinkReadSchedulerTest {

    private static final DeploymentKey ORDERS = new DeploymentKey("streaming", "orders");
    private static final DeploymentKey CLICKS = new DeploymentKey("streaming", "clicks");
    private static final DeploymentKey PAYMENTS = new DeploymentKey("streaming", "payments");
    private static final Read RUNNING =
            new Read(new JobInfo("a1b2", "orders", JobStatus.RUNNING), null);

    /** The reads asked for, in order, each with the future the test completes. */
    private final Map<String, List<CompletableFuture<Read>>> started = new LinkedHashMap<>();

    private final List<DeploymentKey> told = new ArrayList<>();

    private FlinkReadScheduler scheduler(int maxConcurrent) {
        return new FlinkReadScheduler(
                StatusViewOptions.allNamespaces().withMaxConcurrentFlinkRequests(maxConcurrent),
                Duration.ofSeconds(1),
                Runnable::run,
                (namespace, name) -> {
                    CompletableFuture<Read> read = new CompletableFuture<>();
                    started.computeIfAbsent(name, n -> new ArrayList<>()).add(read);
                    return read;
                },
                told::add);
    }

    @Test
    void aReadyJobManagerIsReadAtOnceAndTheIndexIsToldWhatItSaid() {
        FlinkReadScheduler reads = scheduler(8);

        reads.observe(ORDERS, true, "jm-1", true);
        started.get("orders").get(0).complete(RUNNING);

        assertThat(started.get("orders")).hasSize(1);
        assertThat(told).containsExactly(ORDERS);
        assertThat(reads.lastRead(ORDERS)).isEqualTo(RUNNING);
    }

    @Test
    void aReadOfAJobManagerReplacedMeanwhileIsDroppedAndTheNewOneRead() {
        // given: a read of the first JobManager under way
        FlinkReadScheduler reads = scheduler(8);
        reads.observe(ORDERS, true, "jm-1", true);
        // when: the JobManager is replaced, then the first read answers
        reads.observe(ORDERS, true, "jm-2", true);
        started.get("orders").get(0).complete(RUNNING);
        // then: what the first one said is not kept; the second one is read
        assertThat(reads.lastRead(ORDERS)).isNull();
        assertThat(told).isEmpty();
        assertThat(started.get("orders")).hasSize(2);
        started.get("orders").get(1).complete(RUNNING);
        assertThat(reads.lastRead(ORDERS)).isEqualTo(RUNNING);
    }

    @Test
    void neverMoreReadsAtOnceThanTheOptionsAllow() {
        FlinkReadScheduler reads = scheduler(2);

        reads.observe(ORDERS, true, "jm-1", true);
        reads.observe(CLICKS, true, "jm-1", true);
        reads.observe(PAYMENTS, true, "jm-1", true);

        assertThat(started.keySet()).containsExactly("orders", "clicks");
        started.get("clicks").get(0).complete(RUNNING);
        assertThat(started.keySet()).containsExactly("orders", "clicks", "payments");
    }

    @Test
    void aJobManagerNoLongerAskedHasNoJobAndItsWaitingReadEnds() {
        FlinkReadScheduler reads = scheduler(1);
        reads.observe(ORDERS, true, "jm-1", true);
        reads.observe(CLICKS, true, "jm-1", true);
        CompletableFuture<Void> waiting = reads.readNow(CLICKS);

        reads.forget(CLICKS);

        assertThat(waiting).isCompleted();
        assertThat(reads.lastRead(CLICKS)).isNull();
        assertThat(reads.readNow(CLICKS)).isCompleted();
    }
}
