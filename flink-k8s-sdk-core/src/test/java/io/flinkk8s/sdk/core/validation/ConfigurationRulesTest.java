package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.testing.Specs;
import io.flinkk8s.sdk.core.validation.internal.FlinkOptionRules;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationRulesTest {

    private static FlinkDeploymentSpec withConfig(Map<String, String> configuration) {
        return Specs.statefulHa().edit().flinkConfiguration(configuration).build();
    }

    /** Each key once, with the option it names (rest.port is one option's key, another's alias). */
    static Stream<Arguments> ownedKeysAndAliases() {
        return ManagedConfigKeys.owned().stream()
                .flatMap(o -> ManagedConfigKeys.allKeys(o).stream())
                .distinct()
                .map(k -> Arguments.of(k, ManagedConfigKeys.ownedOption(k).orElseThrow()));
    }

    @ParameterizedTest
    @MethodSource("ownedKeysAndAliases")
    void rejectsEveryOwnedKeyAndAliasSayingWhatDerivesIt(String key, ConfigOption<?> option) {
        String alias = key.equals(option.key()) ? "" : " (an alias of '" + option.key() + "')";

        assertThat(Violations.of(withConfig(Map.of(key, "mine"))))
                .singleElement()
                .asString()
                .startsWith(
                        "flinkConfiguration['"
                                + key
                                + "']: is managed by the SDK and must not be set"
                                + alias
                                + ": ")
                .endsWith(", was 'mine'");
    }

    @Test
    void explainsTheRpcAddressAndTheHaTypeAlias() {
        FlinkDeploymentSpec spec =
                withConfig(
                        Map.of(
                                "jobmanager.rpc.address", "flink-jobmanager",
                                "high-availability", "zookeeper"));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "flinkConfiguration['high-availability']: is managed by the SDK and must"
                                + " not be set (an alias of 'high-availability.type'): it is derived"
                                + " from highAvailability.type, was 'zookeeper'",
                        "flinkConfiguration['jobmanager.rpc.address']: is managed by the SDK and"
                                + " must not be set: it is the JobManager RPC Service's name, was"
                                + " 'flink-jobmanager'");
    }

    @Test
    void everyDerivedKeyAndAliasHasATypeRule() {
        assertThat(ManagedConfigKeys.derived())
                .flatExtracting(ManagedConfigKeys::allKeys)
                .allSatisfy(key -> assertThat(FlinkOptionRules.forKey(key)).isPresent());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "taskmanager.numberOfTaskSlots | two | must be a positive integer",
                "taskmanager.numberOfTaskSlots | 0 | must be a positive integer",
                "parallelism.default | -1 | must be a positive integer",
                "parallelism.default | 1.5 | must be a positive integer",
                "execution.checkpointing.interval | soon | must be a positive duration such as 30 s"
                        + " or 5 min",
                "execution.checkpointing.interval | 0 s | must be a positive duration such as 30 s"
                        + " or 5 min",
                "taskmanager.memory.process.size | lots | must be a positive memory size such as"
                        + " 1728m or 2g",
                "jobmanager.memory.process.size | 0 | must be a positive memory size such as 1728m"
                        + " or 2g",
                "execution.checkpointing.dir | /local/cp | must be a URI with a scheme, such as"
                        + " s3://bucket/path",
                "state.savepoints.dir | sp | must be a URI with a scheme, such as s3://bucket/path",
                "high-availability.storageDir | ha | must be a URI with a scheme, such as"
                        + " s3://bucket/path",
                "taskmanager.memory.managed.fraction | 1.5 | must be a number >= 0 and < 1",
                "taskmanager.cpu.cores | -1 | must be a positive number",
                "jobmanager.memory.off-heap.size | much | must be a memory size such as 256m or 1g"
            })
    void typeChecksDerivedAndMemoryKeysWithFlinksParsing(String key, String value, String message) {
        assertThat(Violations.of(withConfig(Map.of(key, value))))
                .containsExactly(
                        "flinkConfiguration['" + key + "']: " + message + ", was '" + value + "'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "taskmanager.numberOfTaskSlots | 2",
                "parallelism.default | 6",
                "execution.checkpointing.interval | 30 s",
                "execution.checkpointing.interval | 1min",
                "taskmanager.memory.process.size | 4g",
                "execution.checkpointing.dir | s3://bucket/cp",
                "state.savepoints.dir | s3://bucket/sp",
                "taskmanager.memory.managed.fraction | 0.2",
                "jobmanager.memory.off-heap.size | 64m",
                "pipeline.name | anything at all",
                "execution.checkpointing.num-retained | not-checked-here"
            })
    void acceptsWellTypedDerivedKeysAndAnyValueForOtherKeys(String key, String value) {
        assertThat(Violations.of(withConfig(Map.of(key, value)))).isEmpty();
    }

    @Test
    void rejectsNullValuesAndBlankKeys() {
        Map<String, String> configuration = new HashMap<>();
        configuration.put("pipeline.name", null);
        configuration.put(" ", "x");

        assertThat(Violations.of(withConfig(configuration)))
                .containsExactly(
                        "flinkConfiguration[' ']: key must not be blank, was ' '",
                        "flinkConfiguration['pipeline.name']: must not be null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"log4j-console.properties", "logback-console.xml"})
    void acceptsTheConsoleLoggingFiles(String file) {
        FlinkDeploymentSpec spec =
                Specs.statefulHa().edit().logConfiguration(Map.of(file, "content")).build();

        assertThat(Violations.of(spec)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"log4j.properties", "logback.xml", "log4j-cli.properties"})
    void rejectsOtherLoggingFiles(String file) {
        FlinkDeploymentSpec spec =
                Specs.statefulHa().edit().logConfiguration(Map.of(file, "content")).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "logConfiguration['"
                                + file
                                + "']: key must be one of log4j-console.properties,"
                                + " logback-console.xml (the files Flink's console logging reads),"
                                + " was '"
                                + file
                                + "'");
    }

    @Test
    void rejectsANullLoggingFile() {
        Map<String, String> files = new HashMap<>();
        files.put("log4j-console.properties", null);

        assertThat(Violations.of(Specs.statefulHa().edit().logConfiguration(files).build()))
                .containsExactly("logConfiguration['log4j-console.properties']: must not be null");
    }
}
