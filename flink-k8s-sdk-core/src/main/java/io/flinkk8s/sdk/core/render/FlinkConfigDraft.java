package io.flinkk8s.sdk.core.render;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.internal.FlinkYamlValues;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;

/**
 * The Flink configuration being rendered, sorted by key so that the written file is byte-stable.
 * SDK values go in through Flink {@link ConfigOption}s and keep their type, so keys are never typed
 * by hand and values are written the way Flink writes them ({@code 1600 mb}, {@code 30 s}, {@code
 * 8081}); free-form user values are kept as given. Immutable: every change returns a new draft.
 *
 * <p>Keys are the ones Flink 2.x uses; {@link #fileContent} writes the legacy key where a Flink 1.x
 * release needs it.
 */
public final class FlinkConfigDraft {

    private static final FlinkConfigDraft EMPTY = new FlinkConfigDraft(new String[0], new Entry[0]);

    /** A value and the option that types it; {@code option} is null for a free-form value. */
    private record Entry(ConfigOption<?> option, Object value) {}

    // Sorted by key, never changed: a change copies the two small arrays (a draft holds a few
    // dozen entries), which is cheaper than copying a sorted map.
    private final String[] keys;
    private final Entry[] entries;

    // Derived from the immutable entries on first use; a race only computes the same value twice.
    private volatile SortedMap<String, String> strings;
    private volatile String standardYaml;
    private volatile String legacyYaml;
    private volatile String standardSha256;
    private volatile String legacySha256;

    private FlinkConfigDraft(String[] keys, Entry[] entries) {
        this.keys = keys;
        this.entries = entries;
    }

    /** A draft without entries. */
    public static FlinkConfigDraft empty() {
        return EMPTY;
    }

    /**
     * A copy with {@code option} set to {@code value}. Entries under the option's deprecated keys
     * are removed, so that exactly one key carries the value.
     */
    public <T> FlinkConfigDraft with(ConfigOption<T> option, T value) {
        Objects.requireNonNull(value, () -> "value of " + option.key());
        return withoutKeys(ManagedConfigKeys.allKeys(option))
                .put(option.key(), new Entry(option, value));
    }

    /**
     * A copy with the free-form {@code key} set to {@code value} as given; for keys the SDK has no
     * {@link ConfigOption} for, i.e. the user's {@code flinkConfiguration}.
     */
    public FlinkConfigDraft withValue(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, () -> "value of " + key);
        return put(key, new Entry(null, value));
    }

    /** A copy without {@code option}, under its key and every deprecated key. */
    public FlinkConfigDraft without(ConfigOption<?> option) {
        return withoutKeys(ManagedConfigKeys.allKeys(option));
    }

    /** The value under exactly {@code key}, in Flink's string form. */
    public Optional<String> value(String key) {
        int at = Arrays.binarySearch(keys, key);
        return at < 0 ? Optional.empty() : Optional.of(asString(entries[at]));
    }

    /** The value of {@code option}, read the way Flink reads it (deprecated keys included). */
    public <T> Optional<T> get(ConfigOption<T> option) {
        return toConfiguration().getOptional(option);
    }

    /** Every entry in Flink's string form, sorted by key; unmodifiable. */
    public SortedMap<String, String> asMap() {
        SortedMap<String, String> s = strings;
        if (s == null) {
            TreeMap<String, String> map = new TreeMap<>();
            for (int i = 0; i < keys.length; i++) {
                map.put(keys[i], asString(entries[i]));
            }
            s = Collections.unmodifiableSortedMap(map);
            strings = s;
        }
        return s;
    }

    /** A new Flink {@link Configuration} with every entry, typed where an option typed it. */
    @SuppressWarnings("unchecked")
    public Configuration toConfiguration() {
        Configuration conf = new Configuration();
        for (int i = 0; i < keys.length; i++) {
            Entry e = entries[i];
            if (e.option() == null) {
                conf.setString(keys[i], (String) e.value());
            } else {
                conf.set((ConfigOption<Object>) e.option(), e.value());
            }
        }
        return conf;
    }

    /**
     * The configuration file Flink {@code version} reads, sorted by key, one {@code key: value}
     * line per entry:
     *
     * <ul>
     *   <li>Flink 2.x, {@code config.yaml} (standard YAML): each value as Flink's own writer writes
     *       it ({@link Configuration#toFileWritableMap()}, the one behind {@code
     *       ConfigurationUtils.convertConfigToWritableLines}), which quotes where YAML needs it (a
     *       string {@code 'true'} stays a string). Flink writes in hash order; sorting keeps the
     *       file byte-stable;
     *   <li>Flink 1.x, {@code flink-conf.yaml} (Flink's legacy line parser, which neither unquotes
     *       nor allows {@code #} in a value): values as Flink formats them, unquoted, with the 1.x
     *       name of keys 2.x renamed ({@link FlinkConfigFiles#LEGACY_KEYS}).
     * </ul>
     */
    public String fileContent(FlinkVersion version) {
        if (version.isAtLeast2()) {
            String s = standardYaml;
            if (s == null) {
                s = standardYaml();
                standardYaml = s;
            }
            return s;
        }
        String s = legacyYaml;
        if (s == null) {
            s = lines(FlinkConfigFiles.withLegacyKeys(asMap()));
            legacyYaml = s;
        }
        return s;
    }

    /**
     * The hex SHA-256 of {@link #fileContent} for {@code version} (UTF-8), computed once per draft:
     * the workload steps annotate their pods with it so that a config change rolls them.
     */
    public String fileSha256(FlinkVersion version) {
        boolean standard = version.isAtLeast2();
        String s = standard ? standardSha256 : legacySha256;
        if (s == null) {
            s = FlinkConfigFiles.sha256(fileContent(version));
            if (standard) {
                standardSha256 = s;
            } else {
                legacySha256 = s;
            }
        }
        return s;
    }

    /** Whether there is no entry. */
    public boolean isEmpty() {
        return keys.length == 0;
    }

    /**
     * What {@code toConfiguration().toFileWritableMap()} holds, sorted, written value by value
     * without building the {@link Configuration} (see {@link FlinkYamlValues}). An option that may
     * be a prefix map removes other keys when it is set, so with one of those Flink's own path is
     * taken.
     */
    private String standardYaml() {
        for (Entry e : entries) {
            if (e.option() != null && ConfigurationUtils.canBePrefixMap(e.option())) {
                return lines(new TreeMap<>(toConfiguration().toFileWritableMap()));
            }
        }
        StringBuilder sb = new StringBuilder(keys.length * 48);
        for (int i = 0; i < keys.length; i++) {
            sb.append(keys[i]).append(": ");
            sb.append(FlinkYamlValues.toYaml(entries[i].value())).append('\n');
        }
        return sb.toString();
    }

    private static String lines(Map<String, String> entries) {
        StringBuilder sb = new StringBuilder();
        entries.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    private static String asString(Entry e) {
        return e.option() == null
                ? (String) e.value()
                : ConfigurationUtils.convertValue(e.value(), String.class);
    }

    /** A copy with {@code key} set to {@code entry}, in sorted place. */
    private FlinkConfigDraft put(String key, Entry entry) {
        int at = Arrays.binarySearch(keys, key);
        if (at >= 0) {
            Entry[] e = entries.clone();
            e[at] = entry;
            return new FlinkConfigDraft(keys, e);
        }
        int insert = -at - 1;
        String[] k = new String[keys.length + 1];
        Entry[] e = new Entry[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, insert);
        System.arraycopy(entries, 0, e, 0, insert);
        k[insert] = key;
        e[insert] = entry;
        System.arraycopy(keys, insert, k, insert + 1, keys.length - insert);
        System.arraycopy(entries, insert, e, insert + 1, keys.length - insert);
        return new FlinkConfigDraft(k, e);
    }

    /** This draft when it has none of {@code remove}, else a copy without them. */
    private FlinkConfigDraft withoutKeys(List<String> remove) {
        int present = 0;
        for (String key : remove) {
            if (Arrays.binarySearch(keys, key) >= 0) {
                present++;
            }
        }
        if (present == 0) {
            return this;
        }
        String[] k = new String[keys.length - present];
        Entry[] e = new Entry[keys.length - present];
        int j = 0;
        for (int i = 0; i < keys.length; i++) {
            if (!remove.contains(keys[i])) {
                k[j] = keys[i];
                e[j] = entries[i];
                j++;
            }
        }
        return new FlinkConfigDraft(k, e);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof FlinkConfigDraft other && asMap().equals(other.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return "FlinkConfigDraft" + asMap();
    }
}
