package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbeType;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import io.flinkk8s.sdk.core.spec.policy.SelectPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link SpecDefaults} fills in {@code autoscaling}, {@code probes} and {@code disruption}.
 */
class PolicyDefaultsTest {

    private static FlinkDeploymentSpec application() {
        return FlinkDeploymentSpec.named("orders")
                .withJob(JobSpec.ofJar("local:///opt/flink/usrlib/orders.jar"));
    }

    @Test
    void autoscalingStaysOffUnlessSomethingIsSet() {
        FlinkDeploymentSpec effective = SpecDefaults.apply(application());

        assertThat(effective.autoscaling()).isEqualTo(AutoscalingPolicy.none());
        assertThat(effective.autoscaling().isEnabled()).isFalse();
        assertThat(effective.disruption()).isEqualTo(DisruptionPolicy.none());
    }

    @Test
    void theHpaStrategyIsDerivedForStandaloneWithSlowScaleDownDefaults() {
        FlinkDeploymentSpec spec =
                application()
                        .withTaskManagerReplicas(3)
                        .withAutoscaling(
                                new AutoscalingPolicy(
                                        null, null, 10, null, null, null, null, null, null, null,
                                        null, null));

        AutoscalingPolicy a = SpecDefaults.apply(spec).autoscaling();

        assertThat(a.strategy()).isEqualTo(AutoscalingStrategy.HPA_REACTIVE);
        assertThat(a.minTaskManagers()).isEqualTo(3);
        assertThat(a.maxTaskManagers()).isEqualTo(10);
        assertThat(a.targetCpuUtilization()).isEqualTo(SpecDefaults.TARGET_CPU_UTILIZATION);
        assertThat(a.scaleUp())
                .isEqualTo(
                        new ScalingRules(
                                Duration.ofMinutes(2),
                                List.of(ScalingPolicy.percent(100, Duration.ofMinutes(1))),
                                SelectPolicy.MAX));
        assertThat(a.scaleDown())
                .isEqualTo(
                        new ScalingRules(
                                Duration.ofMinutes(10),
                                List.of(ScalingPolicy.pods(1, Duration.ofMinutes(5))),
                                SelectPolicy.MAX));
        assertThat(a.cooldown()).isEqualTo(Duration.ofMinutes(2));
        assertThat(a.minParallelism()).isNull();
        assertThat(a.jobAutoscaler().isUnset()).isTrue();
    }

    @Test
    void aGivenSignalReplacesTheCpuDefaultAndGivenRulesAreKeptFieldByField() {
        ScalingRules window = new ScalingRules(Duration.ofMinutes(30), null, null);
        AutoscalingPolicy given =
                new AutoscalingPolicy(
                        null, 1, 4, null, null, null, 75, null, null, window, Duration.ZERO, null);

        AutoscalingPolicy a =
                SpecDefaults.apply(application().withAutoscaling(given)).autoscaling();

        assertThat(a.targetCpuUtilization()).isNull();
        assertThat(a.targetMemoryUtilization()).isEqualTo(75);
        assertThat(a.scaleDown().stabilizationWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(a.scaleDown().policies())
                .containsExactly(ScalingPolicy.pods(1, Duration.ofMinutes(5)));
        assertThat(a.cooldown()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theOperatorAutoscalerIsDerivedForTheOperatorTargetWithTheOperatorsDefaults() {
        FlinkDeploymentSpec spec =
                application()
                        .withTarget(RenderTarget.OPERATOR)
                        .withAutoscaling(
                                new AutoscalingPolicy(
                                        null, null, null, null, 64, null, null, null, null, null,
                                        null, null));

        AutoscalingPolicy a = SpecDefaults.apply(spec).autoscaling();

        assertThat(a.strategy()).isEqualTo(AutoscalingStrategy.OPERATOR_AUTOSCALER);
        assertThat(a.minParallelism()).isEqualTo(1);
        assertThat(a.maxParallelism()).isEqualTo(64);
        assertThat(a.minTaskManagers()).isNull();
        assertThat(a.targetCpuUtilization()).isNull();
        assertThat(a.scaleUp().isUnset()).isTrue();
        assertThat(a.scaleDown()).isEqualTo(new ScalingRules(Duration.ofHours(1), List.of(), null));
        assertThat(a.cooldown()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.jobAutoscaler())
                .isEqualTo(
                        new JobAutoscalerTuning(
                                70,
                                30,
                                Duration.ofMinutes(15),
                                Duration.ofMinutes(30),
                                Duration.ofMinutes(5)));
    }

    @Test
    void everyProbeIsOnByDefaultWithAStartupProbeInsteadOfAnInitialDelay() {
        ProbePolicy p = SpecDefaults.apply(application()).probes();

        assertThat(p.jobManagerStartup())
                .isEqualTo(
                        new ProbeSpec(
                                true,
                                ProbeType.HTTP_GET,
                                "/config",
                                "rest",
                                List.of(),
                                null,
                                Duration.ZERO,
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(3),
                                1,
                                60));
        assertThat(p.jobManagerReadiness().path()).isEqualTo("/config");
        assertThat(p.jobManagerReadiness().period()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.jobManagerLiveness().type()).isEqualTo(ProbeType.TCP_SOCKET);
        assertThat(p.jobManagerLiveness().port()).isEqualTo("rpc");
        assertThat(p.jobManagerLiveness().failureThreshold()).isEqualTo(4);
        assertThat(
                        List.of(
                                p.taskManagerStartup(),
                                p.taskManagerReadiness(),
                                p.taskManagerLiveness()))
                .allSatisfy(
                        t -> {
                            assertThat(t.type()).isEqualTo(ProbeType.TCP_SOCKET);
                            assertThat(t.port()).isEqualTo("rpc");
                            assertThat(t.initialDelay()).isEqualTo(Duration.ZERO);
                            assertThat(t.successThreshold()).isEqualTo(1);
                        });
    }

    @Test
    void aProbesUnsetFieldsAreFilledOneByOne() {
        ProbeSpec onlyPath =
                new ProbeSpec(
                        null, null, "/overview", null, null, null, null, null, null, null, 10);
        ProbeSpec otherType =
                new ProbeSpec(
                        null,
                        ProbeType.HTTP_GET,
                        "/metrics",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);

        ProbePolicy p =
                SpecDefaults.apply(
                                application()
                                        .withProbes(
                                                new ProbePolicy(
                                                        null, onlyPath, otherType, null, null,
                                                        null)))
                        .probes();

        assertThat(p.jobManagerReadiness().type()).isEqualTo(ProbeType.HTTP_GET);
        assertThat(p.jobManagerReadiness().path()).isEqualTo("/overview");
        assertThat(p.jobManagerReadiness().port()).isEqualTo("rest");
        assertThat(p.jobManagerReadiness().failureThreshold()).isEqualTo(10);
        assertThat(p.jobManagerReadiness().timeout()).isEqualTo(Duration.ofSeconds(3));
        // another type than the default's: only the port is taken over
        assertThat(p.jobManagerLiveness().type()).isEqualTo(ProbeType.HTTP_GET);
        assertThat(p.jobManagerLiveness().path()).isEqualTo("/metrics");
        assertThat(p.jobManagerLiveness().port()).isEqualTo("rpc");
    }

    @Test
    void disabledAndCustomProbesAreNotFilledIn() {
        ProbeSpec custom = ProbeSpec.custom(new ProbeBuilder().withPeriodSeconds(7).build());

        ProbePolicy p =
                SpecDefaults.apply(
                                application()
                                        .withProbes(
                                                new ProbePolicy(
                                                        ProbeSpec.disabled(),
                                                        custom,
                                                        null,
                                                        null,
                                                        null,
                                                        null)))
                        .probes();

        assertThat(p.jobManagerStartup()).isEqualTo(ProbeSpec.disabled());
        assertThat(p.jobManagerReadiness().custom()).isEqualTo(custom.custom());
        assertThat(p.jobManagerReadiness().enabled()).isTrue();
        assertThat(p.jobManagerReadiness().period()).isNull();
        assertThat(p.jobManagerReadiness().type()).isNull();
    }

    @Test
    void settingOneDisruptionBudgetGivesTheOtherOne() {
        FlinkDeploymentSpec spec = application().withDisruption(new DisruptionPolicy(null, "2"));

        assertThat(SpecDefaults.apply(spec).disruption())
                .isEqualTo(new DisruptionPolicy(SpecDefaults.MAX_UNAVAILABLE, "2"));
    }

    @Test
    void applyingTheDefaultsTwiceChangesNothing() {
        FlinkDeploymentSpec spec =
                application()
                        .withAutoscaling(AutoscalingPolicy.taskManagers(2, 6))
                        .withDisruption(new DisruptionPolicy("1", null));
        FlinkDeploymentSpec operator =
                spec.withTarget(RenderTarget.OPERATOR)
                        .withAutoscaling(
                                new AutoscalingPolicy(
                                        AutoscalingStrategy.OPERATOR_AUTOSCALER,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null));

        for (FlinkDeploymentSpec s : List.of(spec, operator)) {
            FlinkDeploymentSpec once = SpecDefaults.apply(s);

            assertThat(SpecDefaults.apply(once)).isEqualTo(once);
        }
    }
}
