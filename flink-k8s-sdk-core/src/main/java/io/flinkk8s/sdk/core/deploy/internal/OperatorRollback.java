package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.internal.Rollout.Desired;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.RevisionLog;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.deploy.status.Revision.Start;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.operator.crd.status.JobStatus;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rollback on the operator target, as the Flink Kubernetes Operator documents a redeploy from a
 * chosen savepoint: the revision's spec is applied with {@code job.initialSavepointPath} set to the
 * savepoint and a changed {@code job.savepointRedeployNonce}, which the operator carries out as a
 * SAVEPOINT_REDEPLOY (it cancels the running job without a savepoint and starts the spec from
 * {@code initialSavepointPath}). So that the running job's state is not lost, the SDK first takes a
 * savepoint of it through a {@code FlinkStateSnapshot} ({@link OperatorSavepoints}), recorded in
 * the savepoint history and as where the current revision ended.
 *
 * <p>The nonce is the number of the revision the rollback adds: a retry after a failure between the
 * write of the {@code FlinkDeployment} and that of the state record writes the same nonce, so the
 * operator does not redeploy twice, and takes no second savepoint.
 */
final class OperatorRollback {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;

    OperatorRollback(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Applies {@code target}'s spec from {@code savepoint} and records the rollback.
     *
     * @param spec the target revision's spec, defaults filled in
     * @param state the deployment's state record, with what the operator's status taught it
     * @param savepoint may be null when the restore policy allows a start without state
     * @param live may be null: the live {@code FlinkDeployment}
     */
    ApplyResult rollback(
            EffectiveSpec spec,
            StateRecord state,
            Revision target,
            String savepoint,
            FlinkDeployment live) {
        long nonce = nextRevision(state);
        Rollout rollout = new Rollout(ctx).adjusting(r -> withNonce(r, nonce));
        // without a savepoint the revision's own initialSavepointPath must not be redeployed
        EffectiveSpec from = spec.withJobStartingFrom(savepoint);
        Desired d = rollout.desired(from, Optional.of(state), Live.empty(), false);
        StateRecord next =
                state.withSpec(target.spec())
                        .withApplied(Rollout.refs(d.resources()))
                        .withHeldTaskManagers(d.held());
        String taken = null;
        JobStatus job =
                live == null || live.getStatus() == null ? null : live.getStatus().jobStatus();
        if (alreadyWritten(live, nonce)) {
            ctx.progress()
                    .report(
                            namespace,
                            name,
                            "rollback",
                            "savepointRedeployNonce "
                                    + nonce
                                    + " is applied already; no savepoint taken again");
        } else if (job != null && "RUNNING".equals(job.state())) {
            taken =
                    new OperatorSavepoints(ctx, namespace, name)
                            .take(state.effective().spec().checkpointing().savepointDir());
            next =
                    next.withSavepoint(
                            new SavepointRecord(
                                    taken,
                                    job.jobId(),
                                    ctx.options().clock().instant(),
                                    SavepointRecord.Reason.UPGRADE));
        } else {
            ctx.progress()
                    .report(
                            namespace,
                            name,
                            "rollback",
                            "no job is RUNNING (operator status: "
                                    + (job == null ? "none" : job.state())
                                    + "); no savepoint taken of it");
        }
        rollout.write(d.plan(), d.resources(), d.live());
        ctx.applier().seedScale(from, d.resources(), d.live());
        Start start =
                savepoint == null
                        ? Start.of(Start.Kind.NONE)
                        : new Start(Start.Kind.SAVEPOINT, savepoint);
        ctx.states()
                .write(
                        namespace,
                        RevisionLog.applied(ctx, next, start, taken, target.number(), null));
        return new ApplyResult(d.plan(), ApplyResult.Transition.NONE);
    }

    /** The number the rollback's revision gets. */
    private static long nextRevision(StateRecord state) {
        List<Revision> revisions = state.revisions();
        return revisions.isEmpty() ? 1 : revisions.get(revisions.size() - 1).number() + 1L;
    }

    private static boolean alreadyWritten(FlinkDeployment live, long nonce) {
        return live != null
                && live.getSpec() != null
                && live.getSpec().job() != null
                && Long.valueOf(nonce).equals(live.getSpec().job().savepointRedeployNonce());
    }

    /** The rendering with the {@code FlinkDeployment}'s {@code job.savepointRedeployNonce} set. */
    private RenderedResources withNonce(RenderedResources rendered, long nonce) {
        List<HasMetadata> objects = new ArrayList<>();
        for (HasMetadata o : rendered.all()) {
            if (ObjectKind.FLINK_DEPLOYMENT_KIND.equals(o.getKind())
                    && name.equals(o.getMetadata().getName())) {
                GenericKubernetesResource g =
                        Serialization.unmarshal(
                                Serialization.asJson(o), GenericKubernetesResource.class);
                job(g).put("savepointRedeployNonce", nonce);
                objects.add(Serialization.unmarshal(Serialization.asJson(g), o.getClass()));
            } else {
                objects.add(o);
            }
        }
        return RenderedResources.of(objects, rendered.advisories());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> job(GenericKubernetesResource deployment) {
        Object spec = deployment.getAdditionalProperties().get("spec");
        Object job = spec instanceof Map<?, ?> m ? m.get("job") : null;
        if (!(job instanceof Map<?, ?>)) {
            throw new IllegalStateException(
                    "SDK bug: the FlinkDeployment "
                            + namespace
                            + "/"
                            + name
                            + " was rendered without spec.job; a rollback needs the job");
        }
        return (Map<String, Object>) job;
    }
}
