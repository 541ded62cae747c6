package io.flinkk8s.sdk.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * The files of the Flink config ConfigMap besides the config file (which {@code
 * FlinkConfigDraft.fileContent} writes): the logging files, the 1.x key names, and the hash that
 * rolls pods on a config change. Shared by the step that writes the ConfigMap, the step that mounts
 * it and the workload steps, so that all three agree. Internal: not API, may change in any release.
 */
public final class FlinkConfigFiles {

    /** The logging file Flink's container entrypoint uses. */
    public static final String LOG4J_CONSOLE = "log4j-console.properties";

    /**
     * 2.x key → 1.x key. Flink 1.20 reads both directory keys; 1.18 and 1.19 only the legacy ones;
     * Flink 1.x knows the adaptive scheduler's cooldown only as {@code scaling-interval.min}. Each
     * legacy key is one of the option's deprecated keys in Flink 2.x (a test checks that).
     */
    public static final Map<String, String> LEGACY_KEYS =
            Map.of(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(), "state.checkpoints.dir",
                    CheckpointingOptions.SAVEPOINT_DIRECTORY.key(), "state.savepoints.dir",
                    JobManagerOptions.SCHEDULER_EXECUTING_COOLDOWN_AFTER_RESCALING.key(),
                            "jobmanager.adaptive-scheduler.scaling-interval.min",
                    StateRecoveryOptions.LOCAL_RECOVERY.key(), "state.backend.local-recovery");

    private static final String DEFAULT_LOG4J =
            resource("/io/flinkk8s/sdk/core/render/" + LOG4J_CONSOLE);

    private FlinkConfigFiles() {}

    /**
     * The logging files: Flink's console log4j configuration (the SDK's default unless the spec
     * provides its own) and every file of the spec's {@code logConfiguration}, sorted by file name.
     */
    public static SortedMap<String, String> logFiles(Map<String, String> logConfiguration) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put(LOG4J_CONSOLE, DEFAULT_LOG4J);
        files.putAll(logConfiguration);
        return Collections.unmodifiableSortedMap(files);
    }

    /**
     * The logging files as {@link #logFiles(Map)} makes them, with log levels merged into {@value
     * #LOG4J_CONSOLE} ({@link Log4jLevels}).
     *
     * @param rootLevel the root logger's level; may be null
     * @param levels logger name → level
     */
    public static SortedMap<String, String> logFiles(
            Map<String, String> logConfiguration, String rootLevel, Map<String, String> levels) {
        SortedMap<String, String> files = new TreeMap<>(logFiles(logConfiguration));
        files.put(LOG4J_CONSOLE, Log4jLevels.merge(files.get(LOG4J_CONSOLE), rootLevel, levels));
        return Collections.unmodifiableSortedMap(files);
    }

    /** The hex SHA-256 of {@code content} (UTF-8); rolls pods when their config file changes. */
    public static String sha256(String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * {@code entries} with each 2.x key of {@link #LEGACY_KEYS} renamed to its 1.x key; an entry
     * already under the 1.x key wins.
     */
    public static SortedMap<String, String> withLegacyKeys(Map<String, String> entries) {
        SortedMap<String, String> renamed = new TreeMap<>(entries);
        LEGACY_KEYS.forEach(
                (key, legacy) -> {
                    String value = renamed.remove(key);
                    if (value != null) {
                        renamed.putIfAbsent(legacy, value);
                    }
                });
        return renamed;
    }

    private static String resource(String path) {
        try (InputStream in = FlinkConfigFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("SDK bug: resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
