package io.flinkk8s.sdk.core.render.step.observability;

import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.observability.LogLevel;
import io.flinkk8s.sdk.core.spec.observability.LoggingSpec;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The logging files of a deployment with {@code observability.logging} merged into {@code
 * log4j-console.properties}: what the standalone target's config ConfigMap and the operator
 * target's {@code logConfiguration} carry. The spec's levels win over the file's; the file's other
 * lines stay.
 */
public final class LogLevels {

    private LogLevels() {}

    /**
     * The SDK's default {@code log4j-console.properties} unless the spec has one, every other file
     * of {@code logConfiguration}, and the levels merged in.
     */
    public static SortedMap<String, String> logFiles(FlinkDeploymentSpec spec) {
        LoggingSpec logging = spec.observability().logging();
        Map<String, String> levels = new TreeMap<>();
        logging.levels().forEach((logger, level) -> levels.put(logger, level.wireValue()));
        LogLevel root = logging.rootLevel();
        return FlinkConfigFiles.logFiles(
                spec.logConfiguration(), root == null ? null : root.wireValue(), levels);
    }
}
