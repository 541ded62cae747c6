package io.flinkk8s.sdk.core.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.deploy.ResourceApplier.KindRef;
import io.flinkk8s.sdk.core.deploy.ResourceApplier.Live;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.validation.SpecValidator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One apply or plan of one spec: read what the cluster holds, compare, write the difference. */
final class Reconciler {

    private final DeployerContext ctx;

    Reconciler(DeployerContext ctx) {
        this.ctx = ctx;
    }

    /** The cluster as one apply sees it: the state record and the owned objects. */
    record Observed(FlinkDeploymentSpec effective, Optional<StateRecord> state, Live live) {}

    ApplyPlan plan(FlinkDeploymentSpec spec) {
        Observed observed = observe(spec);
        RenderedResources desired = render(observed.effective(), observed.state());
        Live live = readOwned(observed, desired);
        return toPlan(observed.effective(), desired, live);
    }

    ApplyResult apply(FlinkDeploymentSpec spec) {
        Observed observed = observe(spec);
        RenderedResources desired = render(observed.effective(), observed.state());
        Live live = readOwned(observed, desired);
        ApplyPlan plan = toPlan(observed.effective(), desired, live);
        write(plan, desired, live);
        recordApplied(spec, observed.state(), desired, plan);
        return new ApplyResult(plan, ApplyResult.Transition.NONE);
    }

    /** Validates (no request for an invalid spec), then lists the ConfigMaps: one request. */
    Observed observe(FlinkDeploymentSpec spec) {
        SpecValidator.validate(spec).throwIfInvalid();
        FlinkDeploymentSpec effective = SpecDefaults.apply(spec);
        String ns = effective.namespace();
        String name = effective.name();
        Live configMaps =
                ctx.applier().read(ns, name, Set.of(new KindRef("v1", "ConfigMap")), Live.empty());
        Optional<StateRecord> state = StateStore.find(ns, name, configMaps.configMaps());
        return new Observed(effective, state, configMaps);
    }

    /**
     * The objects for {@code effective} as this cluster runs it: the job starts from the savepoint
     * the state record names (the spec's {@code initialSavepointPath} only counts the first time).
     */
    RenderedResources render(FlinkDeploymentSpec effective, Optional<StateRecord> state) {
        return ctx.options().renderer().render(forCluster(effective, restorePath(effective, state)));
    }

    static String restorePath(FlinkDeploymentSpec effective, Optional<StateRecord> state) {
        if (state.isPresent() && state.get().deletedAt() == null) {
            return state.get().restoreSavepoint();
        }
        return effective.job() == null ? null : effective.job().initialSavepointPath();
    }

    static FlinkDeploymentSpec forCluster(FlinkDeploymentSpec effective, String restorePath) {
        if (effective.job() == null) {
            return effective;
        }
        return effective.withJob(effective.job().withInitialSavepointPath(restorePath));
    }

    /**
     * Lists the kinds rendered now and the kinds applied before; without a state record (a first
     * apply) nothing but the ConfigMaps is known, and every other object is applied.
     */
    Live readOwned(Observed observed, RenderedResources desired) {
        if (observed.state().isEmpty()) {
            return observed.live();
        }
        Set<KindRef> kinds = new LinkedHashSet<>();
        for (HasMetadata o : desired.all()) {
            kinds.add(new KindRef(o.getApiVersion(), o.getKind()));
        }
        for (ObjectRef o : observed.state().get().applied()) {
            kinds.add(new KindRef(o.apiVersion(), o.kind()));
        }
        FlinkDeploymentSpec e = observed.effective();
        return ctx.applier().read(e.namespace(), e.name(), kinds, observed.live());
    }

    ApplyPlan toPlan(FlinkDeploymentSpec effective, RenderedResources desired, Live live) {
        List<ResourceChange> changes = ctx.applier().plan(effective.name(), desired, live);
        return new ApplyPlan(
                effective.namespace(), effective.name(), changes, desired.advisories());
    }

    /** Applies and prunes what the plan says, and reports it. */
    void write(ApplyPlan plan, RenderedResources desired, Live live) {
        if (!plan.hasChanges()) {
            ctx.progress().report(plan.namespace(), plan.name(), "apply", "no changes");
            return;
        }
        int[] counts = ctx.applier().execute(plan.changes(), desired, live);
        ctx.progress()
                .report(
                        plan.namespace(),
                        plan.name(),
                        "apply",
                        counts[0]
                                + " object(s) applied ("
                                + plan.changes(ResourceChange.Action.CREATE).size()
                                + " created), "
                                + counts[1]
                                + " pruned, "
                                + plan.changes(ResourceChange.Action.UNCHANGED).size()
                                + " unchanged");
    }

    /**
     * Writes the state record when anything it holds changed: the spec, the applied objects, or
     * a deletion mark to clear. A repeat apply of the same spec writes nothing.
     */
    StateRecord recordApplied(
            FlinkDeploymentSpec spec,
            Optional<StateRecord> state,
            RenderedResources desired,
            ApplyPlan plan) {
        List<ObjectRef> applied =
                desired.all().stream().map(ObjectRef::of).toList();
        StateRecord before =
                state.filter(s -> s.deletedAt() == null).orElseGet(() -> firstRecord(spec, state));
        StateRecord after = before.withSpec(spec).withApplied(applied);
        boolean same =
                state.isPresent()
                        && state.get().deletedAt() == null
                        && StateRecord.hash(state.get().spec()).equals(StateRecord.hash(spec))
                        && state.get().applied().equals(applied);
        if (same) {
            return state.get();
        }
        return ctx.states().write(plan.namespace(), after);
    }

    /** A new record; one left by {@code delete} keeps its savepoint history and version. */
    private static StateRecord firstRecord(FlinkDeploymentSpec spec, Optional<StateRecord> state) {
        StateRecord fresh = StateRecord.first(spec);
        if (state.isEmpty()) {
            return fresh;
        }
        StateRecord deleted = state.get();
        StateRecord kept = fresh.withResourceVersion(deleted.resourceVersion());
        for (var s : deleted.savepoints()) {
            kept = kept.withSavepoint(s);
        }
        return kept;
    }
}
