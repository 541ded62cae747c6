package io.flinkk8s.sdk.core.deploy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.internal.cluster.AppliedDigest;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.view.InformerStatusView;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A re-apply answered from a status view's caches, with no request: when the view's state record
 * says the deployment last applied this very spec (no upgrade in progress, no deletion mark, no
 * held TaskManager count), the spec renders the same objects the record lists (so nothing would be
 * pruned), and every rendered object's {@link AppliedDigest} equals the digest of the fields the
 * deployer applied to the live object as the view last saw it, then the apply would send nothing,
 * and this says so. Anything else (no view, a view whose watches are not current, a kind the view
 * does not watch, a digest that differs: a changed spec or a drift made by someone else on a field
 * the SDK applied) takes the usual path, which lists and compares.
 *
 * <p>The view is as current as its watches: a change made in the cluster an instant before the
 * apply may not have reached it yet, and is repaired by the next apply after it has.
 */
final class CachedNoOp {

    private static final Logger LOG = LoggerFactory.getLogger(CachedNoOp.class);

    private final DeployerContext ctx;
    private final List<InformerStatusView> views;

    CachedNoOp(DeployerContext ctx, List<InformerStatusView> views) {
        this.ctx = ctx;
        this.views = views;
    }

    /** The result of an apply that would change nothing, or empty when that is not certain. */
    Optional<ApplyResult> unchanged(EffectiveSpec spec) {
        for (InformerStatusView view : views) {
            if (view.covers(spec.namespace())) {
                try {
                    Optional<ApplyResult> result = unchanged(spec, view);
                    if (result.isPresent()) {
                        return result;
                    }
                } catch (FlinkK8sException | IllegalStateException e) {
                    LOG.debug(
                            "{}/{}: the view's caches cannot tell",
                            spec.namespace(),
                            spec.name(),
                            e);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<ApplyResult> unchanged(EffectiveSpec spec, InformerStatusView view) {
        Optional<StateRecord> state = view.stateRecord(spec.namespace(), spec.name());
        if (state.isEmpty()) {
            return Optional.empty();
        }
        StateRecord record = state.get();
        if (record.deletedAt() != null
                || record.upgrade() != null
                || record.heldTaskManagers() != null
                || seedsScale(spec)
                || !StateRecord.hash(record.spec()).equals(StateRecord.hash(spec.asWritten()))) {
            return Optional.empty();
        }
        JobStart start = JobStarts.of(spec, state);
        RenderedResources resources =
                ctx.options()
                        .renderer()
                        .render(spec.withJobStartingFrom(start == null ? null : start.path()));
        if (!Rollout.refs(resources).equals(record.applied())) {
            return Optional.empty();
        }
        KubernetesSerialization json = ctx.client().getKubernetesSerialization();
        List<ResourceChange> changes = new ArrayList<>();
        for (HasMetadata o : resources.all()) {
            OptionalLong live =
                    view.appliedDigest(
                            o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
            if (live.isEmpty()
                    || live.getAsLong()
                            != AppliedDigest.ofRendered(json.convertValue(o, JsonNode.class))) {
                return Optional.empty();
            }
            changes.add(
                    new ResourceChange(
                            o.getKind(),
                            o.getMetadata().getName(),
                            ResourceChange.Action.UNCHANGED,
                            List.of()));
        }
        List<Advisory> advisories = new ArrayList<>(resources.advisories());
        JobStarts.afterDelete(spec, state, start).ifPresent(advisories::add);
        ApplyPlan plan = new ApplyPlan(spec.namespace(), spec.name(), changes, advisories, start);
        Transition transition = Reconciler.decide(spec, state, plan);
        if (transition != Transition.NONE) {
            return Optional.empty();
        }
        JobControl jobs = new JobControl(ctx, spec.namespace(), spec.name());
        var impact =
                JobImpacts.of(
                        new JobImpacts.Input(
                                spec,
                                state,
                                Live.empty(),
                                plan,
                                transition,
                                jobs::currentJobInfo,
                                ctx.options().clock().instant()));
        ctx.progress()
                .report(spec.namespace(), spec.name(), "apply", "no changes (status view cache)");
        return Optional.of(new ApplyResult(plan.withJobImpact(impact), transition));
    }

    /** The autoscaling strategy whose first apply seeds the scale subresource: not from a cache. */
    private static boolean seedsScale(EffectiveSpec spec) {
        var a = spec.spec().autoscaling();
        return spec.spec().target() == RenderTarget.OPERATOR
                && a.isEnabled()
                && a.strategy() == AutoscalingStrategy.OPERATOR_HPA;
    }
}
