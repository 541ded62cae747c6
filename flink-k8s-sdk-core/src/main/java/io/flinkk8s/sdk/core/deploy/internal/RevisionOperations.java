package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.JobImpact.RestoreSource;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.job.JobTransitions;
import io.flinkk8s.sdk.core.deploy.internal.job.RestoreChoice;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A deployment's revision history as the state record keeps it, and a rollback to one of its
 * revisions: checked before anything is written (the revision exists, has a recorded savepoint, the
 * restore policy allows it), then carried out as a savepoint upgrade by the {@link JobTransitions},
 * or on the operator target as the operator's savepoint redeploy ({@link OperatorRollback}).
 */
final class RevisionOperations {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;

    RevisionOperations(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
    }

    /** The revisions, newest first; empty without a state record. */
    List<Revision> history() {
        List<Revision> revisions =
                new ArrayList<>(
                        ctx.states()
                                .read(namespace, name)
                                .map(StateRecord::revisions)
                                .orElse(List.of()));
        Collections.reverse(revisions);
        return List.copyOf(revisions);
    }

    /**
     * Redeploys revision {@code toRevision}'s spec from the savepoint recorded when it ended.
     *
     * @param recorded the deployment's state record (not deleted)
     */
    ApplyResult rollback(StateRecord recorded, int toRevision) {
        String where = namespace + "/" + name;
        boolean operator = recorded.effective().spec().target() == RenderTarget.OPERATOR;
        FlinkDeployment live = operator ? liveDeployment() : null;
        StateRecord state = operator ? OperatorRevisions.learned(recorded, live) : recorded;
        Revision target = find(state, toRevision, where);
        // judged when it was applied: defaults filled in, not judged again
        EffectiveSpec spec = EffectiveSpec.ofApplied(target.spec());
        if ((spec.spec().target() == RenderTarget.OPERATOR) != operator) {
            throw refused(
                    "Cannot roll "
                            + where
                            + " back to revision "
                            + toRevision
                            + ": it ran on the "
                            + spec.spec().target().wireValue()
                            + " target and the deployment runs on the "
                            + state.effective().spec().target().wireValue()
                            + " target now; a rollback does not switch targets. Nothing was"
                            + " written. Apply that revision's spec (history().get(i).spec())"
                            + " to switch, which recreates the deployment.");
        }
        if (state.upgrade() != null) {
            throw refused(
                    "Cannot roll "
                            + where
                            + " back to revision "
                            + toRevision
                            + ": an operation is in progress (step "
                            + state.upgrade().step()
                            + "). Nothing was written. Apply the current spec to finish it"
                            + " first, then roll back.");
        }
        String savepoint = target.endSavepoint().orElseThrow(() -> noSavepoint(state, target));
        RestoreChoice.Choice choice =
                RestoreChoice.judge(
                        spec.spec().restore(),
                        candidate(savepoint, target, state),
                        null,
                        "the rollback to revision " + toRevision);
        if (choice.refused()) {
            throw refused(
                    "Nothing was applied to "
                            + where
                            + ": "
                            + choice.refusal()
                            + " The running job was left as it is.");
        }
        ctx.progress()
                .report(
                        namespace,
                        name,
                        "rollback",
                        "rolling back to revision "
                                + toRevision
                                + (choice.path() == null
                                        ? " without state (" + choice.source().origin() + ")"
                                        : " from " + choice.path()));
        if (operator) {
            return new OperatorRollback(ctx, namespace, name)
                    .rollback(spec, state, target, choice.path(), live);
        }
        return new JobTransitions(ctx, new Rollout(ctx))
                .rollback(spec, state, choice.path(), toRevision);
    }

    /** The live {@code FlinkDeployment}, with its status; null when there is none. */
    private FlinkDeployment liveDeployment() {
        ObjectKind kind = ObjectKind.FLINK_DEPLOYMENT;
        GenericKubernetesResource live =
                ctx.retrier()
                        .call(
                                new ObjectRef(kind.apiVersion(), kind.kind(), namespace, name),
                                true,
                                () ->
                                        ctx.client()
                                                .genericKubernetesResources(
                                                        kind.apiVersion(), kind.kind())
                                                .inNamespace(namespace)
                                                .withName(name)
                                                .get());
        return live == null
                ? null
                : Serialization.unmarshal(Serialization.asJson(live), FlinkDeployment.class);
    }

    private Revision find(StateRecord state, int number, String where) {
        Optional<Revision> found =
                state.revisions().stream().filter(r -> r.number() == number).findFirst();
        if (found.isEmpty()) {
            throw new IllegalArgumentException(
                    "Cannot roll "
                            + where
                            + " back to revision "
                            + number
                            + ": no such revision is kept. The state record keeps "
                            + describe(state.revisions())
                            + ". Nothing was written.");
        }
        if (found.get().current()) {
            throw new IllegalArgumentException(
                    "Cannot roll "
                            + where
                            + " back to revision "
                            + number
                            + ": it is the current revision. Nothing was written.");
        }
        return found.get();
    }

    private IllegalArgumentException noSavepoint(StateRecord state, Revision target) {
        List<Revision> with =
                state.revisions().stream().filter(r -> r.endSavepoint().isPresent()).toList();
        return new IllegalArgumentException(
                "Cannot roll "
                        + namespace
                        + "/"
                        + name
                        + " back to revision "
                        + target.number()
                        + ": it ended "
                        + target.ending().kind()
                        + " without a recorded savepoint (its successor did not start from one)."
                        + " Nothing was written. Revisions with a savepoint to roll back to: "
                        + (with.isEmpty()
                                ? "none"
                                : with.stream()
                                        .map(r -> r.number() + " (" + r.endSavepoint().get() + ")")
                                        .collect(Collectors.joining(", ")))
                        + ".");
    }

    /**
     * The savepoint as a restore candidate: its age from the savepoint history, or from when the
     * revision ended when the history no longer holds it.
     */
    private RestoreSource candidate(String savepoint, Revision target, StateRecord state) {
        Instant now = ctx.options().clock().instant();
        RestoreSource recorded = RestoreChoice.recordedSavepoint(savepoint, state, now);
        if (recorded.takenAt() != null) {
            return recorded;
        }
        Instant ended = target.ending().at();
        return new RestoreSource(
                RestoreSource.Type.SAVEPOINT,
                savepoint,
                ended,
                Duration.between(ended, now),
                "revision history; recorded when revision " + target.number() + " ended");
    }

    private static String describe(List<Revision> revisions) {
        if (revisions.isEmpty()) {
            return "no revisions";
        }
        List<String> numbers = new ArrayList<>();
        for (int i = revisions.size() - 1; i >= 0; i--) {
            numbers.add(String.valueOf(revisions.get(i).number()));
        }
        return "revisions " + String.join(", ", numbers);
    }

    private UpgradeException refused(String message) {
        return new UpgradeException(namespace, name, true, message, null);
    }
}
