package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.spec.EnvValueSource;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.KeyReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules for {@code env}: names Kubernetes accepts, unique and not reserved; a literal value or a
 * reference, not both. Literal values are never shown in a violation, and references carry no
 * secret value to show.
 */
public final class EnvRules {

    private EnvRules() {}

    public static void env(Checks checks, List<EnvVarSpec> env) {
        Map<String, Integer> firstIndexByName = new HashMap<>();
        checks.eachItem(
                "env",
                env,
                (var, index) -> {
                    if (var == null) {
                        checks.report("must not be null", null);
                        return;
                    }
                    name(checks, var.name(), index, firstIndexByName);
                    if ((var.value() == null) == (var.valueFrom() == null)) {
                        checks.report(
                                "must set exactly one of value and valueFrom, "
                                        + (var.value() == null ? "neither is set" : "both are set"),
                                null);
                    }
                    if (var.valueFrom() != null) {
                        checks.at("valueFrom", () -> source(checks, var.valueFrom()));
                    }
                });
    }

    private static void name(
            Checks checks, String name, int index, Map<String, Integer> firstIndexByName) {
        if (!checks.required("name", name, "must be set")) {
            return;
        }
        if (!KubernetesNames.isEnvVarName(name)) {
            checks.report("name", KubernetesNames.ENV_VAR_NAME_RULE, name);
        } else if (FlinkPorts.POD_IP_ENV.equals(name)) {
            checks.report("name", "is reserved: the SDK sets it to the pod's IP", name);
        }
        Integer first = firstIndexByName.putIfAbsent(name, index);
        if (first != null) {
            checks.report("name", "must be unique, env[" + first + "] has the same name", name);
        }
    }

    private static void source(Checks checks, EnvValueSource source) {
        if ((source.secretKeyRef() == null) == (source.configMapKeyRef() == null)) {
            checks.report(
                    "must set exactly one of secretKeyRef and configMapKeyRef, "
                            + (source.secretKeyRef() == null ? "neither is set" : "both are set"),
                    null);
        }
        if (source.secretKeyRef() != null) {
            checks.at("secretKeyRef", () -> reference(checks, source.secretKeyRef()));
        }
        if (source.configMapKeyRef() != null) {
            checks.at("configMapKeyRef", () -> reference(checks, source.configMapKeyRef()));
        }
    }

    private static void reference(Checks checks, KeyReference ref) {
        if (checks.required("name", ref.name(), "must be set")
                && !KubernetesNames.isDnsSubdomain(ref.name())) {
            checks.report("name", KubernetesNames.DNS_SUBDOMAIN_RULE, ref.name());
        }
        if (checks.required("key", ref.key(), "must be set")
                && !KubernetesNames.isConfigMapKey(ref.key())) {
            checks.report("key", KubernetesNames.CONFIG_MAP_KEY_RULE, ref.key());
        }
    }
}
