package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.error.ShouldHave.shouldHave;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldSatisfy.shouldSatisfy;

import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import io.flinkk8s.sdk.testkit.flink.SimulatedSavepoint;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.WritableAssertionInfo;
import org.assertj.core.internal.Failures;

/**
 * Assertions on one Flink job of an SDK deployment in the in-memory cluster: its status and the
 * savepoint it was restored from. Get one from {@code flinkDeployment(namespace, name).job()}.
 */
public final class FlinkJobAssert extends AbstractAssert<FlinkJobAssert, SimulatedJob> {

    private final FlinkJobManager jobManager;

    FlinkJobAssert(FlinkJobManager jobManager, SimulatedJob actual) {
        super(actual, FlinkJobAssert.class);
        this.jobManager = jobManager;
    }

    /** Checks that the job is RUNNING. */
    public FlinkJobAssert isRunning() {
        return hasState(JobStatus.RUNNING);
    }

    /** Checks the job's status. */
    public FlinkJobAssert hasState(JobStatus expected) {
        isNotNull();
        if (actual.status() != expected) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            summary(),
                            "have status",
                            expected,
                            "its status is "
                                    + actual.status()
                                    + (actual.failureCause() == null
                                            ? ""
                                            : " (" + actual.failureCause() + ")")));
        }
        return this;
    }

    /** Checks the savepoint or checkpoint path the job was started from. */
    public FlinkJobAssert wasRestoredFrom(String expected) {
        isNotNull();
        Optional<String> restored = actual.restoredFrom();
        if (!restored.equals(Optional.of(expected))) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            summary(),
                            "have been restored from",
                            expected,
                            restored.map(p -> "it was restored from " + p)
                                    .orElse("it started without state")));
        }
        return this;
    }

    /** Checks that the job was started from the deployment's newest completed savepoint. */
    public FlinkJobAssert wasRestoredFromLatestSavepoint() {
        isNotNull();
        Optional<SimulatedSavepoint> last = jobManager.lastSavepoint();
        Optional<String> restored = actual.restoredFrom();
        if (last.isEmpty() || !Objects.equals(restored.orElse(null), last.get().path())) {
            throwAssertionError(
                    shouldSatisfy(
                            name(),
                            summary(),
                            "have been restored from the latest savepoint",
                            last.map(SimulatedSavepoint::path).orElse("(no savepoint completed)"),
                            restored.map(p -> "it was restored from " + p)
                                    .orElse("it started without state")));
        }
        return this;
    }

    /**
     * Assertions on the path of the deployment's newest completed savepoint (of any of its jobs),
     * which must exist.
     */
    public AbstractStringAssert<?> lastSavepoint() {
        isNotNull();
        return lastSavepointOf(jobManager, name(), summary(), info);
    }

    static AbstractStringAssert<?> lastSavepointOf(
            FlinkJobManager jm, String name, String summary, WritableAssertionInfo info) {
        Optional<SimulatedSavepoint> last = jm.lastSavepoint();
        if (last.isEmpty()) {
            throw Failures.instance()
                    .failure(
                            info,
                            shouldSatisfy(
                                    name,
                                    summary,
                                    "have",
                                    "a completed savepoint",
                                    "none completed"));
        }
        return Assertions.assertThat(last.get().path())
                .as("last savepoint of Flink deployment " + jm.namespace() + "/" + jm.name());
    }

    private String name() {
        return "Flink job "
                + actual.id()
                + " of "
                + jobManager.namespace()
                + "/"
                + jobManager.name();
    }

    private String summary() {
        return actual.name()
                + " ("
                + actual.origin()
                + ", "
                + actual.status()
                + ", restored from "
                + actual.restoredFrom().orElse("nothing")
                + "); savepoints of the deployment: "
                + FlinkDeploymentAssert.savepointsOf(jobManager);
    }
}
