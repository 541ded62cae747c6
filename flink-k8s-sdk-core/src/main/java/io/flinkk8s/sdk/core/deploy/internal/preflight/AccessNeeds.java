package io.flinkk8s.sdk.core.deploy.internal.preflight;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.error.PreflightFinding.Severity;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one list of what a deployer does in a deployment's namespace, as RBAC sees it (verb, API
 * group, resource, subresource), and why: the preflight asks a SelfSubjectAccessReview for each.
 *
 * <ul>
 *   <li>every rendered kind: {@code get}, {@code list} (the apply compares against one LIST per
 *       kind), {@code create} and {@code patch} (server-side apply creates or patches), {@code
 *       delete} (prune and delete);
 *   <li>ConfigMaps, besides: {@code create}, {@code update} and {@code delete} (the state record,
 *       written with optimistic concurrency);
 *   <li>Leases ({@code coordination.k8s.io}): {@code get}, {@code create}, {@code update}, {@code
 *       delete} (the upgrade Lease);
 *   <li>Deployments and pods: {@code get}, {@code list} (waits and status); {@code pods/log} {@code
 *       get} (the cause of a failed start); events {@code list} (the same);
 *   <li>target operator: {@code flinkstatesnapshots} {@code create}, {@code get} (savepoints); with
 *       {@code operator-hpa} the {@code flinkdeployments/scale} subresource {@code get} and {@code
 *       update};
 *   <li>with a port-forwarding endpoint resolver: {@code pods/portforward} {@code create} and
 *       services {@code get};
 *   <li>warnings only (the status view, which not every caller uses): {@code watch} on Deployments,
 *       pods, ConfigMaps and events.
 * </ul>
 */
final class AccessNeeds {

    /**
     * One permission.
     *
     * @param verb e.g. {@code patch}
     * @param group the API group, {@code ""} for the core group
     * @param resource the plural, e.g. {@code persistentvolumeclaims}
     * @param subresource e.g. {@code portforward}; null for the resource itself
     * @param severity what a refusal is: an error for what the apply and lifecycle do
     * @param why what the deployer does with it
     */
    record Access(
            String verb,
            String group,
            String resource,
            String subresource,
            Severity severity,
            String why) {

        /** {@code delete persistentvolumeclaims}, {@code create pods/portforward}. */
        String label() {
            return verb
                    + " "
                    + resource
                    + (subresource == null ? "" : "/" + subresource)
                    + (group.isEmpty() ? "" : " (" + group + ")");
        }
    }

    private AccessNeeds() {}

    /** What the deployer needs for {@code spec}, rendered as {@code rendered}; no duplicates. */
    static List<Access> of(EffectiveSpec spec, List<HasMetadata> rendered, boolean portForward) {
        Map<String, Access> needs = new LinkedHashMap<>();
        for (HasMetadata o : rendered) {
            String group = groupOf(o.getApiVersion());
            String plural = Pluralize.toPlural(o.getKind().toLowerCase(Locale.ROOT));
            for (String verb : List.of("get", "list", "create", "patch", "delete")) {
                add(needs, verb, group, plural, null, "apply, prune and delete of " + o.getKind());
            }
        }
        for (String verb : List.of("get", "list", "create", "update", "delete")) {
            add(needs, verb, "", "configmaps", null, "the state record <name>-sdk-state");
        }
        for (String verb : List.of("get", "create", "update", "delete")) {
            add(needs, verb, "coordination.k8s.io", "leases", null, "the upgrade Lease");
        }
        add(needs, "get", "apps", "deployments", null, "waits and status");
        add(needs, "list", "apps", "deployments", null, "waits and status");
        add(needs, "get", "", "pods", null, "waits and status");
        add(needs, "list", "", "pods", null, "waits and status");
        add(needs, "get", "", "pods", "log", "the cause of a failed start");
        add(needs, "list", "", "events", null, "the cause of a failed start");
        if (spec.spec().target() == RenderTarget.OPERATOR) {
            String group = ObjectKind.FLINK_API_GROUP;
            add(needs, "create", group, "flinkstatesnapshots", null, "savepoints");
            add(needs, "get", group, "flinkstatesnapshots", null, "savepoints");
            if (spec.spec().autoscaling().isEnabled()
                    && spec.spec().autoscaling().strategy() == AutoscalingStrategy.OPERATOR_HPA) {
                add(needs, "get", group, "flinkdeployments", "scale", "the first replica count");
                add(needs, "update", group, "flinkdeployments", "scale", "the first replica count");
            }
        }
        if (portForward) {
            add(needs, "create", "", "pods", "portforward", "reaching the JobManager");
            add(needs, "get", "", "services", null, "reaching the JobManager");
        }
        for (String resource : List.of("pods", "configmaps", "events")) {
            needs.putIfAbsent(
                    key("watch", "", resource, null),
                    new Access("watch", "", resource, null, Severity.WARNING, "the status view"));
        }
        needs.putIfAbsent(
                key("watch", "apps", "deployments", null),
                new Access(
                        "watch", "apps", "deployments", null, Severity.WARNING, "the status view"));
        return new ArrayList<>(needs.values());
    }

    private static void add(
            Map<String, Access> needs,
            String verb,
            String group,
            String resource,
            String sub,
            String why) {
        needs.putIfAbsent(
                key(verb, group, resource, sub),
                new Access(verb, group, resource, sub, Severity.ERROR, why));
    }

    private static String key(String verb, String group, String resource, String sub) {
        return verb + " " + group + "/" + resource + "/" + sub;
    }

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
