package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.testkit.internal.json.FieldSelectors;
import io.flinkk8s.sdk.testkit.internal.json.LabelSelectors;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The label and field selectors of a collection request as one predicate over stored objects. */
public final class Selection {

    private Selection() {}

    static Predicate<JsonNode> of(RequestPath path) {
        String labelSelector = path.param("labelSelector");
        String fieldSelector = path.param("fieldSelector");
        Predicate<Map<String, String>> labels =
                labelSelector == null ? l -> true : LabelSelectors.parse(labelSelector);
        Predicate<JsonNode> fields =
                fieldSelector == null ? o -> true : FieldSelectors.parse(fieldSelector);
        return object -> labels.test(labelsOf(object)) && fields.test(object);
    }

    static Map<String, String> labelsOf(JsonNode object) {
        Map<String, String> labels = new HashMap<>();
        object.path("metadata")
                .path("labels")
                .fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
