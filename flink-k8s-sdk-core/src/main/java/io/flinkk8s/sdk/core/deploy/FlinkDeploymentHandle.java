package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.ConcurrentChangeException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;

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

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;
    private final ApplyResult lastApply;

    /** Whether this handle's {@code delete} removed the state record: for the message only. */
    private volatile boolean deletedRecord;

    FlinkDeploymentHandle(
            DeployerContext ctx, String namespace, String name, ApplyResult lastApply) {
        this.ctx = ctx;
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
        return stateRecord(true).spec();
    }

    /**
     * Waits until the JobManager and TaskManager Deployments are rolled out and every replica is
     * ready, reporting each change ({@code JobManager 1/1 ready, 2/3 TaskManagers ready}) to the
     * progress listener and the log.
     *
     * @throws WaitTimeoutException naming the last observed state when the time runs out
     */
    public void waitUntilReady(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        if (OperatorObserver.targets(ctx.states().read(namespace, name))) {
            new OperatorObserver(ctx, namespace, name).untilReady(deadline, timeout);
            return;
        }
        new ClusterObserver(ctx, namespace, name).untilReady(deadline, timeout);
    }

    /**
     * Waits until the pods are ready and, for an application, its job is RUNNING as the
     * JobManager's REST API reports it (a session cluster: until its REST API answers).
     *
     * @throws WaitTimeoutException naming the last observed state when the time runs out
     * @throws FlinkJobException when the job FAILED
     */
    public void waitUntilRunning(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        FlinkDeploymentSpec effective = record().effective().spec();
        if (effective.target() == RenderTarget.OPERATOR) {
            new OperatorObserver(ctx, namespace, name).untilRunning(timeout);
            return;
        }
        new ClusterObserver(ctx, namespace, name).untilRunning(timeout, effective.job() != null);
    }

    /**
     * Kubernetes and Flink in one record: the lifecycle, ready pods, restarts, the recent Warning
     * Events about the deployment's workloads, the job with its latest checkpoint and savepoint,
     * the upgrade step in progress and the savepoint history. Costs a LIST each of the deployment's
     * Deployments and pods and of the namespace's Warning Events (core/v1, field selector {@code
     * type=Warning}), and two Flink REST requests ({@code /jobs/overview}, {@code
     * /jobs/:jobid/checkpoints}) when a JobManager is ready. A client that may not list Events gets
     * a status without them.
     */
    public DeploymentStatus status() {
        return new ClusterObserver(ctx, namespace, name).status();
    }

    /**
     * Stops the job with a savepoint (STATELESS jobs: cancels it), records the savepoint and scales
     * the JobManager and TaskManagers to zero, keeping the configuration.
     *
     * @throws UpgradeException when the savepoint fails: nothing changed, the job keeps running
     */
    public ApplyResult suspend() {
        FlinkDeploymentSpec spec = application("suspend");
        return reconcile(spec.withJob(spec.job().withState(JobState.SUSPENDED)));
    }

    /** Starts a suspended job again, from the savepoint its suspension recorded. */
    public ApplyResult resume() {
        FlinkDeploymentSpec spec = application("resume");
        return reconcile(spec.withJob(spec.job().withState(JobState.RUNNING)));
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
        FlinkDeploymentSpec spec = record().spec();
        refuseWhenAutoscaled(spec, "scale");
        return scaleTo(spec.withTaskManagerReplicas(taskManagers));
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
        FlinkDeploymentSpec spec = application("change the job parallelism of");
        refuseWhenAutoscaled(spec, "scale");
        return scaleTo(
                spec.withTaskManagerReplicas(taskManagers)
                        .withJob(spec.job().withParallelism(parallelism)));
    }

    /**
     * Moves the deployment to {@code newSpec} by its upgrade mode; the same as {@link
     * FlinkDeployer#apply} with a spec of this deployment's name and namespace.
     *
     * @throws IllegalArgumentException when {@code newSpec} names another deployment
     * @throws UpgradeException when the job could not be moved; it says whether the old job runs
     */
    public ApplyResult upgrade(FlinkDeploymentSpec newSpec) {
        EffectiveSpec effective = EffectiveSpec.of(newSpec);
        if (!effective.name().equals(name) || !effective.namespace().equals(namespace)) {
            throw new IllegalArgumentException(
                    "upgrade of "
                            + namespace
                            + "/"
                            + name
                            + " got a spec for "
                            + effective.namespace()
                            + "/"
                            + effective.name()
                            + "; use FlinkDeployer.apply for another deployment");
        }
        return new Reconciler(ctx).apply(effective);
    }

    /**
     * Takes a savepoint while the job keeps running and adds it to the savepoint history in the
     * state record.
     *
     * @throws FlinkJobException when no job runs or the savepoint fails
     */
    public SavepointRecord triggerSavepoint() {
        StateRecord state = record();
        FlinkDeploymentSpec effective = state.effective().spec();
        JobControl jobs = new JobControl(ctx, namespace, name);
        JobSummary job =
                jobs.currentJob()
                        .filter(j -> j.status() == JobStatus.RUNNING)
                        .orElseThrow(
                                () ->
                                        new FlinkJobException(
                                                "No job of "
                                                        + namespace
                                                        + "/"
                                                        + name
                                                        + " is RUNNING, so no"
                                                        + " savepoint can be taken; see status().",
                                                null));
        String path = jobs.triggerSavepoint(job.id(), effective.checkpointing().savepointDir());
        SavepointRecord savepoint =
                new SavepointRecord(
                        path,
                        job.id().toHexString(),
                        ctx.options().clock().instant(),
                        SavepointRecord.Reason.MANUAL);
        ctx.progress().report(namespace, name, "savepoint", "savepoint taken: " + path);
        for (int attempt = 1; ; attempt++) {
            try {
                ctx.states().write(namespace, state.withSavepoint(savepoint));
                return savepoint;
            } catch (ConcurrentChangeException e) {
                if (attempt == 3) {
                    throw e;
                }
                state = record();
            }
        }
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
        new Deletion(ctx, namespace, name).delete(Objects.requireNonNull(options, "options"));
        deletedRecord = options.stateRecord();
    }

    private ApplyResult reconcile(FlinkDeploymentSpec spec) {
        return new Reconciler(ctx).apply(EffectiveSpec.of(spec));
    }

    /** Applies a count the caller asked for, which ends one held since autoscaling was off. */
    private ApplyResult scaleTo(FlinkDeploymentSpec spec) {
        return new Reconciler(ctx).apply(EffectiveSpec.of(spec), true);
    }

    /**
     * Refuses a manual scaling of a spec whose autoscaling policy owns the TaskManager count: it
     * would only move {@code taskManager.replicas}, the default of {@code minTaskManagers}, while
     * the autoscaler keeps choosing the count.
     */
    private void refuseWhenAutoscaled(FlinkDeploymentSpec spec, String operation) {
        AutoscalingPolicy a = EffectiveSpec.ofApplied(spec).spec().autoscaling();
        if (!a.isEnabled()) {
            return;
        }
        String owner =
                switch (a.strategy()) {
                    case HPA_REACTIVE ->
                            "the HorizontalPodAutoscaler "
                                    + ResourceNames.of(name).taskManagerAutoscaler()
                                    + " (autoscaling.strategy hpa-reactive) owns the TaskManager"
                                    + " Deployment's replicas";
                    case OPERATOR_HPA ->
                            "the HorizontalPodAutoscaler "
                                    + ResourceNames.of(name).taskManagerAutoscaler()
                                    + " (autoscaling.strategy operator-hpa) owns the"
                                    + " FlinkDeployment's taskManager.replicas";
                    case OPERATOR_AUTOSCALER ->
                            "the Flink Kubernetes Operator's autoscaler (autoscaling.strategy"
                                    + " operator-autoscaler) owns the job's parallelism and so the"
                                    + " number of TaskManagers";
                };
        String bounds =
                a.strategy().usesHpa()
                        ? "autoscaling.minTaskManagers and autoscaling.maxTaskManagers (now "
                                + a.minTaskManagers()
                                + " and "
                                + a.maxTaskManagers()
                                + ")"
                        : "autoscaling.minParallelism and autoscaling.maxParallelism (now "
                                + a.minParallelism()
                                + " and "
                                + a.maxParallelism()
                                + ")";
        throw new FlinkK8sException(
                "Cannot "
                        + operation
                        + " "
                        + namespace
                        + "/"
                        + name
                        + " by hand: "
                        + owner
                        + ". Nothing was changed. To change the range it scales in, apply the"
                        + " spec with other "
                        + bounds
                        + "; to scale by hand, apply it with autoscaling turned off.");
    }

    private FlinkDeploymentSpec application(String operation) {
        FlinkDeploymentSpec spec = record().spec();
        if (spec.job() == null) {
            throw new FlinkK8sException(
                    "Cannot "
                            + operation
                            + " "
                            + namespace
                            + "/"
                            + name
                            + ": it is a session"
                            + " cluster without a job of its own.");
        }
        return spec;
    }

    /** The state record of a deployment that is not deleted. */
    private StateRecord record() {
        return stateRecord(false);
    }

    /**
     * The state record; one that {@code delete} kept counts only when {@code deletedToo}.
     *
     * @throws FlinkK8sException saying whether the deployment was deleted, and what to do
     */
    private StateRecord stateRecord(boolean deletedToo) {
        Optional<StateRecord> state = ctx.states().read(namespace, name);
        if (state.isPresent() && (deletedToo || state.get().deletedAt() == null)) {
            return state.get();
        }
        String where = namespace + "/" + name;
        String record = namespace + "/" + ResourceNames.of(name).sdkState();
        if (state.isPresent()) {
            throw new FlinkK8sException(
                    where
                            + " was deleted at "
                            + state.get().deletedAt()
                            + "; its state record and savepoint history are kept. Apply its spec"
                            + " again (handle.spec() returns the last one) first.");
        }
        throw new FlinkK8sException(
                deletedRecord
                        ? where
                                + " and its state record "
                                + record
                                + " were deleted by this handle (DeleteOptions with stateRecord),"
                                + " and its last applied spec and savepoint history with them."
                                + " Apply a spec to deploy it anew."
                        : "No deployment "
                                + where
                                + " is known to this SDK: there is no state record "
                                + record
                                + ", so it was never applied or was deleted together with its"
                                + " record. Apply its spec first.");
    }

    @Override
    public String toString() {
        return "FlinkDeploymentHandle[" + namespace + "/" + name + "]";
    }
}
