package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.internal.cluster.AppliedDigest;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeploymentMemo;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.RenderedDigest;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.view.InformerStatusView;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
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
 * <p>What that check works out from the spec and the record (the record decoded, the spec rendered,
 * each object's digest, the result) is remembered per deployment ({@link Known}) and used again
 * while the record keeps its resource version and the spec is the same (the same object, an equal
 * one, or one of the same hash): rendering is a function of the spec, the job's start the record
 * names and the deployer's renderer (render steps are pure), so what it gave stays true until one
 * of them changes. The live digests are read from the view each time: a drift someone else makes is
 * seen as before. So an unchanged deployment costs a few map lookups.
 *
 * <p>The first check of a deployment (the first sweep after the deployer or its view started) is
 * kept cheap too: the record is read once, the specs are compared by value before any hash, and the
 * digests are read straight from the serialization of the rendered objects ({@link
 * RenderedDigest}), with no copy of the objects and no JSON tree.
 *
 * <p>The view is as current as its watches: a change made in the cluster an instant before the
 * apply may not have reached it yet, and is repaired by the next apply after it has.
 */
final class CachedNoOp {

    private static final Logger LOG = LoggerFactory.getLogger(CachedNoOp.class);

    private final DeployerContext ctx;
    private final List<InformerStatusView> views;
    private final DeploymentMemo<Known> known;

    CachedNoOp(DeployerContext ctx, List<InformerStatusView> views, int capacity) {
        this.ctx = ctx;
        this.views = views;
        this.known = new DeploymentMemo<>(capacity);
    }

    /**
     * What the check found for one spec and one state record: the spec (as written), the record's
     * resource version, the rendered objects with their digests, and the result of an apply when
     * the live digests agree.
     */
    private record Known(
            FlinkDeploymentSpec spec,
            String recordVersion,
            List<RenderedDigest> objects,
            ApplyResult result) {

        /** This, for the same spec given as another (equal) object. */
        Known forSpec(FlinkDeploymentSpec other) {
            return new Known(other, recordVersion, objects, result);
        }
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

    /** How many deployments the check remembers (for tests). */
    int remembered() {
        return known.size();
    }

    private Optional<ApplyResult> unchanged(EffectiveSpec spec, InformerStatusView view) {
        String ns = spec.namespace();
        String name = spec.name();
        Known k = known.get(ns, name);
        if (k != null) {
            Optional<String> version = view.stateRecordVersion(ns, name);
            if (version.isEmpty() || !k.recordVersion().equals(version.get())) {
                k = null;
            } else if (k.spec() != spec.asWritten()) {
                k = sameSpec(k.spec(), spec.asWritten()) ? k.forSpec(spec.asWritten()) : null;
            }
        }
        if (k == null) {
            // the record read once, with its version: what is remembered is checked against it
            k = check(spec, view);
        }
        if (k == null) {
            known.remove(ns, name);
            return Optional.empty();
        }
        known.put(ns, name, k);
        for (RenderedDigest o : k.objects()) {
            OptionalLong live = view.appliedDigest(o.kind(), o.namespace(), o.name());
            if (live.isEmpty() || live.getAsLong() != o.digest()) {
                return Optional.empty();
            }
        }
        ctx.progress().report(ns, name, "apply", "no changes (status view cache)");
        return Optional.of(k.result());
    }

    /**
     * Whether two specs as written are the same: equal (specs are values, so equal ones serialize
     * alike), or of the same hash ({@link StateRecord#hash}), which is what the deployer records.
     * Equality is tried first: it costs a small fraction of the two hashes.
     */
    private static boolean sameSpec(FlinkDeploymentSpec a, FlinkDeploymentSpec b) {
        return a.equals(b) || StateRecord.hash(a).equals(StateRecord.hash(b));
    }

    /**
     * Decodes the view's record, renders the spec and digests each object: what an apply would send
     * if the live digests agree; null when the record alone says an apply must go the usual way.
     */
    private Known check(EffectiveSpec spec, InformerStatusView view) {
        Optional<StateRecord> state = view.stateRecord(spec.namespace(), spec.name());
        if (state.isEmpty() || state.get().resourceVersion() == null) {
            return null;
        }
        StateRecord record = state.get();
        if (record.deletedAt() != null
                || record.upgrade() != null
                || record.heldTaskManagers() != null
                || seedsScale(spec)
                || !sameSpec(record.spec(), spec.asWritten())) {
            return null;
        }
        JobStart start = JobStarts.of(spec, state);
        RenderedResources resources =
                ctx.options()
                        .renderer()
                        .render(spec.withJobStartingFrom(start == null ? null : start.path()));
        // each object's digest read straight from its serialization: no copy, no JSON tree
        List<RenderedDigest> objects =
                resources.convert(ctx.client().getKubernetesSerialization(), RenderedDigest.class);
        List<ResourceChange> changes = new ArrayList<>(objects.size());
        List<ObjectRef> refs = new ArrayList<>(objects.size());
        for (RenderedDigest o : objects) {
            refs.add(o.ref());
            changes.add(
                    new ResourceChange(
                            o.kind(), o.name(), ResourceChange.Action.UNCHANGED, List.of()));
        }
        if (!refs.equals(record.applied())) {
            return null;
        }
        List<Advisory> advisories = new ArrayList<>(resources.advisories());
        JobStarts.afterDelete(spec, state, start).ifPresent(advisories::add);
        ApplyPlan plan = new ApplyPlan(spec.namespace(), spec.name(), changes, advisories, start);
        Transition transition = Reconciler.decide(spec, state, plan);
        if (transition != Transition.NONE) {
            return null;
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
        return new Known(
                spec.asWritten(),
                record.resourceVersion(),
                List.copyOf(objects),
                new ApplyResult(plan.withJobImpact(impact), transition));
    }

    /** The autoscaling strategy whose first apply seeds the scale subresource: not from a cache. */
    private static boolean seedsScale(EffectiveSpec spec) {
        var a = spec.spec().autoscaling();
        return spec.spec().target() == RenderTarget.OPERATOR
                && a.isEnabled()
                && a.strategy() == AutoscalingStrategy.OPERATOR_HPA;
    }
}
