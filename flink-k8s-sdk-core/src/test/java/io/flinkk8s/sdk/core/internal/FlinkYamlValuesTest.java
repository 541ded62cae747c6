package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.SchedulerExecutionMode;
import org.apache.flink.configuration.YamlParserUtils;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FlinkYamlValuesTest {

    /** An enum whose text is not its name, as some of Flink's described enums are. */
    private enum Spelled {
        COLON("a: b"),
        PLAIN("reactive"),
        NUMBER("12");

        private final String text;

        Spelled(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static Stream<Object> values() {
        List<Object> values = new ArrayList<>();
        values.addAll(
                List.of(
                        "s3://acme/orders/checkpoints",
                        "orders-jobmanager-rpc",
                        "0.0.0.0",
                        "kubernetes",
                        "-Dlog4j2.formatMsgNoLookups=true -Xss2m",
                        "exponential-delay",
                        "com.acme.Job",
                        "a:b",
                        "a: b",
                        "a:",
                        ":a",
                        "a #b",
                        "a#b",
                        "#a",
                        "it's",
                        "say \"hi\"",
                        "'quoted'",
                        "\"quoted\"",
                        "",
                        " ",
                        " lead",
                        "trail ",
                        "two  spaces",
                        "line\nbreak",
                        "tab\there",
                        "héllo ✓",
                        "日本",
                        "emoji 😀",
                        "true",
                        "True",
                        "false",
                        "yes",
                        "no",
                        "on",
                        "null",
                        "Null",
                        "~",
                        "123",
                        "-123",
                        "+1",
                        "0x1F",
                        "0o17",
                        "1_000",
                        "1.5",
                        "1e3",
                        ".5",
                        ".inf",
                        "-.inf",
                        ".nan",
                        "1.2.3",
                        "1..2",
                        "0.0.0.0",
                        "007",
                        "12345678901234567890",
                        "1.",
                        "1.e5",
                        "0o8",
                        "0xZZ",
                        "nan",
                        ".NaN",
                        "---",
                        "...",
                        "--x",
                        "-x",
                        "- x",
                        "-",
                        "?x",
                        "? x",
                        "*alias",
                        "&anchor",
                        "!tag",
                        "%x",
                        "@x",
                        "`x",
                        "|x",
                        ">x",
                        "[a, b]",
                        "{a: b}",
                        "a,b",
                        "a;b;c",
                        "k1:v1,k2:v2",
                        "${ENV}",
                        "$x",
                        "<<",
                        "=x",
                        "x=y",
                        "a/b/c",
                        "/abs/path",
                        "_x",
                        "C:\\path",
                        "100%",
                        "a~b"));
        values.addAll(
                List.of(
                        0,
                        6123,
                        -1,
                        Integer.MAX_VALUE,
                        Long.MIN_VALUE,
                        true,
                        false,
                        1.5d,
                        0.1f,
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        MemorySize.parse("1600m"),
                        MemorySize.parse("2g"),
                        MemorySize.parse("0"),
                        MemorySize.parse("1"),
                        MemorySize.parse("1537k"),
                        Duration.ofSeconds(30),
                        Duration.ofMillis(1500),
                        Duration.ZERO,
                        Duration.ofDays(3),
                        Duration.ofNanos(7),
                        RecoveryClaimMode.CLAIM,
                        Spelled.COLON,
                        Spelled.PLAIN,
                        Spelled.NUMBER,
                        SchedulerExecutionMode.REACTIVE,
                        List.of("a", "b"),
                        List.of(),
                        List.of("x: y", "it's"),
                        Map.of("k", "v"),
                        new LinkedHashMap<>(Map.of("a", 1))));
        return values.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("values")
    void writesEachValueExactlyAsFlinksOwnWriter(Object value) {
        assertThat(FlinkYamlValues.toYaml(value)).isEqualTo(YamlParserUtils.toYAMLString(value));
    }

    @Test
    void writesRandomTextExactlyAsFlinksOwnWriter() {
        // given: texts over the characters the direct path accepts, and some it must refuse
        Random random = new Random(20261122L);
        String alphabet = "aeflnrstuxyogkZNTE0179./_-+=@%~,: #'\"[]{}!&*?|>`\\$\té\n";
        // when / then
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertThat(FlinkYamlValues.toYaml(text))
                    .as("'%s'", text)
                    .isEqualTo(YamlParserUtils.toYAMLString(text));
        }
    }

    @Test
    void formatsMemorySizesExactlyAsFlinksMemorySize() {
        // given: amounts around every unit boundary, and random ones
        Random random = new Random(20261122L);
        List<Long> amounts = new ArrayList<>(List.of(0L, 1L, 1023L, 1024L, 1025L, 1L << 40));
        for (int shift = 0; shift <= 50; shift++) {
            for (long factor : new long[] {1, 3, 1000, 1024, 1536}) {
                amounts.add(factor << shift);
            }
        }
        for (int i = 0; i < 5_000; i++) {
            amounts.add(random.nextLong(1L << 50) >> random.nextInt(40));
        }
        // when / then
        for (long bytes : amounts) {
            assertThat(FlinkYamlValues.memorySize(new MemorySize(bytes)))
                    .as("%d bytes", bytes)
                    .isEqualTo(new MemorySize(bytes).toString());
        }
    }

    @Test
    void formatsDurationsExactlyAsFlinksTimeUtils() {
        // given: every unit and its neighbours, and random durations of each granularity
        Random random = new Random(20261122L);
        List<Duration> durations =
                new ArrayList<>(
                        List.of(
                                Duration.ZERO,
                                Duration.ofNanos(1),
                                Duration.ofNanos(1500),
                                Duration.ofMillis(1),
                                Duration.ofMillis(999),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(90),
                                Duration.ofMinutes(1),
                                Duration.ofMinutes(61),
                                Duration.ofHours(1),
                                Duration.ofHours(25),
                                Duration.ofDays(1),
                                Duration.ofDays(3).plusMillis(1)));
        long[] grains = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L};
        for (int i = 0; i < 5_000; i++) {
            long grain = grains[random.nextInt(grains.length)];
            durations.add(Duration.ofNanos(grain * random.nextLong(1L << 20)));
        }
        // when / then
        for (Duration d : durations) {
            assertThat(FlinkYamlValues.duration(d))
                    .as("%s", d)
                    .isEqualTo(TimeUtils.formatWithHighestUnit(d));
        }
    }

    @Test
    void writesTheValuesTheSdkRendersWithoutAskingFlinksWriter() {
        assertThat(
                        Stream.of(
                                "s3://acme-flink/orders/ha",
                                "orders-jobmanager-rpc",
                                "0.0.0.0",
                                "kubernetes",
                                "exponential-delay",
                                "-Dx=y",
                                MemorySize.parse("2g").toString(),
                                "30 s",
                                "6124",
                                "true",
                                "1.5",
                                "null"))
                .allMatch(FlinkYamlValues::isWrittenDirectly);
        assertThat(Stream.of("", "a: b", "a:", "it's", "~", "-1", " a", "a ", "a  b", "é"))
                .noneMatch(FlinkYamlValues::isWrittenDirectly);
    }
}
