package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.deploy.internal.SessionJobOperations;
import io.flinkk8s.sdk.core.deploy.status.SessionJobStatus;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * One session job (a {@code FlinkSessionJob} the Flink Kubernetes Operator runs on a session
 * cluster), to wait on, inspect and drive through the same lifecycle as an application. Cheap to
 * create ({@link FlinkDeployer#sessionJob}), holds no connection, and every method reads the {@code
 * FlinkSessionJob} from the cluster. Thread-safe.
 *
 * <pre>{@code
 * FlinkSessionJobHandle clicks = deployer.apply(sessionJob);
 * clicks.waitUntilRunning(Duration.ofMinutes(2));
 * SavepointRecord sp = clicks.triggerSavepoint();   // a FlinkStateSnapshot of the session job
 * clicks.upgrade(newSessionJob);                    // the operator moves it by its upgrade mode
 * clicks.suspend();                                  // job.state suspended
 * clicks.resume();                                   // job.state running
 * clicks.delete();                                   // the session cluster keeps running
 * }</pre>
 *
 * <p>The operator carries out every change: {@link #upgrade} and {@link #resume()} return once the
 * changed resource is applied, so wait with {@link #waitUntilRunning} for the new job. With {@code
 * job.upgradeMode: savepoint} an upgrade stops the job with a savepoint and starts the new one from
 * it, and a suspension takes a savepoint that the resumed job starts from. The SDK keeps no state
 * record for a session job: the operator's status is its record.
 */
public final class FlinkSessionJobHandle {

    private final SessionJobOperations operations;
    private final String namespace;
    private final String name;

    FlinkSessionJobHandle(SessionJobOperations operations, String namespace, String name) {
        this.operations = operations;
        this.namespace = namespace;
        this.name = name;
    }

    /** The session job's namespace. */
    public String namespace() {
        return namespace;
    }

    /** The session job's name. */
    public String name() {
        return name;
    }

    /**
     * Waits until the operator has reconciled the spec last applied and reports the job running.
     *
     * @throws WaitTimeoutException naming the last observed state when the time runs out
     * @throws FlinkJobException when the operator reports the job FAILED
     */
    public void waitUntilRunning(Duration timeout) {
        operations.waitUntilRunning(Objects.requireNonNull(timeout, "timeout"));
    }

    /** The lifecycle and job as the operator reports them in the {@code FlinkSessionJob}. */
    public SessionJobStatus status() {
        return operations.status();
    }

    /**
     * Moves the session job to {@code newSpec}, which the operator carries out by its upgrade mode;
     * the same as {@link FlinkDeployer#apply(FlinkSessionJobSpec)} with a spec of this session
     * job's name and namespace.
     *
     * @throws IllegalArgumentException when {@code newSpec} names another session job
     * @throws InvalidSpecException listing every violation, before any write
     */
    public void upgrade(FlinkSessionJobSpec newSpec) {
        Objects.requireNonNull(newSpec, "newSpec");
        io.flinkk8s.sdk.core.validation.EffectiveSessionJob effective =
                io.flinkk8s.sdk.core.validation.EffectiveSessionJob.of(newSpec);
        if (!effective.spec().name().equals(name)
                || !effective.spec().namespace().equals(namespace)) {
            throw new IllegalArgumentException(
                    "upgrade of session job "
                            + namespace
                            + "/"
                            + name
                            + " got a spec for "
                            + effective.spec().namespace()
                            + "/"
                            + effective.spec().name()
                            + "; use FlinkDeployer.apply for another session job");
        }
        operations.apply(effective);
    }

    /**
     * Sets {@code job.state: suspended}: the operator stops the job by its upgrade mode (with a
     * savepoint for {@code savepoint}, which the resumed job starts from).
     *
     * @throws FlinkK8sException when there is no {@code FlinkSessionJob}
     */
    public void suspend() {
        operations.suspend();
    }

    /**
     * Sets {@code job.state: running}: the operator starts the job again from the state its
     * suspension kept.
     *
     * @throws FlinkK8sException when there is no {@code FlinkSessionJob}
     */
    public void resume() {
        operations.resume();
    }

    /**
     * Takes a savepoint while the job keeps running, through a {@code FlinkStateSnapshot}
     * referencing the {@code FlinkSessionJob}, into the session cluster's configured savepoint
     * directory, and waits for it (at most {@link DeployOptions#savepointTimeout()}).
     *
     * @throws FlinkJobException when no job runs or the operator reports the savepoint failed (the
     *     job keeps running)
     */
    public SavepointRecord triggerSavepoint() {
        return operations.triggerSavepoint();
    }

    /**
     * Deletes the {@code FlinkSessionJob}; the operator cancels its job. The session cluster, its
     * other jobs and the savepoints taken keep running and are kept.
     */
    public void delete() {
        operations.delete();
    }

    @Override
    public String toString() {
        return "FlinkSessionJobHandle[" + namespace + "/" + name + "]";
    }
}
