package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The spec's fields that differ between two specs, as paths in the spec's own notation ({@code
 * image}, {@code taskManager.replicas}, {@code flinkConfiguration['state.backend.type']}, {@code
 * job.args}): the reasons a plan gives for what happens to the job. Compares the serialized forms,
 * so a field's name is its YAML name; a list that changes is one path.
 */
final class SpecDiff {

    private SpecDiff() {}

    /** The changed paths, sorted; none for equal specs, which serialize alike. */
    static List<String> changed(FlinkDeploymentSpec before, FlinkDeploymentSpec after) {
        if (before.equals(after)) {
            return List.of();
        }
        TreeSet<String> paths = new TreeSet<>();
        walk("", SpecSerialization.toMap(before), SpecSerialization.toMap(after), paths);
        return new ArrayList<>(paths);
    }

    private static void walk(String path, Object before, Object after, TreeSet<String> into) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            TreeSet<String> keys = new TreeSet<>();
            b.keySet().forEach(k -> keys.add(String.valueOf(k)));
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                walk(child(path, key), b.get(key), a.get(key), into);
            }
            return;
        }
        if (before instanceof Map<?, ?> b && after == null) {
            walk(path, b, Map.of(), into);
            return;
        }
        if (after instanceof Map<?, ?> a && before == null) {
            walk(path, Map.of(), a, into);
            return;
        }
        into.add(path);
    }

    /** {@code a.b}, or {@code a['x.y']} for a key that is not a plain name. */
    private static String child(String path, String key) {
        if (!key.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            return path + "['" + key + "']";
        }
        return path.isEmpty() ? key : path + "." + key;
    }
}
