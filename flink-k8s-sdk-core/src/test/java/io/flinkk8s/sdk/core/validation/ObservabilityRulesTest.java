package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.observability.LogLevel;
import io.flinkk8s.sdk.core.spec.observability.LoggingSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityRulesTest {

    private static FlinkDeploymentSpec with(PrometheusSpec prometheus, LoggingSpec logging) {
        return Specs.minimalApplication()
                .edit()
                .observability(new ObservabilitySpec(prometheus, logging))
                .build();
    }

    @Test
    void acceptsTheReporterAPodMonitorAndLogLevels() {
        assertThat(
                        Violations.of(
                                with(
                                        new PrometheusSpec(
                                                true, 9250, false, true, Map.of("release", "p")),
                                        new LoggingSpec(
                                                LogLevel.WARN,
                                                Map.of("org.apache.kafka", LogLevel.DEBUG)))))
                .isEmpty();
    }

    @Test
    void rejectsAReporterPortThatIsNotFreeInTheFlinkContainer() {
        assertThat(Violations.of(with(new PrometheusSpec(true, 8081, null, null, null), null)))
                .containsExactly(
                        "observability.prometheus.port: must not be one of Flink's own ports"
                                + " [6121, 6122, 6123, 6124, 8081], was 8081");
        assertThat(Violations.of(with(new PrometheusSpec(true, 0, null, null, null), null)))
                .containsExactly(
                        "observability.prometheus.port: must be a port from 1 to 65535, was 0");
    }

    @Test
    void refusesTheReporterOptionsInFlinkConfigurationWhileThePolicyWritesThem() {
        FlinkDeploymentSpec spec =
                with(new PrometheusSpec(true, null, null, null, null), null)
                        .withFlinkConfiguration(Map.of("metrics.reporter.prom.port", "9999"));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "flinkConfiguration['metrics.reporter.prom.port']: is set by"
                                + " observability.prometheus and must not be set here; change"
                                + " observability.prometheus instead, was '9999'");
    }

    @Test
    void reportsReporterFieldsThatHaveNoEffectAndBadMonitorLabels() {
        assertThat(Violations.of(with(new PrometheusSpec(null, 9250, null, true, null), null)))
                .containsExactly(
                        "observability.prometheus.port: has no effect while"
                                + " observability.prometheus.enabled is not true, was 9250",
                        "observability.prometheus.podMonitor: has no effect while"
                                + " observability.prometheus.enabled is not true, was true");
        assertThat(
                        Violations.of(
                                with(
                                        new PrometheusSpec(
                                                true,
                                                null,
                                                null,
                                                true,
                                                Map.of("app.kubernetes.io/instance", "x")),
                                        null)))
                .containsExactly(
                        "observability.prometheus.podMonitorLabels['app.kubernetes.io/instance']:"
                                + " is reserved: the SDK sets it on every object, was 'x'");
    }

    @Test
    void rejectsALoggerThatIsNoNameAndANullLevel() {
        Map<String, LogLevel> levels = new HashMap<>();
        levels.put("org apache", LogLevel.DEBUG);
        levels.put("org.apache.kafka", null);

        assertThat(Violations.of(with(null, new LoggingSpec(null, levels))))
                .containsExactly(
                        "observability.logging.levels['org apache']: key must be a logger name: a"
                                + " package or class such as org.apache.kafka, was 'org apache'",
                        "observability.logging.levels['org.apache.kafka']: must be one of TRACE,"
                                + " DEBUG, INFO, WARN, ERROR, OFF");
    }

    @Test
    void refusesLogLevelsNextToALogbackFileTheyCannotBeMergedInto() {
        FlinkDeploymentSpec spec =
                with(null, new LoggingSpec(LogLevel.WARN, null))
                        .edit()
                        .logConfiguration(Map.of("logback-console.xml", "<configuration/>"))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "observability.logging: are merged into log4j-console.properties, but"
                                + " logConfiguration has logback-console.xml: set the levels in"
                                + " that file, or drop it, was 'logback-console.xml'");
    }
}
