package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkConfigDraftTest {

    private static final FlinkConfigDraft DRAFT =
            FlinkConfigDraft.empty()
                    .with(RestOptions.PORT, 8081)
                    .with(JobManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("1600m"))
                    .with(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(30))
                    .with(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "s3://b/cp")
                    .withValue("pipeline.name", "true")
                    .withValue("env.java.opts.all", "-Da=b");

    @Test
    void valuesAreWrittenTheWayFlinkFormatsThem() {
        assertThat(DRAFT.asMap())
                .containsEntry("rest.port", "8081")
                .containsEntry("jobmanager.memory.process.size", "1600 mb")
                .containsEntry("execution.checkpointing.interval", "30 s");
    }

    @Test
    void settingAnOptionRemovesItsDeprecatedKeys() {
        FlinkConfigDraft draft =
                FlinkConfigDraft.empty()
                        .withValue("state.checkpoints.dir", "s3://old")
                        .with(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "s3://new");

        assertThat(draft.asMap()).containsOnlyKeys("execution.checkpointing.dir");
        assertThat(draft.without(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty()).isTrue();
    }

    @Test
    void readsAnOptionThroughItsDeprecatedKey() {
        FlinkConfigDraft draft =
                FlinkConfigDraft.empty().withValue("state.savepoints.dir", "s3://sp");

        assertThat(draft.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).contains("s3://sp");
    }

    @Test
    void flink2FileIsSortedYamlThatFlinkReadsBack(@TempDir Path dir) throws Exception {
        // given
        String file = DRAFT.fileContent(FlinkVersion.V2_3);
        Files.writeString(dir.resolve("config.yaml"), file);
        // when
        Configuration read = GlobalConfiguration.loadConfiguration(dir.toString());
        // then
        assertThat(file.lines().map(l -> l.substring(0, l.indexOf(':'))).toList())
                .isSorted()
                .containsExactlyElementsOf(DRAFT.asMap().keySet());
        assertThat(file).contains("pipeline.name: 'true'\n");
        assertThat(read.get(RestOptions.PORT)).isEqualTo(8081);
        assertThat(read.get(JobManagerOptions.TOTAL_PROCESS_MEMORY))
                .isEqualTo(MemorySize.parse("1600m"));
        assertThat(read.toMap()).containsEntry("pipeline.name", "true");
    }

    @Test
    void flink1FileUsesTheLegacyKeysAndUnquotedValues() {
        String file = DRAFT.fileContent(FlinkVersion.V1_20);

        assertThat(file)
                .contains("state.checkpoints.dir: s3://b/cp\n")
                .doesNotContain("execution.checkpointing.dir")
                .contains("pipeline.name: true\n")
                .contains("jobmanager.memory.process.size: 1600 mb\n");
    }

    @Test
    void draftsWithTheSameEntriesAreEqual() {
        FlinkConfigDraft typed = FlinkConfigDraft.empty().with(RestOptions.PORT, 8081);
        FlinkConfigDraft raw = FlinkConfigDraft.empty().withValue("rest.port", "8081");

        assertThat(typed).isEqualTo(raw).hasSameHashCodeAs(raw);
    }
}
