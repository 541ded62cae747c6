package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * Collects violations while the rules walk a spec, and keeps the current field path on a stack so
 * that no rule builds a path by hand: {@code at("taskManager", () -> at("replicas", ...))} reports
 * at {@code taskManager.replicas}, {@link #eachItem} at {@code env[0]}, {@link #eachEntry} at
 * {@code labels['team']}. One instance per validation run; not thread-safe.
 */
public final class Checks {

    // A field name (String), a list index (Integer) or a map key (Key); written out only when a
    // violation is reported, which is rare.
    private final List<Object> segments = new ArrayList<>();

    /** A map key on the path stack. */
    private record Key(String key) {}

    private final List<Violation> violations = new ArrayList<>();

    /** Runs {@code body} one field deeper: {@code field} is appended with a dot. */
    public void at(String field, Runnable body) {
        within(field, body);
    }

    /** Runs {@code body} once per item, one level deeper at {@code field[i]}, in list order. */
    public <T> void eachItem(String field, List<T> items, ObjIntConsumer<T> body) {
        at(
                field,
                () -> {
                    for (int i = 0; i < items.size(); i++) {
                        T item = items.get(i);
                        int index = i;
                        within(index, () -> body.accept(item, index));
                    }
                });
    }

    /** Runs {@code body} once per entry, one level deeper at {@code field['key']}, in map order. */
    public <V> void eachEntry(String field, Map<String, V> entries, BiConsumer<String, V> body) {
        at(
                field,
                () ->
                        entries.forEach(
                                (key, value) ->
                                        within(new Key(key), () -> body.accept(key, value))));
    }

    /** Reports a violation at the current path. */
    public void report(String message, Object rejectedValue) {
        violations.add(new Violation(path(), message, rejectedValue));
    }

    /** Reports a violation at {@code field} under the current path. */
    public void report(String field, String message, Object rejectedValue) {
        at(field, () -> report(message, rejectedValue));
    }

    /** Reports {@code message} at {@code field} and returns false when {@code value} is null. */
    public boolean required(String field, Object value, String message) {
        if (value == null) {
            report(field, message, null);
            return false;
        }
        return true;
    }

    /**
     * Reports {@code must be >= min} at {@code field}, with {@code value} as rejected, and returns
     * false when it is below {@code min}.
     */
    public boolean atLeast(String field, Number value, long min) {
        if (value.longValue() < min) {
            report(field, "must be >= " + min, value);
            return false;
        }
        return true;
    }

    /** The violations so far, in the order they were reported. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * How a map entry is written in a path or a message: {@code flinkConfiguration['key']}. For
     * messages that name another field; the paths of reports are built by the stack.
     */
    public static String entryPath(String field, String key) {
        return field + keySegment(key);
    }

    private void within(Object segment, Runnable body) {
        segments.add(segment);
        try {
            body.run();
        } finally {
            segments.remove(segments.size() - 1);
        }
    }

    private String path() {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Key k) {
                path.append(keySegment(k.key()));
            } else if (segment instanceof Integer i) {
                path.append('[').append(i).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(segment);
            }
        }
        return path.toString();
    }

    private static String keySegment(String key) {
        return "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
