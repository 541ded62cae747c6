package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.core.deploy.JobImpact;
import io.flinkk8s.sdk.core.deploy.JobImpact.Kind;
import io.flinkk8s.sdk.core.deploy.JobImpact.RestoreSource;
import io.flinkk8s.sdk.core.deploy.internal.OperatorDiff.DiffType;
import io.flinkk8s.sdk.core.deploy.internal.job.RestoreChoice;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.operator.crd.status.JobStatus;
import io.flinkk8s.sdk.core.operator.crd.status.Savepoint;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The job's impact on the operator target, where the Flink Kubernetes Operator moves the job:
 * suspend and resume by {@code job.state}, otherwise the operator's diff class of the
 * FlinkDeployment change ({@link OperatorDiff}) and the upgrade mode, and what the operator
 * restores: the savepoint it takes (savepoint mode), the latest checkpoint through HA (last-state),
 * the savepoint its status recorded at the suspension (resume).
 */
final class OperatorImpacts {

    private OperatorImpacts() {}

    static JobImpact of(JobImpacts.Input in, FlinkDeploymentSpec before, List<String> reasons) {
        FlinkDeploymentSpec spec = in.effective().spec();
        boolean wasSuspended = JobImpacts.suspended(before);
        boolean suspended = JobImpacts.suspended(spec);
        UpgradeMode mode = spec.job().upgradeMode();
        if (!wasSuspended && suspended) {
            return new JobImpact(Kind.SUSPEND, reasons, null, null, null);
        }
        if (wasSuspended) {
            return suspended
                    ? new JobImpact(Kind.NONE, reasons, null, null, null)
                    : resume(in, mode, reasons);
        }
        boolean standalone = spec.operator().mode() == OperatorMode.STANDALONE;
        DiffType diff = OperatorDiff.classify(in.plan(), standalone);
        return switch (diff) {
            case IGNORE -> new JobImpact(Kind.NONE, reasons, null, null, null);
            case SCALE -> new JobImpact(Kind.SCALE, reasons, null, null, null);
            case SAVEPOINT_REDEPLOY ->
                    new JobImpact(
                            Kind.SAVEPOINT_REDEPLOY, reasons, initialSavepoint(spec), null, null);
            case UPGRADE -> upgrade(spec, mode, reasons);
        };
    }

    private static JobImpact upgrade(
            FlinkDeploymentSpec spec, UpgradeMode mode, List<String> reasons) {
        return switch (mode) {
            case STATELESS ->
                    new JobImpact(
                            Kind.RESTART_STATELESS,
                            reasons,
                            RestoreSource.none("upgrade mode stateless"),
                            null,
                            null);
            case SAVEPOINT ->
                    new JobImpact(
                            Kind.SAVEPOINT_REDEPLOY,
                            reasons,
                            new RestoreSource(
                                    RestoreSource.Type.NEW_SAVEPOINT,
                                    spec.checkpointing().savepointDir(),
                                    null,
                                    Duration.ZERO,
                                    "the Flink Kubernetes Operator stops the job with it"),
                            null,
                            null);
            case LAST_STATE ->
                    new JobImpact(
                            Kind.LAST_STATE_REDEPLOY,
                            reasons,
                            new RestoreSource(
                                    RestoreSource.Type.CHECKPOINT,
                                    null,
                                    null,
                                    null,
                                    "the Flink Kubernetes Operator recovers it through HA"
                                            + " metadata"),
                            null,
                            null);
        };
    }

    /** {@code job.savepointRedeployNonce}: the operator redeploys from the initial savepoint. */
    private static RestoreSource initialSavepoint(FlinkDeploymentSpec spec) {
        String given = spec.job().initialSavepointPath();
        return given == null
                ? RestoreSource.none("job.savepointRedeployNonce without job.initialSavepointPath")
                : new RestoreSource(
                        RestoreSource.Type.SAVEPOINT,
                        given,
                        null,
                        null,
                        "job.initialSavepointPath");
    }

    private static FlinkDeployment liveDeployment(JobImpacts.Input in) {
        HasMetadata o =
                in.live()
                        .objects()
                        .get(
                                new ResourceKey(
                                        ObjectKind.FLINK_DEPLOYMENT_KIND, in.effective().name()));
        if (o == null || o instanceof FlinkDeployment) {
            return (FlinkDeployment) o;
        }
        return Serialization.unmarshal(Serialization.asJson(o), FlinkDeployment.class);
    }

    /**
     * The resume, judged by the restore policy: a savepoint older than {@code restore.maxAge} is
     * refused before anything is written. The operator resumes from the state it kept and cannot be
     * told to drop it, so {@code whenTooOld: start-without-state} is refused too, saying how to
     * start without state.
     */
    private static JobImpact resume(JobImpacts.Input in, UpgradeMode mode, List<String> reasons) {
        RestoreSource from = resumesFrom(in, mode);
        if (from.type() != RestoreSource.Type.SAVEPOINT || in.policy().maxAge() == null) {
            return new JobImpact(Kind.RESUME, reasons, from, null, null);
        }
        RestoreChoice.Choice choice = RestoreChoice.judge(in.policy(), from, null, "the resume");
        if (choice.refused()) {
            return new JobImpact(Kind.RESUME, reasons, from, null, choice.refusal());
        }
        if (choice.source().type() == RestoreSource.Type.NONE) {
            return new JobImpact(
                    Kind.RESUME,
                    reasons,
                    from,
                    null,
                    "the resume would start from savepoint "
                            + from.path()
                            + ", older than restore.maxAge, and on the operator target the Flink"
                            + " Kubernetes Operator resumes from the state it kept: it cannot start"
                            + " without it (whenTooOld: start-without-state). Apply with"
                            + " job.upgradeMode stateless to start without state.");
        }
        return new JobImpact(Kind.RESUME, reasons, choice.source(), null, null);
    }

    /** What the operator resumes from: the savepoint its status recorded when it suspended. */
    private static RestoreSource resumesFrom(JobImpacts.Input in, UpgradeMode mode) {
        if (mode == UpgradeMode.STATELESS) {
            return RestoreSource.none("upgrade mode stateless");
        }
        FlinkDeployment live = liveDeployment(in);
        JobStatus job =
                live == null || live.getStatus() == null ? null : live.getStatus().jobStatus();
        String path = job == null ? null : job.upgradeSavepointPath();
        if (path == null) {
            return new RestoreSource(
                    RestoreSource.Type.UNKNOWN,
                    null,
                    null,
                    null,
                    "the Flink Kubernetes Operator restores the state it kept at the suspension");
        }
        Savepoint last = job.savepointInfo() == null ? null : job.savepointInfo().lastSavepoint();
        Instant at =
                last != null && path.equals(last.location()) && last.timeStamp() != null
                        ? Instant.ofEpochMilli(last.timeStamp())
                        : null;
        return new RestoreSource(
                RestoreSource.Type.SAVEPOINT,
                path,
                at,
                at == null ? null : Duration.between(at, in.now()),
                "the FlinkDeployment's status.jobStatus.upgradeSavepointPath");
    }
}
