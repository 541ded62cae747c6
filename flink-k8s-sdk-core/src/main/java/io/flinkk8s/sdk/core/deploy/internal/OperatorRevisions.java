package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.deploy.status.Revision.Ending;
import io.flinkk8s.sdk.core.deploy.status.Revision.Start;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.operator.crd.status.FlinkDeploymentStatus;
import io.flinkk8s.sdk.core.operator.crd.status.JobStatus;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the revision history learns from the Flink Kubernetes Operator's status on the operator
 * target. A savepoint upgrade there is the operator's: the SDK writes the revision as started
 * {@link Start.Kind#BY_OPERATOR} without a path. Once the operator has finished that upgrade (its
 * reconciliation state DEPLOYED, the job RUNNING), its {@code
 * status.jobStatus.upgradeSavepointPath} is the savepoint it stopped the previous job with and
 * started the current one from: the current revision started from it, and the revision before it
 * ended with it, which is what a rollback to that revision starts from.
 */
final class OperatorRevisions {

    /**
     * The operator's {@code AbstractJobReconciler.LAST_STATE_DUMMY_SP_PATH}: a last-state marker,
     * not a savepoint.
     */
    static final String LAST_STATE_MARKER = "KUBERNETES_OPERATOR_LAST_STATE";

    private OperatorRevisions() {}

    /** The live {@code FlinkDeployment} {@code name} among the listed objects; null when absent. */
    static FlinkDeployment liveDeployment(Live live, String name) {
        HasMetadata o = live.objects().get(new ResourceKey(ObjectKind.FLINK_DEPLOYMENT_KIND, name));
        if (o == null || o instanceof FlinkDeployment) {
            return (FlinkDeployment) o;
        }
        return Serialization.unmarshal(Serialization.asJson(o), FlinkDeployment.class);
    }

    /**
     * {@code state} with the savepoint the operator's finished savepoint upgrade started the
     * current revision from: the current revision's start, and the end of the revision it replaced.
     * As it was when the current revision's start is known already, its spec's upgrade mode is not
     * SAVEPOINT, or the status does not (yet) say it.
     *
     * @param live may be null: the live {@code FlinkDeployment}
     */
    static StateRecord learned(StateRecord state, FlinkDeployment live) {
        List<Revision> revisions = new ArrayList<>(state.revisions());
        if (revisions.isEmpty() || live == null) {
            return state;
        }
        int last = revisions.size() - 1;
        Revision current = revisions.get(last);
        String path = finishedUpgradeSavepoint(live.getStatus());
        if (!current.current()
                || current.startedFrom().kind() != Start.Kind.BY_OPERATOR
                || current.startedFrom().path() != null
                || upgradeMode(current) != UpgradeMode.SAVEPOINT
                || path == null) {
            return state;
        }
        revisions.set(last, withStart(current, new Start(Start.Kind.SAVEPOINT, path)));
        if (last > 0) {
            Revision before = revisions.get(last - 1);
            Ending end = before.ending();
            if (end != null
                    && end.savepoint() == null
                    && Integer.valueOf(current.number()).equals(end.byRevision())) {
                revisions.set(
                        last - 1,
                        before.endedAs(
                                new Ending(
                                        end.kind(),
                                        end.at(),
                                        end.byRevision(),
                                        path,
                                        end.cause())));
            }
        }
        return state.withRevisions(revisions);
    }

    /** The status's upgrade savepoint once the upgrade finished and the job runs; else null. */
    private static String finishedUpgradeSavepoint(FlinkDeploymentStatus status) {
        if (status == null
                || status.reconciliationStatus() == null
                || !"DEPLOYED".equals(status.reconciliationStatus().state())) {
            return null;
        }
        JobStatus job = status.jobStatus();
        if (job == null || !"RUNNING".equals(job.state())) {
            return null;
        }
        String path = job.upgradeSavepointPath();
        return path == null || path.isBlank() || LAST_STATE_MARKER.equals(path) ? null : path;
    }

    /** The revision's job's upgrade mode, defaults filled in; null without a job. */
    private static UpgradeMode upgradeMode(Revision r) {
        var job = EffectiveSpec.ofApplied(r.spec()).spec().job();
        return job == null ? null : job.upgradeMode();
    }

    private static Revision withStart(Revision r, Start start) {
        return new Revision(
                r.number(),
                r.specHash(),
                r.spec(),
                r.image(),
                r.appliedAt(),
                r.fieldManager(),
                start,
                r.rollbackOf(),
                r.ending());
    }
}
