package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.util.Map;

/** Rules for {@code labels} and {@code annotations}, as the API server checks object metadata. */
public final class MetadataRules {

    private MetadataRules() {}

    public static void labels(Checks checks, Map<String, String> labels) {
        checks.eachEntry(
                "labels",
                labels,
                (key, value) -> {
                    if (!KubernetesNames.isQualifiedName(key)) {
                        checks.report(KubernetesNames.QUALIFIED_NAME_RULE, key);
                    } else if (ResourceLabels.isReserved(key)) {
                        checks.report("is reserved: the SDK sets it on every object", value);
                    } else if (value == null) {
                        checks.report("must not be null", null);
                    } else if (!KubernetesNames.isLabelValue(value)) {
                        checks.report(KubernetesNames.LABEL_VALUE_RULE, value);
                    }
                });
    }

    public static void annotations(Checks checks, Map<String, String> annotations) {
        checks.eachEntry(
                "annotations",
                annotations,
                (key, value) -> {
                    if (!KubernetesNames.isQualifiedName(key)) {
                        checks.report(KubernetesNames.QUALIFIED_NAME_RULE, key);
                    } else if (value == null) {
                        checks.report("must not be null", null);
                    }
                });
    }
}
