package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.deploy.internal.DeploymentOperations;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.KindNotServedException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment in the cluster, to wait on, inspect and drive through its lifecycle. Cheap to
 * create ({@link FlinkDeployer#handle}), holds no connection, and every method reads what it needs
 * from the cluster (the SDK state record included), so a handle made in a new JVM works on a
 * deployment another JVM applied. Thread-safe.
 *
 * <pre>{@code
 * FlinkDeploymentHandle orders = deployer.apply(spec);
 * orders.waitUntilRunning(Duration.ofMinutes(5));   // "... 2/3 TaskManagers ready" ...
 * orders.scale(5);                                 // TaskManagers
 * orders.scale(6, 12);                             // and the job's parallelism, by upgrade mode
 * SavepointRecord sp = orders.triggerSavepoint();
 * orders.suspend();                                 // stop-with-savepoint, scale to zero
 * orders.resume();                                  // from that savepoint
 * DeploymentStatus status = orders.status();        // lifecycle RUNNING, job, pods, savepoints
 * orders.delete();                                  // keeps PVCs, HA data and the state record
 * }</pre>
 *
 * <p>For a spec with {@code target: operator} the Flink Kubernetes Operator runs the job: the waits
 * and {@link #status()} read the {@code FlinkDeployment}'s {@code .status} ({@code lifecycleState},
 * {@code jobManagerDeploymentStatus}, {@code jobStatus}), and {@link #suspend()}, {@link
 * #resume()}, {@link #scale} and {@link #upgrade} apply the changed resource, which the operator
 * carries out by the job's upgrade mode.
 *
 * <p>While the spec's autoscaling policy owns the number of TaskManagers (an HPA with {@code
 * hpa-reactive} or {@code operator-hpa}, the operator's autoscaler with {@code
 * operator-autoscaler}), {@link #scale} refuses, before any write, and says which bounds to change.
 */
public final class FlinkDeploymentHandle {

    private final DeploymentOperations operations;
    private final String namespace;
    private final String name;
    private final ApplyResult lastApply;

    FlinkDeploymentHandle(
            DeploymentOperations operations, String namespace, String name, ApplyResult lastApply) {
        this.operations = operations;
        this.namespace = namespace;
        this.name = name;
        this.lastApply = lastApply;
    }

    /** The deployment's namespace. */
    public String namespace() {
        return namespace;
    }

    /** The deployment's name. */
    public String name() {
        return name;
    }

    /** What the apply that returned this handle did; empty for a handle made by {@code handle}. */
    public Optional<ApplyResult> lastApply() {
        return Optional.ofNullable(lastApply);
    }

    /**
     * The spec last applied to the cluster, from the state record (with a suspended job's state
     * when it was suspended). After a {@link #delete()} that kept the state record (the default),
     * the spec applied before the deletion, ready to be applied again.
     *
     * @throws FlinkK8sException when there is no state record: no spec was applied under this name,
     *     or a delete removed the record too ({@link DeleteOptions#everything()}), which the
     *     message says when this handle did it
     */
    public FlinkDeploymentSpec spec() {
        return operations.spec();
    }

    /**
     * Waits until the JobManager and TaskManager Deployments are rolled out and every replica is
     * ready, reporting each change ({@code JobManager 1/1 ready, 2/3 TaskManagers ready}) to the
     * progress listener and the log.
     *
     * @throws WaitTimeoutException naming the last observed state when the time runs out
     */
    public void waitUntilReady(Duration timeout) {
        operations.waitUntilReady(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Waits until the pods are ready and, for an application, its job is RUNNING as the
     * JobManager's REST API reports it (a session cluster: until its REST API answers).
     *
     * @throws WaitTimeoutException naming the last observed state when the time runs out
     * @throws FlinkJobException when the job FAILED
     */
    public void waitUntilRunning(Duration timeout) {
        operations.waitUntilRunning(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Kubernetes and Flink in one record: the lifecycle, ready pods, restarts, the recent Warning
     * Events about the deployment's workloads, the job with its latest checkpoint and savepoint,
     * the upgrade step in progress and the savepoint history. Costs a LIST each of the deployment's
     * Deployments and pods and of the namespace's Warning Events (core/v1, field selector {@code
     * type=Warning}), and two Flink REST requests ({@code /jobs/overview}, {@code
     * /jobs/:jobid/checkpoints}) when a JobManager is ready. A client that may not list Events gets
     * a status without them. When the API server cannot be read (after the retry policy) it does
     * not throw: the status has lifecycle and verdict UNKNOWN, the cause in its message and in its
     * conditions (reason {@code ApiServerUnavailable}); never FAILED.
     *
     * @throws KindNotServedException when the cluster does not serve the operator's kind the
     *     deployment was applied as (the operator's CRDs were removed)
     */
    public DeploymentStatus status() {
        return operations.status();
    }

    /**
     * Where a person opens the Flink web UI and REST API, as the last applied spec exposes it: the
     * Ingress ({@code https} when a TLS entry covers its host), else the REST Service's load
     * balancer address, its node port (the node address is the caller's to pick) or, for a {@code
     * ClusterIP} Service, the port-forward to run. Reads the REST Service or the Ingress once when
     * the address is the cluster's to report; a URL that cannot be known yet is null, and {@link
     * Endpoint#hint()} says why and what to do.
     *
     * @throws FlinkK8sException when no spec was applied under this name
     */
    public Endpoint endpoint() {
        return operations.endpoint();
    }

    /**
     * Stops the job with a savepoint (STATELESS jobs: cancels it), records the savepoint and scales
     * the JobManager and TaskManagers to zero, keeping the configuration.
     *
     * @throws UpgradeException when the savepoint fails: nothing changed, the job keeps running
     */
    public ApplyResult suspend() {
        return operations.suspend();
    }

    /** Starts a suspended job again, from the savepoint its suspension recorded. */
    public ApplyResult resume() {
        return operations.resume();
    }

    /**
     * Sets the number of TaskManagers. When the spec sets {@code job.parallelism}, only the
     * TaskManager Deployment's replicas change and the job keeps running. When it does not, the
     * job's parallelism follows {@code replicas × taskSlots}, so the Flink configuration changes
     * with it and the job is moved to the new parallelism by its upgrade mode, as {@link
     * #scale(int, int)} describes. It ends the count kept since autoscaling was turned off (see
     * {@link FlinkDeployer#apply}), even when {@code taskManagers} equals the spec's.
     *
     * @throws InvalidSpecException when the job's parallelism no longer fits the slots
     * @throws FlinkK8sException when the spec's autoscaling policy owns the number of TaskManagers
     *     (an HPA, or the operator's autoscaler): the message says which, and that its bounds are
     *     what to change; nothing is written
     */
    public ApplyResult scale(int taskManagers) {
        return operations.scale(taskManagers);
    }

    /**
     * Sets the number of TaskManagers and the parallelism of an application's job. A new
     * parallelism is a new Flink configuration ({@code parallelism.default}), hence new pods, so a
     * running job is moved by its upgrade mode:
     *
     * <ul>
     *   <li>SAVEPOINT: stop-with-savepoint, then the JobManager and TaskManagers are redeployed and
     *       the job restarts from that savepoint with the new parallelism (Flink redistributes its
     *       keyed state, up to the job's max parallelism). If the savepoint fails nothing changes
     *       and the job keeps running; if the new job does not run it is rolled back (see {@link
     *       DeployOptions#rollbackOnFailure()}). {@link ApplyResult.Transition#SAVEPOINT_UPGRADE}.
     *   <li>LAST_STATE: redeployed; the job restarts from its latest checkpoint through Kubernetes
     *       HA. {@link ApplyResult.Transition#REDEPLOY}.
     *   <li>STATELESS: redeployed; the job restarts with empty state. {@link
     *       ApplyResult.Transition#REDEPLOY}.
     * </ul>
     *
     * With the parallelism unchanged this is {@link #scale(int)}. A suspended job keeps its
     * suspension; the new values apply when it is resumed. The parallelism must fit {@code
     * taskManagers × taskSlots} unless autoscaling is on.
     *
     * @throws InvalidSpecException when the values do not validate, before any request
     * @throws FlinkK8sException for a session cluster, whose jobs each set their own parallelism;
     *     and when the spec's autoscaling policy owns the number of TaskManagers (an HPA, or the
     *     operator's autoscaler): the message says which, and that its bounds are what to change;
     *     nothing is written
     * @throws UpgradeException when the job could not be moved; it says whether the old job runs
     */
    public ApplyResult scale(int taskManagers, int parallelism) {
        return operations.scale(taskManagers, parallelism);
    }

    /**
     * Moves the deployment to {@code newSpec} by its upgrade mode; the same as {@link
     * FlinkDeployer#apply} with a spec of this deployment's name and namespace.
     *
     * @throws IllegalArgumentException when {@code newSpec} names another deployment
     * @throws UpgradeException when the job could not be moved; it says whether the old job runs
     */
    public ApplyResult upgrade(FlinkDeploymentSpec newSpec) {
        return operations.upgrade(Objects.requireNonNull(newSpec, "newSpec"));
    }

    /**
     * Takes a savepoint while the job keeps running and adds it to the savepoint history in the
     * state record.
     *
     * @throws FlinkJobException when no job runs or the savepoint fails
     */
    public SavepointRecord triggerSavepoint() {
        return operations.triggerSavepoint();
    }

    /**
     * The deployment's applied revisions, newest first, as the state record in the cluster keeps
     * them (so a new deployer, in another JVM, reads the same): each applied spec, its image, when
     * and by which field manager, what its job started from and how it ended (superseded with the
     * savepoint taken then, failed with its cause, rolled back, deleted). An apply that changes the
     * spec adds one; a re-apply of the same spec adds none. At most {@link
     * DeployOptions#revisionHistoryLimit()} are kept, the oldest dropped first; a {@link #delete()}
     * keeps them with the state record ({@link DeleteOptions#everything()} removes them). Costs one
     * GET.
     *
     * @return an immutable list; empty when nothing was applied under this name
     */
    public List<Revision> history() {
        return operations.history();
    }

    /**
     * Redeploys revision {@code toRevision}'s spec from the savepoint recorded when it ended (the
     * one its successor started from, or the one taken to suspend or delete it), honouring that
     * spec's restore policy: a savepoint older than {@code restore.maxAge} refuses the rollback, or
     * starts the job without state when {@code restore.whenTooOld} allows it. It runs as a
     * savepoint upgrade: the running job is stopped with a savepoint first (kept in the savepoint
     * history); if that fails nothing changes and the old job keeps running; if the rolled-back
     * version does not become ready, the previous version is started again from that new savepoint
     * (see {@link DeployOptions#rollbackOnFailure()}). Without a running job the spec is applied
     * from the recorded savepoint at once. The result is a new revision marked as a rollback of
     * {@code toRevision}.
     *
     * <p>On the operator target the rollback is the Flink Kubernetes Operator's documented redeploy
     * from a chosen savepoint: the SDK first takes a savepoint of the running job through a {@code
     * FlinkStateSnapshot} (kept in the savepoint history and recorded as where the current revision
     * ended; if it fails nothing else is written and the job keeps running), then applies the
     * revision's spec with {@code job.initialSavepointPath} set to the recorded savepoint and
     * {@code job.savepointRedeployNonce} set to the new revision's number. The operator cancels the
     * running job (a savepoint redeploy takes no savepoint of its own) and starts the spec from
     * that savepoint; this returns once the {@code FlinkDeployment} is written ({@link
     * ApplyResult.Transition#NONE}, as for every operator-target apply), so wait with {@link
     * #waitUntilRunning}. The operator does not roll a savepoint redeploy back automatically. A
     * revision an operator savepoint upgrade replaced ended with the savepoint that upgrade took,
     * which the SDK reads from the operator's status ({@code jobStatus.upgradeSavepointPath}) once
     * the upgrade finished and the job runs, at the next apply or at the rollback; a revision
     * replaced while that could not be read has no recorded savepoint. A rollback to a revision of
     * the other target is refused.
     *
     * @throws IllegalArgumentException when no such revision is kept, when it is the current one,
     *     or when it has no recorded savepoint; the message names the revisions there are. Nothing
     *     is written
     * @throws UpgradeException when the restore policy refuses the savepoint, an operation is in
     *     progress, or the rollback failed; it says whether the old job runs
     * @throws FlinkK8sException when the deployment is not applied (or was deleted)
     */
    public ApplyResult rollback(int toRevision) {
        return operations.rollback(toRevision);
    }

    /** Deletes the deployment's objects; keeps PVCs, Flink's HA data and the state record. */
    public void delete() {
        delete(DeleteOptions.keepState());
    }

    /**
     * Deletes the deployment's objects, and what else {@code options} says; see {@link
     * DeleteOptions} for what a later apply of the spec starts the job from.
     *
     * @throws ApplyException naming an object the API server would not delete
     * @throws UpgradeException with {@link DeleteOptions#withSavepointFirst()}, when the savepoint
     *     fails or another deployer holds the upgrade Lease: nothing was deleted
     */
    public void delete(DeleteOptions options) {
        operations.delete(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String toString() {
        return "FlinkDeploymentHandle[" + namespace + "/" + name + "]";
    }
}
