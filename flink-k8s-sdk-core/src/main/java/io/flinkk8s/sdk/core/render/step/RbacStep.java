package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import java.util.ArrayList;
import java.util.List;

/**
 * Least-privilege permissions for Flink's Kubernetes HA services, bound to the SDK's
 * ServiceAccount; rendered when {@link ServiceAccountStep} renders that account.
 *
 * <ul>
 *   <li><b>emits</b>: Role {@code ResourceNames.haRole()} in the deployment's namespace (never a
 *       ClusterRole) on {@code configmaps} only, which is all Flink's Kubernetes HA touches: leader
 *       election locks on ConfigMaps, and job graphs, checkpoint pointers and counters in
 *       ConfigMaps (standalone Flink creates no pods, so no pod permissions). The verbs:
 *       <ul>
 *         <li>{@code get}: read a leader or job ConfigMap (leader elector, checkpoint store);
 *         <li>{@code list}, {@code watch}: the informers through which JobManagers and TaskManagers
 *             learn the current leader;
 *         <li>{@code create}: the leader and per-job ConfigMaps, on first use;
 *         <li>{@code update}: Flink's compare-and-swap writes of job metadata (PUT with the
 *             resource version);
 *         <li>{@code patch}: fabric8's leader elector renews the leader annotation with a JSON
 *             merge patch;
 *         <li>{@code delete}: the per-job ConfigMaps once a job is globally terminated.
 *       </ul>
 *       Not granted: {@code deletecollection}, which Flink uses only to wipe all HA data when the
 *       whole cluster shuts down for good; HA ConfigMaps outlive the cluster here, and removing
 *       them is the caller's explicit decision;
 *   <li><b>emits</b>: RoleBinding {@code ResourceNames.haRole()} from that Role to the
 *       ServiceAccount {@code ResourceNames.serviceAccount()};
 *   <li><b>overwrites / merges</b>: nothing.
 * </ul>
 */
public final class RbacStep implements RenderStep {

    /** {@code rbac}. */
    public static final StepId ID = StepId.of("rbac");

    /** The verbs granted on ConfigMaps; see the class comment for why each is needed. */
    public static final List<String> CONFIG_MAP_VERBS =
            List.of("get", "list", "watch", "create", "update", "patch", "delete");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only with Kubernetes HA and no {@code serviceAccount} in the spec. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ServiceAccountStep.needed(ctx);
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        PolicyRule rule = new PolicyRule();
        rule.setApiGroups(new ArrayList<>(List.of("")));
        rule.setResources(new ArrayList<>(List.of("configmaps")));
        rule.setVerbs(new ArrayList<>(CONFIG_MAP_VERBS));
        Role role = new Role();
        role.setMetadata(ctx.metadata(ctx.names().haRole(), Component.RBAC));
        role.setRules(new ArrayList<>(List.of(rule)));
        RoleRef roleRef = new RoleRef();
        roleRef.setApiGroup(ObjectKind.ROLE.group());
        roleRef.setKind(ObjectKind.ROLE.kind());
        roleRef.setName(ctx.names().haRole());
        Subject account = new Subject();
        account.setKind(ObjectKind.SERVICE_ACCOUNT.kind());
        account.setName(ctx.names().serviceAccount());
        account.setNamespace(ctx.spec().namespace());
        RoleBinding binding = new RoleBinding();
        binding.setMetadata(ctx.metadata(ctx.names().haRole(), Component.RBAC));
        binding.setRoleRef(roleRef);
        binding.setSubjects(new ArrayList<>(List.of(account)));
        return in.withAdoptedResource(role).withAdoptedResource(binding);
    }
}
