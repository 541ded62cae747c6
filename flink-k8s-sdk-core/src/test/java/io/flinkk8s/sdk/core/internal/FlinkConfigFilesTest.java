package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;

class FlinkConfigFilesTest {

    @Test
    void everyLegacyKeyIsOneOfFlinksDeprecatedKeysOfTheOption() {
        for (ConfigOption<?> option :
                List.<ConfigOption<?>>of(
                        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        CheckpointingOptions.SAVEPOINT_DIRECTORY,
                        JobManagerOptions.SCHEDULER_EXECUTING_COOLDOWN_AFTER_RESCALING,
                        StateRecoveryOptions.LOCAL_RECOVERY)) {
            String legacy = FlinkConfigFiles.LEGACY_KEYS.get(option.key());

            assertThat(ManagedConfigKeys.allKeys(option)).as(option.key()).contains(legacy);
        }
        assertThat(FlinkConfigFiles.LEGACY_KEYS).hasSize(4);
    }

    @Test
    void renamingKeepsAnEntryAlreadyUnderTheLegacyKey() {
        Map<String, String> renamed =
                FlinkConfigFiles.withLegacyKeys(
                        Map.of(
                                "execution.checkpointing.dir", "new",
                                "state.checkpoints.dir", "old",
                                "execution.checkpointing.savepoint-dir", "sp"));

        assertThat(renamed)
                .containsOnly(
                        Map.entry("state.checkpoints.dir", "old"),
                        Map.entry("state.savepoints.dir", "sp"));
    }

    @Test
    void theDefaultLogConfigIsReplacedByTheSpecs() {
        assertThat(FlinkConfigFiles.logFiles(Map.of()))
                .containsOnlyKeys(FlinkConfigFiles.LOG4J_CONSOLE);
        assertThat(FlinkConfigFiles.logFiles(Map.of("log4j-console.properties", "x")))
                .containsExactly(Map.entry(FlinkConfigFiles.LOG4J_CONSOLE, "x"));
    }
}
