package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.Endpoint;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.observe.ClusterObserver;
import io.flinkk8s.sdk.core.deploy.internal.observe.OperatorObserver;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.error.ConcurrentChangeException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * The engine behind one {@code FlinkDeploymentHandle}: every operation on one deployment, each
 * reading what it needs from the cluster (the state record first). An operation that changes the
 * spec (suspend, resume, scale, upgrade) judges the new spec once and applies it.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class DeploymentOperations {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;

    /** Whether these operations' {@code delete} removed the state record: for messages only. */
    private volatile boolean deletedRecord;

    DeploymentOperations(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
    }

    /** The last applied spec, also after a delete that kept the state record. */
    public FlinkDeploymentSpec spec() {
        return stateRecord(true).spec();
    }

    /** Waits until the JobManager and TaskManagers are ready. */
    public void waitUntilReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (OperatorObserver.targets(ctx.states().read(namespace, name))) {
            new OperatorObserver(ctx, namespace, name).untilReady(deadline, timeout);
            return;
        }
        new ClusterObserver(ctx, namespace, name).untilReady(deadline, timeout);
    }

    /** Waits until the pods are ready and an application's job runs. */
    public void waitUntilRunning(Duration timeout) {
        FlinkDeploymentSpec effective = record().effective().spec();
        if (effective.target() == RenderTarget.OPERATOR) {
            new OperatorObserver(ctx, namespace, name).untilRunning(timeout);
            return;
        }
        new ClusterObserver(ctx, namespace, name).untilRunning(timeout, effective.job() != null);
    }

    /** The deployment's status, read now. */
    public DeploymentStatus status() {
        return new ClusterObserver(ctx, namespace, name).status();
    }

    /** Where a person opens the deployment's REST API, from its effective spec and the cluster. */
    public Endpoint endpoint() {
        return new EndpointReader(ctx).read(record().effective().spec());
    }

    /** Applies the last applied spec with the job suspended. */
    public ApplyResult suspend() {
        FlinkDeploymentSpec spec = application("suspend").spec();
        return reconcile(spec.withJob(spec.job().withState(JobState.SUSPENDED)));
    }

    /** Applies the last applied spec with the job running. */
    public ApplyResult resume() {
        FlinkDeploymentSpec spec = application("resume").spec();
        return reconcile(spec.withJob(spec.job().withState(JobState.RUNNING)));
    }

    /** Applies the last applied spec with {@code taskManagers} TaskManagers. */
    public ApplyResult scale(int taskManagers) {
        StateRecord state = record();
        refuseWhenAutoscaled(state.effective(), "scale");
        return scaleTo(state.spec().withTaskManagerReplicas(taskManagers));
    }

    /** Applies the last applied spec with other TaskManagers and job parallelism. */
    public ApplyResult scale(int taskManagers, int parallelism) {
        StateRecord state = application("change the job parallelism of");
        refuseWhenAutoscaled(state.effective(), "scale");
        FlinkDeploymentSpec spec = state.spec();
        return scaleTo(
                spec.withTaskManagerReplicas(taskManagers)
                        .withJob(spec.job().withParallelism(parallelism)));
    }

    /**
     * Applies {@code newSpec}, which must name this deployment.
     *
     * @throws IllegalArgumentException when it names another deployment
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

    /** The applied revisions, newest first. */
    public List<Revision> history() {
        return new RevisionOperations(ctx, namespace, name).history();
    }

    /** Redeploys revision {@code toRevision} from the savepoint recorded when it ended. */
    public ApplyResult rollback(int toRevision) {
        return new RevisionOperations(ctx, namespace, name).rollback(record(), toRevision);
    }

    /**
     * Takes a savepoint of the running job and records it in the savepoint history; on the operator
     * target through a {@code FlinkStateSnapshot} the operator carries out.
     */
    public SavepointRecord triggerSavepoint() {
        StateRecord state = record();
        FlinkDeploymentSpec effective = state.effective().spec();
        JobSummary job =
                effective.target() == RenderTarget.OPERATOR
                        ? operatorJob()
                        : new JobControl(ctx, namespace, name).currentJob().orElse(null);
        if (job == null || job.status() != JobStatus.RUNNING) {
            throw new FlinkJobException(
                    "No job of "
                            + namespace
                            + "/"
                            + name
                            + " is RUNNING, so no savepoint can be taken; see status().",
                    null);
        }
        String directory = effective.checkpointing().savepointDir();
        String path =
                effective.target() == RenderTarget.OPERATOR
                        ? new OperatorSavepoints(ctx, namespace, name).take(directory)
                        : new JobControl(ctx, namespace, name)
                                .triggerSavepoint(job.id(), directory);
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

    /** The job the Flink Kubernetes Operator reports in the {@code FlinkDeployment}'s status. */
    private JobSummary operatorJob() {
        JobInfo job = new ClusterObserver(ctx, namespace, name).status().job();
        return job == null || job.id() == null
                ? null
                : new JobSummary(
                        JobID.fromHexString(job.id()),
                        job.name(),
                        job.state(),
                        ctx.options().clock().instant());
    }

    /** Deletes the deployment's objects, and what else {@code options} says. */
    public void delete(DeleteOptions options) {
        new Deletion(ctx, namespace, name).delete(options);
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
    private void refuseWhenAutoscaled(EffectiveSpec lastApplied, String operation) {
        AutoscalingPolicy a = lastApplied.spec().autoscaling();
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

    /** The state record of an application (a deployment with a job of its own). */
    private StateRecord application(String operation) {
        StateRecord state = record();
        if (state.spec().job() == null) {
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
        return state;
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
}
