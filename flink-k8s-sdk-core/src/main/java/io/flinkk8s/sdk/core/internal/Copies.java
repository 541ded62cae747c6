package io.flinkk8s.sdk.core.internal;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Defensive copies for the spec records. Null elements and values are kept (not rejected) so that
 * the validator can report them with their path. Internal: not API, may change in any release.
 */
public final class Copies {

    private Copies() {}

    /** An unmodifiable, key-sorted copy; null becomes empty. Sorting makes output byte-stable. */
    public static <V> Map<String, V> sortedMap(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Collections.emptyMap();
        }
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** An unmodifiable copy; null becomes empty. */
    public static <T> List<T> list(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** A deep copy through fabric8's builder; null stays null. */
    public static PodTemplateSpec podTemplate(PodTemplateSpec template) {
        return template == null ? null : new PodTemplateSpecBuilder(template).build();
    }
}
