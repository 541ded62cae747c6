package io.flinkk8s.sdk.testkit.internal.json;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Label selector parsing and matching with the full Kubernetes grammar: equality ({@code =}, {@code
 * ==}, {@code !=}), set-based ({@code in}, {@code notin}) and existence ({@code key}, {@code
 * !key}). Not API.
 */
public final class LabelSelectors {

    private LabelSelectors() {}

    /**
     * Parses the query-string form of a selector ({@code app=a,tier in (x,y),!legacy}).
     *
     * @throws IllegalArgumentException when the selector is malformed, with the reason
     */
    public static Predicate<Map<String, String>> parse(String selector) {
        List<Predicate<Map<String, String>>> terms = new ArrayList<>();
        for (String term : splitTerms(selector)) {
            terms.add(parseTerm(term.trim()));
        }
        return labels -> terms.stream().allMatch(t -> t.test(labels));
    }

    /**
     * Whether the labels (null means none) match the structured selector; a null selector matches
     * nothing.
     */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(actual.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!matches(r, actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The query-string form of a structured selector, sorted, as a Scale's {@code status.selector}.
     */
    public static String toQueryString(LabelSelector selector) {
        List<String> terms = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> terms.add(k + "=" + v));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String values = String.join(",", r.getValues() == null ? List.of() : r.getValues());
                switch (r.getOperator()) {
                    case "In" -> terms.add(r.getKey() + " in (" + values + ")");
                    case "NotIn" -> terms.add(r.getKey() + " notin (" + values + ")");
                    case "Exists" -> terms.add(r.getKey());
                    default -> terms.add("!" + r.getKey());
                }
            }
        }
        return String.join(",", terms);
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator()) {
            case "In" -> labels.containsKey(r.getKey()) && values.contains(labels.get(r.getKey()));
            case "NotIn" ->
                    !labels.containsKey(r.getKey()) || !values.contains(labels.get(r.getKey()));
            case "Exists" -> labels.containsKey(r.getKey());
            case "DoesNotExist" -> !labels.containsKey(r.getKey());
            default ->
                    throw new IllegalArgumentException(
                            "unknown selector operator " + r.getOperator());
        };
    }

    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms.stream().filter(t -> !t.isBlank()).toList();
    }

    private static Predicate<Map<String, String>> parseTerm(String term) {
        String[] setTerm = term.split("\\s+(?=(in|notin)\\s*\\()", 2);
        if (setTerm.length == 2) {
            String key = setTerm[0].trim();
            String rest = setTerm[1].trim();
            boolean in = rest.startsWith("in");
            int open = rest.indexOf('(');
            int close = rest.lastIndexOf(')');
            if (open < 0 || close < open) {
                throw new IllegalArgumentException("unable to parse requirement: " + term);
            }
            Set<String> values = Set.of(rest.substring(open + 1, close).split("\\s*,\\s*"));
            Set<String> trimmed = Set.copyOf(values.stream().map(String::trim).toList());
            return in
                    ? labels -> labels.containsKey(key) && trimmed.contains(labels.get(key))
                    : labels -> !labels.containsKey(key) || !trimmed.contains(labels.get(key));
        }
        if (term.contains("!=")) {
            String[] kv = term.split("!=", 2);
            String key = kv[0].trim();
            String value = kv[1].trim();
            return labels -> !value.equals(labels.get(key));
        }
        if (term.contains("=")) {
            String[] kv = term.split("==?", 2);
            String key = kv[0].trim();
            String value = kv[1].trim();
            return labels -> value.equals(labels.get(key));
        }
        if (term.startsWith("!")) {
            String key = term.substring(1).trim();
            return labels -> !labels.containsKey(key);
        }
        if (term.isEmpty() || term.contains(" ") || term.contains("(")) {
            throw new IllegalArgumentException("unable to parse requirement: " + term);
        }
        return labels -> labels.containsKey(term);
    }
}
