package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.JobImpact;
import io.flinkk8s.sdk.core.deploy.JobImpact.Kind;
import io.flinkk8s.sdk.core.deploy.JobImpact.RestoreSource;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.job.RestoreChoice;
import io.flinkk8s.sdk.core.deploy.internal.job.RestoreChoice.Choice;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobStatus;

/**
 * What an apply does to the job ({@link JobImpact}), decided from what the apply itself decides:
 * the transition the reconciler picks on the standalone target, the operator's diff classes on the
 * operator target ({@link OperatorDiff}), and the restore policy ({@link RestoreChoice}) for what a
 * restart starts from. The apply refuses what the impact refuses, before it writes anything.
 */
final class JobImpacts {

    /**
     * What the impact is computed from.
     *
     * @param effective the spec to apply
     * @param state the deployment's state record, if any (a deleted one too)
     * @param plan the objects' plan
     * @param transition what the reconciler does with the job on the standalone target
     * @param flink reads the running job and its checkpoint statistics (only when needed); throws
     *     {@link FlinkJobException} when Flink cannot be read
     * @param now the deployer's clock, to measure ages
     * @param live what the cluster holds of the deployment's objects
     */
    record Input(
            EffectiveSpec effective,
            Optional<StateRecord> state,
            Live live,
            ApplyPlan plan,
            Transition transition,
            Supplier<Optional<JobInfo>> flink,
            Instant now) {

        Optional<StateRecord> active() {
            return state.filter(s -> s.deletedAt() == null);
        }

        /** The spec's restore policy, {@code from} resolved by the upgrade mode when unset. */
        RestorePolicy policy() {
            return resolved(effective);
        }
    }

    private JobImpacts() {}

    /** The restore policy of {@code effective}, {@code from} by the upgrade mode when unset. */
    static RestorePolicy resolved(EffectiveSpec effective) {
        RestorePolicy policy = effective.spec().restore();
        return policy.from() != null || effective.spec().job() == null
                ? policy
                : policy.withFrom(SpecDefaults.restoreFrom(effective.spec().job().upgradeMode()));
    }

    /** The impact; null for a session cluster, which has no job of its own. */
    static JobImpact of(Input in) {
        FlinkDeploymentSpec spec = in.effective().spec();
        if (spec.job() == null) {
            return null;
        }
        if (in.active().isEmpty()) {
            return newJob(in);
        }
        FlinkDeploymentSpec before = in.active().get().effective().spec();
        List<String> reasons = SpecDiff.changed(before, spec);
        if (before.target() != spec.target()
                || before.mode() != spec.mode()
                || before.operator().mode() != spec.operator().mode()) {
            return recreate(in, before, reasons);
        }
        if (spec.target() == RenderTarget.OPERATOR) {
            return OperatorImpacts.of(in, before, reasons);
        }
        return standalone(in, reasons);
    }

    private static JobImpact newJob(Input in) {
        JobStart start = in.plan().jobStart();
        RestoreSource restore;
        if (start == null || start.path() == null) {
            restore = RestoreSource.none("a new job");
        } else if (start.source() == JobStart.Source.STATE_RECORD) {
            restore = RestoreChoice.recordedSavepoint(start.path(), in.state().get(), in.now());
        } else {
            restore =
                    new RestoreSource(
                            RestoreSource.Type.SAVEPOINT,
                            start.path(),
                            null,
                            null,
                            "job.initialSavepointPath");
        }
        return new JobImpact(Kind.NEW_JOB, List.of(), restore, null, null);
    }

    private static JobImpact recreate(Input in, FlinkDeploymentSpec before, List<String> reasons) {
        String refusal = null;
        try {
            Reconciler.checkTargetSwitch(in.effective(), in.active());
            Reconciler.checkOperatorModeSwitch(in.effective(), in.active());
        } catch (UpgradeException e) {
            refusal = e.getMessage();
        }
        String given = in.effective().spec().job().initialSavepointPath();
        String lost =
                "the "
                        + before.target().wireValue()
                        + " "
                        + before.mode().wireValue()
                        + " deployment's objects are replaced, and its running job ends; the new"
                        + " job "
                        + (given == null
                                ? "starts without state"
                                : "starts from job.initialSavepointPath " + given);
        RestoreSource restore =
                given == null
                        ? RestoreSource.none("the deployment is recreated")
                        : new RestoreSource(
                                RestoreSource.Type.SAVEPOINT,
                                given,
                                null,
                                null,
                                "job.initialSavepointPath");
        return new JobImpact(Kind.RECREATE, reasons, restore, lost, refusal);
    }

    private static JobImpact standalone(Input in, List<String> reasons) {
        StateRecord state = in.active().get();
        return switch (in.transition()) {
            case SUSPEND -> new JobImpact(Kind.SUSPEND, reasons, null, suspendLoses(in), null);
            case RESUME -> restart(Kind.RESUME, reasons, resume(in, state));
            case SAVEPOINT_UPGRADE -> restart(Kind.SAVEPOINT_REDEPLOY, reasons, upgrade(in, state));
            case REDEPLOY ->
                    in.effective().spec().job().upgradeMode() == UpgradeMode.LAST_STATE
                            ? restart(Kind.LAST_STATE_REDEPLOY, reasons, lastState(in))
                            : new JobImpact(
                                    Kind.RESTART_STATELESS,
                                    reasons,
                                    RestoreSource.none("upgrade mode stateless"),
                                    null,
                                    null);
            default -> new JobImpact(scales(in.plan(), reasons), reasons, null, null, null);
        };
    }

    private static JobImpact restart(Kind kind, List<String> reasons, Choice choice) {
        return new JobImpact(kind, reasons, choice.source(), null, choice.refusal());
    }

    private static String suspendLoses(Input in) {
        return in.effective().spec().job().upgradeMode() == UpgradeMode.STATELESS
                ? "the job is cancelled without a savepoint (upgrade mode stateless): a resume"
                        + " starts it without state"
                : null;
    }

    /** A resume starts from the savepoint the suspension recorded. */
    static Choice resume(Input in, StateRecord state) {
        RestoreSource recorded =
                RestoreChoice.recordedSavepoint(state.restoreSavepoint(), state, in.now());
        return RestoreChoice.judge(in.policy(), recorded, null, "the resume");
    }

    /**
     * A savepoint upgrade: a running job is stopped with a savepoint and restarts from it; a job
     * that does not run restarts from its latest recorded savepoint (or a newer checkpoint, when
     * the policy allows).
     */
    static Choice upgrade(Input in, StateRecord state) {
        Optional<JobInfo> job;
        try {
            job = in.flink().get();
        } catch (FlinkJobException e) {
            return new Choice(
                    new RestoreSource(
                            RestoreSource.Type.UNKNOWN,
                            null,
                            null,
                            null,
                            "the job could not be read from Flink: "
                                    + e.getMessage()
                                    + " If it runs, the apply stops it with a savepoint first"),
                    null);
        }
        if (job.isPresent() && job.get().state() == JobStatus.RUNNING) {
            return RestoreChoice.newSavepoint(
                    in.policy(), in.effective().spec().checkpointing().savepointDir());
        }
        return withoutRunningJob(in, state, job);
    }

    /** What a job that no longer runs restarts from (the record's latest savepoint, or newer). */
    static Choice withoutRunningJob(Input in, StateRecord state, Optional<JobInfo> job) {
        var latest = state.latestSavepoint();
        String path = latest != null ? latest.path() : state.restoreSavepoint();
        RestoreSource savepoint = RestoreChoice.recordedSavepoint(path, state, in.now());
        RestoreSource checkpoint =
                job.map(j -> RestoreChoice.checkpoint(j.lastCheckpoint(), j.id(), in.now()))
                        .orElse(null);
        return RestoreChoice.judge(in.policy(), savepoint, checkpoint, "the upgrade");
    }

    /** A last-state redeploy: Flink recovers its latest checkpoint (or savepoint) through HA. */
    static Choice lastState(Input in) {
        Optional<JobInfo> job;
        try {
            job = in.flink().get();
        } catch (FlinkJobException e) {
            RestoreSource unknown =
                    new RestoreSource(
                            RestoreSource.Type.UNKNOWN,
                            null,
                            null,
                            null,
                            "Flink recovers the latest checkpoint from its HA data; its checkpoint"
                                    + " statistics could not be read: "
                                    + e.getMessage());
            return new Choice(
                    unknown,
                    in.policy().maxAge() == null
                            ? null
                            : "the restore policy refuses the redeploy: the age of the latest"
                                    + " checkpoint cannot be told (restore.maxAge is set) because"
                                    + " Flink could not be read. Apply again when the JobManager"
                                    + " answers.");
        }
        RestoreSource checkpoint =
                job.map(j -> RestoreChoice.checkpoint(j.lastCheckpoint(), j.id(), in.now()))
                        .orElse(null);
        RestoreSource savepoint =
                job.map(j -> RestoreChoice.checkpoint(j.lastSavepoint(), j.id(), in.now()))
                        .map(
                                c ->
                                        new RestoreSource(
                                                RestoreSource.Type.SAVEPOINT,
                                                c.path(),
                                                c.takenAt(),
                                                c.age(),
                                                c.origin()))
                        .orElse(null);
        return RestoreChoice.judge(in.policy(), savepoint, checkpoint, "the redeploy");
    }

    /** SCALE when the TaskManager count or its autoscaler changes, else NONE. */
    private static Kind scales(ApplyPlan plan, List<String> reasons) {
        for (ResourceChange c : plan.changes(ResourceChange.Action.UPDATE)) {
            if (c.kind().equals(ObjectKind.HORIZONTAL_POD_AUTOSCALER.kind())
                    || c.kind().equals(ObjectKind.DEPLOYMENT.kind())
                            && c.fields().stream()
                                    .anyMatch(f -> f.path().equals("spec.replicas"))) {
                return Kind.SCALE;
            }
        }
        boolean count =
                reasons.stream()
                        .anyMatch(
                                r ->
                                        r.equals("taskManager.replicas")
                                                || r.startsWith("autoscaling"));
        return count ? Kind.SCALE : Kind.NONE;
    }

    /** Whether {@code spec}'s job is suspended. */
    static boolean suspended(FlinkDeploymentSpec spec) {
        return spec.job() != null && spec.job().state() == JobState.SUSPENDED;
    }
}
