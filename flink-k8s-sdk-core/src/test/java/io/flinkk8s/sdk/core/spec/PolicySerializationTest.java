package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import io.flinkk8s.sdk.core.spec.policy.MetricSignal;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbeType;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import io.flinkk8s.sdk.core.spec.policy.SelectPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML and JSON form of {@code autoscaling}, {@code probes} and {@code disruption}. */
class PolicySerializationTest {

    static FlinkDeploymentSpec withPolicies() {
        AutoscalingPolicy autoscaling =
                new AutoscalingPolicy(
                        AutoscalingStrategy.HPA_REACTIVE,
                        2,
                        10,
                        null,
                        null,
                        70,
                        80,
                        List.of(
                                MetricSignal.pods("busy_time", "800m"),
                                MetricSignal.external("lag", Map.of("group", "orders"), "10k")),
                        new ScalingRules(
                                Duration.ofMinutes(1),
                                List.of(ScalingPolicy.percent(100, Duration.ofSeconds(30))),
                                SelectPolicy.MAX),
                        new ScalingRules(
                                Duration.ofMinutes(10),
                                List.of(ScalingPolicy.pods(1, Duration.ofMinutes(5))),
                                SelectPolicy.MIN),
                        Duration.ofMinutes(2),
                        new JobAutoscalerTuning(
                                70, 20, Duration.ofMinutes(10), Duration.ZERO, null));
        ProbePolicy probes =
                new ProbePolicy(
                        ProbeSpec.httpGet("/config", "rest"),
                        ProbeSpec.disabled(),
                        ProbeSpec.custom(
                                new ProbeBuilder()
                                        .withNewTcpSocket()
                                        .withNewPort(6123)
                                        .endTcpSocket()
                                        .withPeriodSeconds(20)
                                        .build()),
                        ProbeSpec.exec(List.of("/bin/sh", "-c", "true")),
                        new ProbeSpec(
                                true,
                                ProbeType.TCP_SOCKET,
                                null,
                                "6122",
                                null,
                                null,
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(2),
                                2,
                                6),
                        null);
        return SpecSerializationTest.fullSpec()
                .withAutoscaling(autoscaling)
                .withProbes(probes)
                .withDisruption(new DisruptionPolicy("1", "25%"));
    }

    @Test
    void yamlAndJsonRoundTripsAreLossless() {
        FlinkDeploymentSpec spec = withPolicies();

        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(spec))).isEqualTo(spec);
        assertThat(SpecSerialization.fromJson(SpecSerialization.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void theEffectiveSpecRoundTripsWithEveryDefaultWritten() {
        FlinkDeploymentSpec effective = SpecDefaults.apply(withPolicies());

        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(effective)))
                .isEqualTo(effective);
    }

    @Test
    void unsetPoliciesAreNotWritten() {
        String yaml = SpecSerialization.toYaml(FlinkDeploymentSpec.named("tiny"));

        assertThat(yaml).isEqualTo("name: tiny\n");
    }

    @Test
    void writesWireValuesAndFlinkDurations() {
        String yaml = SpecSerialization.toYaml(withPolicies());

        assertThat(yaml)
                .contains("strategy: hpa-reactive")
                .contains("type: pods")
                .contains("type: external")
                .contains("selectPolicy: min")
                .contains("stabilizationWindow: 10 min")
                .contains("cooldown: 2 min")
                .contains("type: http-get")
                .contains("type: tcp-socket")
                .contains("enabled: false")
                .contains("taskManagerMaxUnavailable: 25%");
    }

    @Test
    void readsTheDocumentedForm() {
        String yaml =
                """
                name: orders
                job:
                  jarURI: local:///opt/flink/usrlib/orders.jar
                autoscaling:
                  minTaskManagers: 2
                  maxTaskManagers: 10
                  targetCpuUtilization: 70
                  scaleDown:
                    stabilizationWindow: 5 min
                    policies:
                      - type: Pods
                        value: 1
                        period: 2min
                probes:
                  jobManagerLiveness:
                    period: PT10S
                disruption:
                  taskManagerMaxUnavailable: 1
                """;

        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(yaml);

        assertThat(spec.autoscaling().maxTaskManagers()).isEqualTo(10);
        assertThat(spec.autoscaling().scaleDown().policies())
                .containsExactly(ScalingPolicy.pods(1, Duration.ofMinutes(2)));
        assertThat(spec.probes().jobManagerLiveness().period()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.disruption().taskManagerMaxUnavailable()).isEqualTo("1");
    }

    @Test
    void anUnknownPolicyFieldIsAnErrorNamingItsPath() {
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\nautoscaling:\n  scaleUp:\n    policies:\n"
                                                + "      - type: pods\n        valu: 2\n"))
                .isInstanceOf(SpecFormatException.class)
                .extracting(e -> ((SpecFormatException) e).path())
                .isEqualTo("autoscaling.scaleUp.policies[0].valu");
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\nprobes:\n  jobManagerLivenes:\n    period: 5s\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("probes.jobManagerLivenes: unknown field")
                .hasMessageContaining("jobManagerLiveness");
    }

    @Test
    void anUnknownStrategyOrProbeTypeNamesTheAllowedValues() {
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\nautoscaling:\n  strategy: keda\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("autoscaling.strategy: ")
                .hasMessageContaining("[hpa-reactive, operator-autoscaler, operator-hpa]");
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\nprobes:\n  taskManagerLiveness:\n"
                                                + "    type: grpc\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("probes.taskManagerLiveness.type: ")
                .hasMessageContaining("[http-get, tcp-socket, exec]");
    }

    @Test
    void aBadDurationNamesTheField() {
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\nautoscaling:\n  cooldown: a while\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("autoscaling.cooldown: ");
    }

    @Test
    void aCustomProbeIsDeepCopiedOnTheWayInAndOut() {
        ProbeBuilder builder = new ProbeBuilder().withPeriodSeconds(20);
        var probe = builder.build();
        ProbeSpec spec = ProbeSpec.custom(probe);

        probe.setPeriodSeconds(99);
        spec.custom().setPeriodSeconds(98);

        assertThat(spec.custom().getPeriodSeconds()).isEqualTo(20);
    }
}
