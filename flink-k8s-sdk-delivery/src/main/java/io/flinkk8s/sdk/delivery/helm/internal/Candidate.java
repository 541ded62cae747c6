package io.flinkk8s.sdk.delivery.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;

/**
 * One way a chart value can show in a rendered object: what the SDK renders for given values (in
 * Java), and the Go template expression that renders the same in Helm, once for a field of an
 * object (a YAML scalar) and once for a line of the Flink config file (plain text).
 *
 * @param eval the rendered scalar for chart values keyed by their dotted path
 * @param jsonExpr the template expression for a field of an object
 * @param textExpr the template expression for a value in the Flink config file
 */
record Candidate(Function<Map<String, Object>, JsonNode> eval, String jsonExpr, String textExpr) {

    /**
     * Whether {@code actual}, a rendered field or config value, is what this renders for values.
     */
    boolean matches(JsonNode actual, Map<String, Object> values, boolean configLine) {
        JsonNode expected;
        try {
            expected = eval.apply(values);
        } catch (RuntimeException e) {
            return false;
        }
        if (expected == null || actual == null) {
            return false;
        }
        if (configLine) {
            return actual.asText().equals(text(expected));
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static String text(JsonNode node) {
        return node.isNumber()
                ? node.decimalValue().stripTrailingZeros().toPlainString()
                : node.asText();
    }
}
