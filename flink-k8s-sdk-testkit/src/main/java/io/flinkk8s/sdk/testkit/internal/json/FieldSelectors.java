package io.flinkk8s.sdk.testkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Field selectors ({@code metadata.name=x,status.phase!=Running}) evaluated on any dotted path of
 * the object, which is more than a real API server allows per kind. Not API.
 */
public final class FieldSelectors {

    private FieldSelectors() {}

    /** Parses a field selector into a predicate over the object's JSON. */
    public static Predicate<JsonNode> parse(String selector) {
        List<Predicate<JsonNode>> terms = new ArrayList<>();
        for (String term : selector.split(",")) {
            if (term.isBlank()) {
                continue;
            }
            boolean negated = term.contains("!=");
            String[] kv = term.split(negated ? "!=" : "==?", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("invalid field selector term: " + term);
            }
            String[] path = kv[0].trim().split("\\.");
            String value = kv[1].trim();
            terms.add(
                    object -> {
                        JsonNode node = object;
                        for (String p : path) {
                            node = node.path(p);
                        }
                        boolean equal =
                                node.isValueNode() ? node.asText().equals(value) : value.isEmpty();
                        return negated != equal;
                    });
        }
        return object -> terms.stream().allMatch(t -> t.test(object));
    }
}
