package io.flinkk8s.sdk.core.spec.observability;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.flinkk8s.sdk.core.internal.Copies;
import java.util.Map;

/**
 * Log levels of the JobManager and TaskManagers, without writing the whole log4j file: they are
 * merged into the rendered {@code log4j-console.properties} (the SDK's default, or the spec's own
 * {@code logConfiguration} file, whose other lines are kept). A logger the file already names gets
 * its level replaced; any other gets {@code logger.<id>.name} and {@code logger.<id>.level} lines.
 * These levels win over the file's. With a logback file instead of a log4j one they are refused.
 *
 * <p>log4j re-reads the file every 30 seconds in the SDK's default (its {@code monitorInterval}),
 * so on target {@code standalone} a changed level takes effect without restarting the pods.
 *
 * @param rootLevel may be null: the file's ({@code INFO} in the SDK's default)
 * @param levels logger name (a package or class, e.g. {@code org.apache.kafka}) → level; never null
 */
public record LoggingSpec(LogLevel rootLevel, Map<String, LogLevel> levels) {

    /** Normalises only: a sorted copy of the levels, empty for null. */
    public LoggingSpec {
        levels = Copies.sortedMap(levels);
    }

    /** No level changed. */
    public static LoggingSpec unset() {
        return new LoggingSpec(null, null);
    }

    /** Whether any level is set. */
    @JsonIgnore
    public boolean isSet() {
        return rootLevel != null || !levels.isEmpty();
    }
}
