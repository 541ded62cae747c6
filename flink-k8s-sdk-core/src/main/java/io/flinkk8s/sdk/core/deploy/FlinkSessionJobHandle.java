package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.deploy.internal.SessionJobOperations;
import io.flinkk8s.sdk.core.deploy.status.SessionJobStatus;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSessionJob;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One session job (a job submitted to a session cluster), to wait on, inspect and drive through the
 * same lifecycle as an application. Cheap to create ({@link FlinkDeployer#sessionJob}), holds no
 * connection, and every method reads what it needs from the cluster, so a handle made by a new
 * deployer (a restarted service) works on a session job another one applied. Thread-safe.
 *
 * <pre>{@code
 * FlinkSessionJobHandle clicks = deployer.apply(sessionJob);
 * clicks.waitUntilRunning(Duration.ofMinutes(2));
 * SavepointRecord sp = clicks.triggerSavepoint();
 * SessionJobResult r = clicks.upgrade(newSessionJob); // savepoint mode: through a savepoint
 * clicks.suspend();                                   // stop with a savepoint
 * clicks.resume();                                    // from that savepoint
 * clicks.delete();                                    // the session cluster keeps running
 * }</pre>
 *
 * <p><b>On a session cluster the SDK deployed with target standalone</b> the deployer submits the
 * job itself through the JobManager's REST API (it reads a {@code file:} jar or downloads an {@code
 * http(s)://} one, uploads it and runs it) and moves it as it moves an application's job: {@link
 * #upgrade} by the new spec's upgrade mode (savepoint: stop with a savepoint and run the new jar
 * from it; if the savepoint fails nothing changes and the old job keeps running; if the new job
 * cannot run, the old spec runs again from the same savepoint), {@link #suspend()} stops it with a
 * savepoint and {@link #resume()} starts it from that savepoint. Its record, the ConfigMap {@code
 * <name>-sdk-session-job} (the spec last applied, the job and jar ids, the savepoint the next start
 * restores, the savepoint history), is what a restarted deployer finds it by; a delete keeps it
 * unless {@link DeleteOptions#stateRecord()} is asked.
 *
 * <p><b>On target operator</b> the Flink Kubernetes Operator carries out every change of the {@code
 * FlinkSessionJob}: {@link #upgrade}, {@link #suspend()} and {@link #resume()} return once the
 * changed resource is applied, so wait with {@link #waitUntilRunning} for the new job. With {@code
 * job.upgradeMode: savepoint} an upgrade stops the job with a savepoint and starts the new one from
 * it, and a suspension takes a savepoint that the resumed job starts from. The SDK keeps no record
 * there: the operator's status is the record.
 */
public final class FlinkSessionJobHandle {

    private final SessionJobOperations operations;
    private final String namespace;
    private final String name;
    private final SessionJobResult lastApply;

    FlinkSessionJobHandle(
            SessionJobOperations operations,
            String namespace,
            String name,
            SessionJobResult lastApply) {
        this.operations = operations;
        this.namespace = namespace;
        this.name = name;
        this.lastApply = lastApply;
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
     * What the apply that returned this handle did; empty for a handle made by {@code sessionJob}.
     */
    public Optional<SessionJobResult> lastApply() {
        return Optional.ofNullable(lastApply);
    }

    /**
     * Waits until the job runs for the spec last applied: on target standalone, the recorded job as
     * the session's JobManager reports it; on target operator, once the operator has reconciled the
     * spec and reports the job running.
     *
     * @throws WaitTimeoutException naming the last observed state when the time runs out
     * @throws FlinkJobException when the job FAILED (or, on target standalone, was cancelled or
     *     finished outside the SDK)
     */
    public void waitUntilRunning(Duration timeout) {
        operations.waitUntilRunning(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * The lifecycle and the job: on target standalone from the record and the session's JobManager
     * ({@code upgradeSavepointPath} is the savepoint the job started from, or the next start
     * restores); on target operator as the operator reports them in the {@code FlinkSessionJob}.
     */
    public SessionJobStatus status() {
        return operations.status();
    }

    /**
     * Moves the session job to {@code newSpec}; the same as {@link
     * FlinkDeployer#apply(FlinkSessionJobSpec)} with a spec of this session job's name and
     * namespace. On target standalone the job is moved by the new spec's upgrade mode before this
     * returns (see the class documentation); on target operator the operator moves it.
     *
     * @return what was done: on target standalone how the job was moved, the savepoint it stopped
     *     at and the new job's id
     * @throws IllegalArgumentException when {@code newSpec} names another session job
     * @throws InvalidSpecException listing every violation, before any write
     * @throws UpgradeException when the job could not be moved; it says whether the old job keeps
     *     running (a failed savepoint: nothing changed) or which spec runs now
     */
    public SessionJobResult upgrade(FlinkSessionJobSpec newSpec) {
        Objects.requireNonNull(newSpec, "newSpec");
        EffectiveSessionJob effective = EffectiveSessionJob.of(newSpec);
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
        return operations.apply(effective);
    }

    /**
     * Suspends the job: stopped with a savepoint (cancelled with upgrade mode stateless), which the
     * resumed job starts from. On target operator, sets {@code job.state: suspended} and the
     * operator does it.
     *
     * @throws FlinkK8sException when there is no such session job
     * @throws UpgradeException on target standalone when the savepoint fails: the job keeps running
     */
    public SessionJobResult suspend() {
        return operations.suspend();
    }

    /**
     * Starts a suspended job again, from the savepoint its suspension took. On target operator,
     * sets {@code job.state: running} and the operator does it.
     *
     * @throws FlinkK8sException when there is no such session job
     */
    public SessionJobResult resume() {
        return operations.resume();
    }

    /**
     * Takes a savepoint while the job keeps running, into the session cluster's configured
     * savepoint directory (or the job's own {@code execution.checkpointing.savepoint-dir}), and
     * waits for it (at most {@link DeployOptions#savepointTimeout()}). On target standalone it is
     * added to the record's savepoint history; on target operator it is a {@code
     * FlinkStateSnapshot} referencing the {@code FlinkSessionJob}.
     *
     * @throws FlinkJobException when no job runs or the savepoint fails (the job keeps running)
     */
    public SavepointRecord triggerSavepoint() {
        return operations.triggerSavepoint();
    }

    /**
     * Deletes the session job and keeps its state: {@code delete(DeleteOptions.keepState())}. The
     * session cluster and its other jobs keep running.
     */
    public void delete() {
        delete(DeleteOptions.keepState());
    }

    /**
     * Deletes the session job: its job is cancelled, or first stopped with a savepoint with {@link
     * DeleteOptions#withSavepointFirst()} (if that savepoint fails nothing is deleted). On target
     * standalone the record is kept with its savepoint history unless {@link
     * DeleteOptions#stateRecord()}, and the next apply of the spec starts the job from the
     * savepoint the delete took, or a suspended job's, as for an application; a delete without a
     * savepoint leaves none to start from. On target operator the {@code FlinkSessionJob} is
     * deleted and the operator cancels the job; savepoints taken are kept. Volumes and HA data are
     * the session cluster's: {@link DeleteOptions#persistentVolumeClaims()} and {@link
     * DeleteOptions#highAvailabilityData()} do not apply. The session cluster keeps running.
     *
     * @throws UpgradeException with a savepoint first, when it fails: nothing was deleted
     */
    public void delete(DeleteOptions options) {
        operations.delete(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String toString() {
        return "FlinkSessionJobHandle[" + namespace + "/" + name + "]";
    }
}
