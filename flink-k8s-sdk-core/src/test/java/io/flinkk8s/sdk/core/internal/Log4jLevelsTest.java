package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class Log4jLevelsTest {

    private static final String FILE =
            """
            monitorInterval = 30
            rootLogger.level = INFO
            rootLogger.appenderRef.console.ref = ConsoleAppender
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = INFO
            logger.hadoop.name = org.apache.hadoop
            appender.console.name = ConsoleAppender
            """;

    @Test
    void replacesTheLevelsOfLoggersTheFileNamesAndKeepsEveryOtherLine() {
        String merged =
                Log4jLevels.merge(
                        FILE,
                        "WARN",
                        Map.of("org.apache.kafka", "DEBUG", "org.apache.hadoop", "ERROR"));

        assertThat(merged)
                .isEqualTo(
                        """
                        monitorInterval = 30
                        rootLogger.level = WARN
                        rootLogger.appenderRef.console.ref = ConsoleAppender
                        logger.kafka.name = org.apache.kafka
                        logger.kafka.level = DEBUG
                        logger.hadoop.name = org.apache.hadoop
                        logger.hadoop.level = ERROR
                        appender.console.name = ConsoleAppender
                        """);
    }

    @Test
    void addsANameAndLevelPairForALoggerTheFileDoesNotName() {
        String merged =
                Log4jLevels.merge(
                        "rootLogger = INFO, console\n",
                        "ERROR",
                        Map.of("org.apache.flink.runtime.checkpoint", "TRACE"));

        assertThat(merged)
                .isEqualTo(
                        """
                        rootLogger = INFO, console

                        # Log levels from spec.observability.logging
                        rootLogger.level = ERROR
                        logger.sdk_org_apache_flink_runtime_checkpoint.name = org.apache.flink.runtime.checkpoint
                        logger.sdk_org_apache_flink_runtime_checkpoint.level = TRACE
                        """);
    }

    @Test
    void leavesTheFileAsItIsWithoutLevels() {
        assertThat(Log4jLevels.merge(FILE, null, Map.of())).isSameAs(FILE);
    }

    @Test
    void theSdksDefaultFileGetsTheLevelsMergedIntoTheConfigMapsLoggingFile() {
        String merged =
                FlinkConfigFiles.logFiles(Map.of(), null, Map.of("akka", "WARN"))
                        .get(FlinkConfigFiles.LOG4J_CONSOLE);

        assertThat(merged)
                .contains("logger.akka.name = akka\nlogger.akka.level = WARN\n")
                .contains("rootLogger.level = INFO\n")
                .doesNotContain("# Log levels from spec.observability.logging");
    }
}
