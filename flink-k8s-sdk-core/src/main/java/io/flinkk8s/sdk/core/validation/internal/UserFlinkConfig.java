package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The spec's {@code flinkConfiguration} as the cross-field rules read it: which option the user
 * set, under which key (the option's own or a deprecated alias, in Flink's lookup order), and
 * whether the value is one Flink accepts.
 *
 * @param entries the user's keys and values; values may be null (reported elsewhere)
 */
public record UserFlinkConfig(Map<String, String> entries) {

    /** A key the user set, with its value. */
    public record Entry(String key, String value) {

        /** {@code flinkConfiguration['key']}, for messages. */
        String path() {
            return Checks.entryPath("flinkConfiguration", key);
        }

        /** The value as Flink parses it for {@code option}; throws when Flink cannot. */
        <T> T parsed(ConfigOption<T> option) {
            return Configuration.fromMap(Map.of(key, value)).get(option);
        }

        /** Whether the value passes the type rule of its option (no rule: any value). */
        boolean isWellTyped() {
            return FlinkOptionRules.forKey(key).map(r -> r.accepts(key, value)).orElse(true);
        }
    }

    /** The entry Flink would read for {@code option}: its key first, then its fallback keys. */
    public Optional<Entry> entry(ConfigOption<?> option) {
        for (String key : ManagedConfigKeys.allKeys(option)) {
            String value = entries.get(key);
            if (value != null) {
                return Optional.of(new Entry(key, value));
            }
        }
        return Optional.empty();
    }

    /** Every key of {@code options}, fallback keys included: what {@link #entries} looks for. */
    public static Set<String> keysOf(List<ConfigOption<?>> options) {
        Set<String> keys = new HashSet<>();
        options.forEach(o -> keys.addAll(ManagedConfigKeys.allKeys(o)));
        return Set.copyOf(keys);
    }

    /** The entries the user set under any of {@code keys} ({@link #keysOf}), in key order. */
    public List<Entry> entries(Set<String> keys) {
        if (entries.isEmpty() || keys.isEmpty()) {
            return List.of();
        }
        List<Entry> found = new ArrayList<>();
        entries.forEach(
                (key, value) -> {
                    if (value != null && keys.contains(key)) {
                        found.add(new Entry(key, value));
                    }
                });
        return found;
    }

    /** The user's {@code taskmanager.numberOfTaskSlots} when it is a valid one, else empty. */
    public Optional<Entry> validTaskSlots() {
        return entry(TaskManagerOptions.NUM_TASK_SLOTS).filter(Entry::isWellTyped);
    }
}
