package io.flinkk8s.sdk.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * List edits for fabric8 objects that keep what is there: {@link #upsert} replaces the item with
 * the same key in place and appends the others, as the pod-template merge rules require (env by
 * name, ports by number, mounts by path). Internal: not API, may change in any release.
 */
public final class KubeLists {

    private KubeLists() {}

    /**
     * A new list: {@code existing} (null is empty) with every item of {@code additions} put in
     * place of the item with the same key, or appended when there is none.
     */
    public static <T> List<T> upsert(List<T> existing, List<T> additions, Function<T, ?> key) {
        List<T> result = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        for (T addition : additions) {
            Object k = key.apply(addition);
            int at = indexOf(result, k, key);
            if (at >= 0) {
                result.set(at, addition);
            } else {
                result.add(addition);
            }
        }
        return result;
    }

    private static <T> int indexOf(List<T> items, Object k, Function<T, ?> key) {
        for (int i = 0; i < items.size(); i++) {
            if (Objects.equals(key.apply(items.get(i)), k)) {
                return i;
            }
        }
        return -1;
    }
}
