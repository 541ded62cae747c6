package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
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

    /** User values that YAML and Flink's parsers treat specially, and typed values of each kind. */
    private static final FlinkConfigDraft TRICKY =
            DRAFT.withValue("a.quote", "it's")
                    .withValue("a.double-quote", "say \"hi\"")
                    .withValue("a.colon-space", "a: b")
                    .withValue("a.colon", "host:8081")
                    .withValue("a.hash", "a #b")
                    .withValue("a.list", "a;b;c")
                    .withValue("a.yaml-list", "[a, b]")
                    .withValue("a.map", "k1:v1,k2:v2")
                    .withValue("a.unicode", "héllo ✓ 日本")
                    .withValue("a.empty", "")
                    .withValue("a.spaces", " lead and trail ")
                    .withValue("a.number", "1.5")
                    .withValue("a.null", "null")
                    .withValue("a.tilde", "~")
                    .withValue("a.dash", "- x")
                    .withValue("a.duration", "1 min")
                    .with(PipelineOptions.JARS, List.of("local:///a.jar", "s3://b/c d.jar"))
                    .with(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM)
                    .with(JobManagerOptions.PORT, 6123)
                    .with(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMillis(1500));

    /** Flink's own way to write {@code draft}: its Configuration's writable map, sorted. */
    private static String writtenByFlink(FlinkConfigDraft draft) {
        StringBuilder flink = new StringBuilder();
        new TreeMap<>(draft.toConfiguration().toFileWritableMap())
                .forEach((k, v) -> flink.append(k).append(": ").append(v).append('\n'));
        return flink.toString();
    }

    @Test
    void flink2FileIsExactlyWhatFlinksOwnWriterWrites() {
        assertThat(TRICKY.fileContent(FlinkVersion.V2_3)).isEqualTo(writtenByFlink(TRICKY));
    }

    @Test
    void flink2FileOfTrickyValuesReadsBackAsTheSameConfiguration(@TempDir Path dir)
            throws Exception {
        // given
        Files.writeString(dir.resolve("config.yaml"), TRICKY.fileContent(FlinkVersion.V2_3));
        // when
        Configuration read = GlobalConfiguration.loadConfiguration(dir.toString());
        // then
        assertThat(read.toMap()).isEqualTo(TRICKY.toConfiguration().toMap());
        assertThat(read.get(PipelineOptions.JARS))
                .containsExactly("local:///a.jar", "s3://b/c d.jar");
        assertThat(read.get(StateRecoveryOptions.RESTORE_MODE)).isEqualTo(RecoveryClaimMode.CLAIM);
        assertThat(read.toMap()).containsEntry("a.quote", "it's").containsEntry("a.empty", "");
    }

    @Test
    void aMapOptionIsWrittenThroughFlinksConfigurationWhichRemovesTheKeysItPrefixes() {
        // given: Flink's Configuration drops "a.labels.*" keys set before the map option
        ConfigOption<Map<String, String>> labels =
                ConfigOptions.key("a.labels").mapType().noDefaultValue();
        FlinkConfigDraft draft =
                TRICKY.withValue("a.labels.team", "x")
                        .withValue("a.label", "y")
                        .with(labels, Map.of("team", "y: z"))
                        .with(PipelineOptions.GLOBAL_JOB_PARAMETERS, Map.of("k", "v"));
        // when
        String file = draft.fileContent(FlinkVersion.V2_3);
        // then
        assertThat(file)
                .isEqualTo(writtenByFlink(draft))
                .contains("a.labels: {team: 'y: z'}\n")
                .contains("pipeline.global-job-parameters: {k: v}\n");
    }

    @Test
    void fileSha256IsTheHashOfTheFileOfEachVersion() {
        assertThat(DRAFT.fileSha256(FlinkVersion.V2_3))
                .isEqualTo(FlinkConfigFiles.sha256(DRAFT.fileContent(FlinkVersion.V2_3)))
                .isEqualTo(DRAFT.fileSha256(FlinkVersion.V2_0));
        assertThat(DRAFT.fileSha256(FlinkVersion.V1_20))
                .isEqualTo(FlinkConfigFiles.sha256(DRAFT.fileContent(FlinkVersion.V1_20)))
                .isNotEqualTo(DRAFT.fileSha256(FlinkVersion.V2_3));
    }
}
