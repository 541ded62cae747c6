package io.flinkk8s.sdk.core.spec.scheduling;

import io.flinkk8s.sdk.core.internal.Copies;
import java.util.List;

/**
 * A node label requirement of node affinity, as Kubernetes' {@code NodeSelectorRequirement}.
 *
 * @param key the node label key, required
 * @param operator required: {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}, {@code
 *     Gt} or {@code Lt}
 * @param values never null: one or more for {@code In}/{@code NotIn}, none for {@code
 *     Exists}/{@code DoesNotExist}, one integer for {@code Gt}/{@code Lt}
 * @param weight only in {@code preferredNodeAffinity}: 1 to 100; may be null there: 1
 */
public record NodeRequirement(String key, String operator, List<String> values, Integer weight) {

    /** Normalises only: a copy of the values, empty for null. */
    public NodeRequirement {
        values = Copies.list(values);
    }

    /** {@code key In values}. */
    public static NodeRequirement in(String key, String... values) {
        return new NodeRequirement(key, "In", List.of(values), null);
    }
}
