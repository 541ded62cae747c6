package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbeType;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbeRulesTest {

    private static final String PORTS =
            "must be a port of the container: one of [blob-server, rest, rpc] or [6123, 6124,"
                    + " 8081] (add others to the pod template's flink-main-container container)";

    private static FlinkDeploymentSpec withProbes(ProbePolicy probes) {
        return Specs.minimalApplication().edit().probes(probes).build();
    }

    /** Only the JobManager readiness probe set; the others keep their defaults. */
    private static FlinkDeploymentSpec jobManagerReadiness(ProbeSpec readiness) {
        return withProbes(new ProbePolicy(null, readiness, null, null, null, null));
    }

    private static FlinkDeploymentSpec jobManagerLiveness(ProbeSpec liveness) {
        return withProbes(new ProbePolicy(null, null, liveness, null, null, null));
    }

    private static ProbeSpec timings(
            Duration initialDelay,
            Duration period,
            Duration timeout,
            Integer success,
            Integer failure) {
        return new ProbeSpec(
                null,
                null,
                null,
                null,
                null,
                null,
                initialDelay,
                period,
                timeout,
                success,
                failure);
    }

    @Test
    void theDefaultProbesAreValid() {
        assertThat(Violations.of(Specs.minimalApplication())).isEmpty();
        assertThat(Violations.of(Specs.statefulHa())).isEmpty();
        assertThat(Violations.of(Specs.session())).isEmpty();
    }

    @Test
    void acceptsEveryProbeTypeOnPortsTheContainerHasByNameOrNumber() {
        ProbePolicy probes =
                new ProbePolicy(
                        ProbeSpec.httpGet("/overview", "8081"),
                        ProbeSpec.tcpSocket("blob-server"),
                        ProbeSpec.exec(List.of("/bin/true")),
                        ProbeSpec.tcpSocket("6122"),
                        ProbeSpec.tcpSocket("rpc"),
                        ProbeSpec.disabled());

        assertThat(Violations.of(withProbes(probes))).isEmpty();
    }

    @Test
    void rejectsPortsTheContainerDoesNotHave() {
        ProbePolicy probes =
                new ProbePolicy(
                        ProbeSpec.httpGet("/config", "metrics"),
                        ProbeSpec.tcpSocket("6122"),
                        null,
                        ProbeSpec.tcpSocket("rest"),
                        null,
                        null);

        assertThat(Violations.of(withProbes(probes)))
                .containsExactly(
                        "probes.jobManagerStartup.port: " + PORTS + ", was 'metrics'",
                        "probes.jobManagerReadiness.port: " + PORTS + ", was '6122'",
                        "probes.taskManagerStartup.port: must be a port of the container: one of"
                                + " [rpc] or [6122] (add others to the pod template's"
                                + " flink-main-container container), was 'rest'");
    }

    @Test
    void acceptsAPortThePodTemplateAddsToTheMainContainer() {
        PodTemplateSpec template =
                new PodTemplateSpecBuilder()
                        .withNewSpec()
                        .addNewContainer()
                        .withName(FlinkPorts.MAIN_CONTAINER)
                        .addNewPort()
                        .withName("metrics")
                        .withContainerPort(9249)
                        .endPort()
                        .endContainer()
                        .endSpec()
                        .build();
        FlinkDeploymentSpec spec =
                withProbes(
                                new ProbePolicy(
                                        null,
                                        null,
                                        null,
                                        null,
                                        ProbeSpec.httpGet("/metrics", "metrics"),
                                        ProbeSpec.tcpSocket("9249")))
                        .edit()
                        .taskManager(new TaskManagerSpec(null, null, null, template))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }

    @Test
    void rejectsChecksThatDoNotFitTheirType() {
        ProbeSpec httpWithCommand =
                new ProbeSpec(
                        null,
                        ProbeType.HTTP_GET,
                        null,
                        "rest",
                        List.of("x"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        ProbeSpec relativePath = ProbeSpec.httpGet("config", "rest");
        ProbeSpec tcpWithPath =
                new ProbeSpec(
                        null,
                        ProbeType.TCP_SOCKET,
                        "/config",
                        "rpc",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        ProbeSpec execWithPort =
                new ProbeSpec(
                        null,
                        ProbeType.EXEC,
                        null,
                        "rpc",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        ProbeSpec httpWithoutPath =
                new ProbeSpec(
                        null,
                        ProbeType.HTTP_GET,
                        null,
                        "rpc",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        ProbePolicy probes =
                new ProbePolicy(
                        httpWithCommand,
                        relativePath,
                        tcpWithPath,
                        execWithPort,
                        httpWithoutPath,
                        null);

        assertThat(Violations.of(withProbes(probes)))
                .containsExactly(
                        "probes.jobManagerStartup.command: must only be set for an exec probe,"
                                + " was [x]",
                        "probes.jobManagerReadiness.path: must start with /, was 'config'",
                        "probes.jobManagerLiveness.path: must only be set for an http-get probe,"
                                + " was '/config'",
                        "probes.taskManagerStartup.command: must not be empty for an exec probe",
                        "probes.taskManagerStartup.port: must not be set for an exec probe, was"
                                + " 'rpc'",
                        "probes.taskManagerReadiness.path: must be set for an http-get probe");
    }

    @Test
    void rejectsATimeoutThatIsNotBelowThePeriod() {
        FlinkDeploymentSpec equal =
                jobManagerReadiness(
                        timings(null, Duration.ofSeconds(5), Duration.ofSeconds(5), null, null));

        assertThat(Violations.of(equal))
                .containsExactly(
                        "probes.jobManagerReadiness.timeout: must be less than the period (5 s),"
                                + " or probes overlap, was '5 s'");
        assertThat(
                        Violations.of(
                                jobManagerReadiness(
                                        timings(
                                                null,
                                                Duration.ofSeconds(5),
                                                Duration.ofSeconds(4),
                                                null,
                                                null))))
                .isEmpty();
    }

    @Test
    void rejectsTimesThatAreNotWholeSecondsOrTooSmall() {
        FlinkDeploymentSpec spec =
                jobManagerReadiness(
                        timings(
                                Duration.ofSeconds(-1),
                                Duration.ofMillis(2500),
                                Duration.ZERO,
                                null,
                                null));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "probes.jobManagerReadiness.period: must be whole seconds: Kubernetes"
                                + " counts it in seconds, was '2500 ms'",
                        "probes.jobManagerReadiness.timeout: must be >= 1 s, was '0 ms'",
                        "probes.jobManagerReadiness.initialDelay: must be >= 0 ms, was '-1 s'");
    }

    @Test
    void rejectsThresholdsBelowOne() {
        assertThat(Violations.of(jobManagerReadiness(timings(null, null, null, 0, 0))))
                .containsExactly(
                        "probes.jobManagerReadiness.successThreshold: must be >= 1, was 0",
                        "probes.jobManagerReadiness.failureThreshold: must be >= 1, was 0");
    }

    @Test
    void aReadinessProbeMayNeedSeveralSuccessesButLivenessAndStartupExactlyOne() {
        ProbeSpec twice = timings(null, null, null, 2, null);

        assertThat(Violations.of(jobManagerReadiness(twice))).isEmpty();
        assertThat(Violations.of(withProbes(new ProbePolicy(twice, null, twice, null, null, null))))
                .containsExactly(
                        "probes.jobManagerStartup.successThreshold: must be 1 for a startup"
                                + " probe, as Kubernetes requires, was 2",
                        "probes.jobManagerLiveness.successThreshold: must be 1 for a liveness"
                                + " probe, as Kubernetes requires, was 2");
    }

    @Test
    void aDisabledProbeIsNotJudged() {
        ProbeSpec disabledButBroken =
                new ProbeSpec(
                        false,
                        ProbeType.HTTP_GET,
                        "no-slash",
                        "nowhere",
                        null,
                        null,
                        null,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(9),
                        0,
                        0);

        assertThat(Violations.of(jobManagerReadiness(disabledButBroken))).isEmpty();
    }

    @Test
    void aCustomProbeIsRenderedAsGivenAndExcludesTheOtherFields() {
        Probe custom =
                new ProbeBuilder()
                        .withNewHttpGet()
                        .withPath("/overview")
                        .withNewPort("rest")
                        .endHttpGet()
                        .build();
        ProbeSpec both =
                new ProbeSpec(
                        null,
                        ProbeType.TCP_SOCKET,
                        null,
                        "rpc",
                        null,
                        custom,
                        null,
                        Duration.ofSeconds(5),
                        null,
                        null,
                        null);

        assertThat(Violations.of(jobManagerLiveness(ProbeSpec.custom(custom)))).isEmpty();
        assertThat(Violations.of(jobManagerLiveness(both)))
                .containsExactly(
                        "probes.jobManagerLiveness.type: must not be set together with custom",
                        "probes.jobManagerLiveness.port: must not be set together with custom",
                        "probes.jobManagerLiveness.period: must not be set together with custom");
    }

    @Test
    void aCustomProbeKeepsTheSameTimingThresholdAndPortRules() {
        Probe custom =
                new ProbeBuilder()
                        .withNewTcpSocket()
                        .withNewPort(9999)
                        .endTcpSocket()
                        .withNewExec()
                        .withCommand("true")
                        .endExec()
                        .withPeriodSeconds(3)
                        .withTimeoutSeconds(3)
                        .withSuccessThreshold(2)
                        .withFailureThreshold(0)
                        .withInitialDelaySeconds(-1)
                        .build();

        assertThat(Violations.of(jobManagerLiveness(ProbeSpec.custom(custom))))
                .containsExactly(
                        "probes.jobManagerLiveness.custom: must have exactly one handler of"
                                + " httpGet, tcpSocket, exec and grpc, has 2",
                        "probes.jobManagerLiveness.custom.tcpSocket.port: "
                                + PORTS
                                + ", was '9999'",
                        "probes.jobManagerLiveness.custom.timeoutSeconds: must be less than the"
                                + " period (3 s), or probes overlap, was '3 s'",
                        "probes.jobManagerLiveness.custom.initialDelaySeconds: must be >= 0, was"
                                + " -1",
                        "probes.jobManagerLiveness.custom.successThreshold: must be 1 for a"
                                + " liveness probe, as Kubernetes requires, was 2",
                        "probes.jobManagerLiveness.custom.failureThreshold: must be >= 1, was 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "3", "25%", "100%"})
    void acceptsANumberOrAPercentageAsMaxUnavailable(String value) {
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .disruption(new DisruptionPolicy(value, value))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "one", "1.5", "%", ""})
    void rejectsAMaxUnavailableThatIsNeitherNumberNorPercentage(String value) {
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .disruption(new DisruptionPolicy(value, "101%"))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "disruption.jobManagerMaxUnavailable: must be a number of pods (1) or a"
                                + " percentage (50%) of them, was '"
                                + value
                                + "'",
                        "disruption.taskManagerMaxUnavailable: must be a percentage of at most"
                                + " 100%, was '101%'");
    }
}
