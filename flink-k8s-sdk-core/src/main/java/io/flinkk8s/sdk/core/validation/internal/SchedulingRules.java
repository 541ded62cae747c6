package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.spec.scheduling.NodeRequirement;
import io.flinkk8s.sdk.core.spec.scheduling.PodPlacement;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.scheduling.SpreadMethod;
import io.flinkk8s.sdk.core.spec.scheduling.TaskManagerSpread;
import io.flinkk8s.sdk.core.spec.scheduling.TolerationSpec;
import java.util.List;

/**
 * Rules for {@code scheduling}, as the API server checks a pod's scheduling fields: label keys and
 * values, the operators and effects Kubernetes knows with the values each allows, names of priority
 * classes and schedulers, and a spread's topology key and its method's fields.
 */
public final class SchedulingRules {

    /** The operators of a node selector requirement. */
    public static final List<String> NODE_OPERATORS =
            List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");

    /** The operators of a toleration. */
    public static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");

    /** The effects of a taint. */
    public static final List<String> EFFECTS =
            List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    /** The values of a topology spread constraint's {@code whenUnsatisfiable}. */
    public static final List<String> WHEN_UNSATISFIABLE =
            List.of("DoNotSchedule", "ScheduleAnyway");

    private SchedulingRules() {}

    public static void scheduling(Checks checks, SchedulingPolicy scheduling) {
        checks.at(
                "scheduling",
                () -> {
                    checks.at("common", () -> placement(checks, scheduling.common()));
                    checks.at("jobManager", () -> placement(checks, scheduling.jobManager()));
                    checks.at("taskManager", () -> placement(checks, scheduling.taskManager()));
                    if (scheduling.spread() != null) {
                        checks.at("spread", () -> spread(checks, scheduling.spread()));
                    }
                });
    }

    private static void placement(Checks checks, PodPlacement p) {
        checks.eachEntry(
                "nodeSelector",
                p.nodeSelector(),
                (key, value) -> {
                    if (!KubernetesNames.isQualifiedName(key)) {
                        checks.report(KubernetesNames.QUALIFIED_NAME_RULE, key);
                    } else if (!KubernetesNames.isLabelValue(value)) {
                        checks.report(KubernetesNames.LABEL_VALUE_RULE, value);
                    }
                });
        checks.eachItem(
                "requiredNodeAffinity",
                p.requiredNodeAffinity(),
                (r, i) -> {
                    requirement(checks, r);
                    if (r.weight() != null) {
                        checks.report(
                                "weight",
                                "applies to preferredNodeAffinity only; remove it",
                                r.weight());
                    }
                });
        checks.eachItem(
                "preferredNodeAffinity",
                p.preferredNodeAffinity(),
                (r, i) -> {
                    requirement(checks, r);
                    if (r.weight() != null && (r.weight() < 1 || r.weight() > 100)) {
                        checks.report("weight", "must be 1 to 100", r.weight());
                    }
                });
        checks.eachItem("tolerations", p.tolerations(), (t, i) -> toleration(checks, t));
        if (p.priorityClassName() != null
                && !KubernetesNames.isDnsSubdomain(p.priorityClassName())) {
            checks.report(
                    "priorityClassName", KubernetesNames.DNS_SUBDOMAIN_RULE, p.priorityClassName());
        }
        if (p.schedulerName() != null && !KubernetesNames.isDnsSubdomain(p.schedulerName())) {
            checks.report("schedulerName", KubernetesNames.DNS_SUBDOMAIN_RULE, p.schedulerName());
        }
    }

    private static void requirement(Checks checks, NodeRequirement r) {
        if (!KubernetesNames.isQualifiedName(r.key())) {
            checks.report("key", KubernetesNames.QUALIFIED_NAME_RULE, r.key());
        }
        String op = r.operator();
        List<String> values = r.values();
        if (!NODE_OPERATORS.contains(op)) {
            checks.report("operator", "must be one of " + NODE_OPERATORS, op);
        } else if ((op.equals("In") || op.equals("NotIn")) && values.isEmpty()) {
            checks.report("values", "must have at least one value for " + op, values);
        } else if ((op.equals("Exists") || op.equals("DoesNotExist")) && !values.isEmpty()) {
            checks.report("values", "must be empty for " + op, values);
        } else if (op.equals("Gt") || op.equals("Lt")) {
            if (values.size() != 1 || !values.get(0).matches("-?\\d{1,18}")) {
                checks.report("values", "must be one integer for " + op, values);
            }
        } else {
            checks.eachItem(
                    "values",
                    values,
                    (v, i) -> {
                        if (!KubernetesNames.isLabelValue(v)) {
                            checks.report(KubernetesNames.LABEL_VALUE_RULE, v);
                        }
                    });
        }
    }

    private static void toleration(Checks checks, TolerationSpec t) {
        String op = t.operator() == null ? "Equal" : t.operator();
        boolean noKey = t.key() == null || t.key().isEmpty();
        if (!TOLERATION_OPERATORS.contains(op)) {
            checks.report("operator", "must be one of " + TOLERATION_OPERATORS, t.operator());
        } else if (noKey && op.equals("Equal")) {
            checks.report("key", "must be set unless operator is Exists", t.key());
        } else if (op.equals("Exists") && t.value() != null && !t.value().isEmpty()) {
            checks.report("value", "must be empty when operator is Exists", t.value());
        }
        if (!noKey && !KubernetesNames.isQualifiedName(t.key())) {
            checks.report("key", KubernetesNames.QUALIFIED_NAME_RULE, t.key());
        }
        if (t.value() != null && !KubernetesNames.isLabelValue(t.value())) {
            checks.report("value", KubernetesNames.LABEL_VALUE_RULE, t.value());
        }
        if (t.effect() != null && !EFFECTS.contains(t.effect())) {
            checks.report(
                    "effect", "must be unset (every effect) or one of " + EFFECTS, t.effect());
        }
        if (t.tolerationSeconds() != null && !"NoExecute".equals(t.effect())) {
            checks.report(
                    "tolerationSeconds", "applies to effect NoExecute only", t.tolerationSeconds());
        }
    }

    private static void spread(Checks checks, TaskManagerSpread s) {
        String across = s.across();
        if (checks.required(
                        "across",
                        across,
                        "must be set: nodes, zones or a node label key such as"
                                + " topology.kubernetes.io/rack")
                && !KubernetesNames.isQualifiedName(s.topologyKey())) {
            checks.report(
                    "across",
                    "must be nodes, zones or a node label key; "
                            + KubernetesNames.QUALIFIED_NAME_RULE,
                    across);
        }
        boolean constraint = s.method() == SpreadMethod.SPREAD_CONSTRAINT;
        if (constraint) {
            if (!WHEN_UNSATISFIABLE.contains(s.whenUnsatisfiable())) {
                checks.report(
                        "whenUnsatisfiable",
                        "must be one of " + WHEN_UNSATISFIABLE,
                        s.whenUnsatisfiable());
            }
            if (s.maxSkew() != null) {
                checks.atLeast("maxSkew", s.maxSkew(), 1);
            }
        } else {
            String method = s.method() == null ? null : s.method().wireValue();
            if (s.whenUnsatisfiable() != null) {
                checks.report(
                        "whenUnsatisfiable",
                        "applies to method spread-constraint only (the method is " + method + ")",
                        s.whenUnsatisfiable());
            }
            if (s.maxSkew() != null) {
                checks.report(
                        "maxSkew",
                        "applies to method spread-constraint only (the method is " + method + ")",
                        s.maxSkew());
            }
        }
    }
}
