package io.flinkk8s.sdk.fluent;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/** The map and Flink-value helpers the builders share. */
final class FluentMaps {

    private FluentMaps() {}

    /** Flink's own string form of {@code value}, as Flink's {@link Configuration} writes it. */
    static <T> String flinkString(ConfigOption<T> option, T value) {
        return new Configuration().set(option, value).toMap().get(option.key());
    }

    /** Puts {@code key}, or removes it when {@code value} is null. */
    static void putOrRemove(Map<String, String> map, String key, String value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    /** Replaces every entry of {@code target} with {@code entries} (none when null). */
    static void replace(Map<String, String> target, Map<String, String> entries) {
        target.clear();
        if (entries != null) {
            target.putAll(entries);
        }
    }
}
