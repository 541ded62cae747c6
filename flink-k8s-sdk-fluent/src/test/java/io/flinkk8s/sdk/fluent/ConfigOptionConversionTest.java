package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Test;

/**
 * Typed Flink ConfigOptions are written in Flink's own string form: the text Flink's Configuration
 * writes, which Flink reads back to the same value.
 */
class ConfigOptionConversionTest {

    private static <T> Map<String, String> configWith(ConfigOption<T> option, T value) {
        return FlinkK8s.application("orders")
                .config(option, value)
                .buildUnvalidated()
                .flinkConfiguration();
    }

    private static <T> void assertFlinkForm(ConfigOption<T> option, T value, String expected) {
        Map<String, String> config = configWith(option, value);

        assertThat(config).isEqualTo(Map.of(option.key(), expected));
        assertThat(Configuration.fromMap(config).get(option)).isEqualTo(value);
    }

    @Test
    void durationIsWrittenAsFlinkWritesDurations() {
        assertFlinkForm(
                CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(30), "30 s");
        assertFlinkForm(
                CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMinutes(5), "5 min");
    }

    @Test
    void memorySizeIsWrittenAsFlinkWritesMemorySizes() {
        assertFlinkForm(
                TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512), "512 mb");
    }

    @Test
    void intIsWrittenAsItsDecimalText() {
        assertFlinkForm(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3, "3");
    }

    @Test
    void enumIsWrittenAsItsConstantName() {
        assertFlinkForm(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH, "BATCH");
        assertFlinkForm(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.AT_LEAST_ONCE,
                "AT_LEAST_ONCE");
    }

    @Test
    void listIsWrittenAsFlinksYamlList() {
        assertFlinkForm(
                PipelineOptions.JARS,
                List.of("file:///a.jar", "file:///b.jar"),
                "['file:///a.jar', 'file:///b.jar']");
    }

    @Test
    void typedAndRawEntriesLiveSideBySideAndTheLaterWriteOfAKeyWins() {
        Map<String, String> config =
                FlinkK8s.application("orders")
                        .config("pipeline.name", "orders")
                        .config("execution.checkpointing.num-retained", "7")
                        .config(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3)
                        .buildUnvalidated()
                        .flinkConfiguration();

        assertThat(config)
                .isEqualTo(
                        Map.of(
                                "pipeline.name", "orders",
                                "execution.checkpointing.num-retained", "3"));
    }

    @Test
    void aNullTypedValueRemovesTheEntry() {
        Map<String, String> config =
                FlinkK8s.application("orders")
                        .config(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3)
                        .config(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, null)
                        .buildUnvalidated()
                        .flinkConfiguration();

        assertThat(config).isEmpty();
    }
}
