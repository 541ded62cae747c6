package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import io.flinkk8s.sdk.core.spec.policy.MetricSignal;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbeType;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import io.flinkk8s.sdk.core.spec.policy.SelectPolicy;
import io.flinkk8s.sdk.core.spec.policy.StaleStateAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The effect of each method of the autoscaling, probe and disruption builders. */
class PolicyBuildersTest {

    private static final String JAR = "local:///opt/flink/usrlib/orders.jar";

    private static FlinkDeploymentBuilder orders() {
        return FlinkK8s.application("orders")
                .job(job -> job.jarURI(JAR))
                .checkpoints(cp -> cp.every(Duration.ofSeconds(30)));
    }

    private static AutoscalingPolicy autoscaling(Consumer<AutoscalingBuilder> a) {
        return orders().autoscaling(a).buildUnvalidated().autoscaling();
    }

    @Test
    void theIssuesExampleScalesTaskManagersOnCpuAndScalesDownSlowly() {
        FlinkDeploymentSpec spec =
                orders().autoscaling(
                                a ->
                                        a.taskManagers(2, 10)
                                                .targetCpu(70)
                                                .scaleDownAfter(Duration.ofMinutes(5)))
                        .build();

        AutoscalingPolicy a = spec.autoscaling();
        assertThat(a.strategy()).isEqualTo(AutoscalingStrategy.HPA_REACTIVE);
        assertThat(a.minTaskManagers()).isEqualTo(2);
        assertThat(a.maxTaskManagers()).isEqualTo(10);
        assertThat(a.targetCpuUtilization()).isEqualTo(70);
        assertThat(a.scaleDown().stabilizationWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.scaleDown().policies()).isNotEmpty();
    }

    @Test
    void anHpaOnTheFlinkDeploymentIsChosenByStrategyOnTheOperatorTarget() {
        FlinkDeploymentSpec spec =
                orders().target(RenderTarget.OPERATOR)
                        .autoscaling(
                                a ->
                                        a.strategy(AutoscalingStrategy.OPERATOR_HPA)
                                                .taskManagers(2, 10)
                                                .targetCpu(70))
                        .build();

        AutoscalingPolicy a = spec.autoscaling();
        assertThat(a.strategy()).isEqualTo(AutoscalingStrategy.OPERATOR_HPA);
        assertThat(a.minTaskManagers()).isEqualTo(2);
        assertThat(a.maxTaskManagers()).isEqualTo(10);
        assertThat(a.usesReactiveMode()).isTrue();
    }

    @Test
    void everyAutoscalingMethodSetsItsField() {
        AutoscalingPolicy a =
                autoscaling(
                        b ->
                                b.strategy(AutoscalingStrategy.OPERATOR_HPA)
                                        .minTaskManagers(1)
                                        .maxTaskManagers(6)
                                        .parallelism(2, 24)
                                        .targetCpu(60)
                                        .targetMemory(80)
                                        .addPodsMetric("busy", "800m")
                                        .addExternalMetric("lag", Map.of("g", "o"), "10k")
                                        .scaleUpAfter(Duration.ofSeconds(30))
                                        .scaleDownAfter(Duration.ofMinutes(20))
                                        .cooldown(Duration.ofMinutes(4)));

        assertThat(a)
                .isEqualTo(
                        new AutoscalingPolicy(
                                AutoscalingStrategy.OPERATOR_HPA,
                                1,
                                6,
                                2,
                                24,
                                60,
                                80,
                                List.of(
                                        MetricSignal.pods("busy", "800m"),
                                        MetricSignal.external("lag", Map.of("g", "o"), "10k")),
                                new ScalingRules(Duration.ofSeconds(30), null, null),
                                new ScalingRules(Duration.ofMinutes(20), null, null),
                                Duration.ofMinutes(4),
                                null));
    }

    @Test
    void scalingRulesBuildersSetWindowPoliciesAndSelection() {
        AutoscalingPolicy a =
                autoscaling(
                        b ->
                                b.taskManagers(1, 4)
                                        .scaleUp(
                                                up ->
                                                        up.stabilizationWindow(
                                                                        Duration.ofMinutes(1))
                                                                .addPercentPolicy(
                                                                        100, Duration.ofMinutes(1))
                                                                .addPodsPolicy(
                                                                        4, Duration.ofMinutes(1))
                                                                .selectPolicy(SelectPolicy.MIN))
                                        .scaleDown(ScalingRulesBuilder::disabled));

        assertThat(a.scaleUp())
                .isEqualTo(
                        new ScalingRules(
                                Duration.ofMinutes(1),
                                List.of(
                                        ScalingPolicy.percent(100, Duration.ofMinutes(1)),
                                        ScalingPolicy.pods(4, Duration.ofMinutes(1))),
                                SelectPolicy.MIN));
        assertThat(a.scaleDown().selectPolicy()).isEqualTo(SelectPolicy.DISABLED);
    }

    @Test
    void policiesReplaceAndAddPolicyAppends() {
        ScalingPolicy one = ScalingPolicy.pods(1, Duration.ofMinutes(1));
        ScalingPolicy two = ScalingPolicy.pods(2, Duration.ofMinutes(2));

        AutoscalingPolicy a =
                autoscaling(
                        b ->
                                b.scaleDown(d -> d.addPolicy(one))
                                        .scaleDown(d -> d.addPolicy(two))
                                        .scaleUp(u -> u.addPolicy(one).policies(List.of(two))));

        assertThat(a.scaleDown().policies()).containsExactly(one, two);
        assertThat(a.scaleUp().policies()).containsExactly(two);
    }

    @Test
    void theOperatorAutoscalerIsTunedThroughItsOwnBuilder() {
        FlinkDeploymentSpec spec =
                orders().target(RenderTarget.OPERATOR)
                        .autoscaling(
                                a ->
                                        a.parallelism(2, 48)
                                                .jobAutoscaler(
                                                        j ->
                                                                j.targetUtilization(60)
                                                                        .utilizationBoundary(20)
                                                                        .metricsWindow(
                                                                                Duration.ofMinutes(
                                                                                        10))
                                                                        .catchUpDuration(
                                                                                Duration.ZERO)
                                                                        .restartTime(
                                                                                Duration.ofMinutes(
                                                                                        2))))
                        .build();

        assertThat(spec.autoscaling().strategy())
                .isEqualTo(AutoscalingStrategy.OPERATOR_AUTOSCALER);
        assertThat(spec.autoscaling().jobAutoscaler())
                .isEqualTo(
                        new JobAutoscalerTuning(
                                60,
                                20,
                                Duration.ofMinutes(10),
                                Duration.ZERO,
                                Duration.ofMinutes(2)));
    }

    @Test
    void aSecondAutoscalingLambdaMergesAndARecordReplaces() {
        FlinkDeploymentBuilder builder =
                orders().autoscaling(a -> a.taskManagers(2, 10).targetCpu(70))
                        .autoscaling(a -> a.scaleDownAfter(Duration.ofMinutes(30)));

        AutoscalingPolicy merged = builder.buildUnvalidated().autoscaling();
        AutoscalingPolicy replaced =
                builder.autoscaling(AutoscalingPolicy.taskManagers(1, 3))
                        .buildUnvalidated()
                        .autoscaling();

        assertThat(merged.maxTaskManagers()).isEqualTo(10);
        assertThat(merged.targetCpuUtilization()).isEqualTo(70);
        assertThat(merged.scaleDown().stabilizationWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(replaced).isEqualTo(AutoscalingPolicy.taskManagers(1, 3));
    }

    @Test
    void noneTurnsOffAutoscalingThatWasConfigured() {
        FlinkDeploymentBuilder builder =
                orders().autoscaling(
                                a ->
                                        a.taskManagers(2, 10)
                                                .targetCpu(70)
                                                .addPodsMetric("records_in", "1k")
                                                .scaleDownAfter(Duration.ofMinutes(30))
                                                .jobAutoscaler(j -> j.targetUtilization(60))
                                                .strategy(AutoscalingStrategy.HPA_REACTIVE));

        FlinkDeploymentSpec off = builder.autoscaling(AutoscalingBuilder::none).build();

        assertThat(off.autoscaling().isEnabled()).isFalse();
        assertThat(builder.buildUnvalidated().autoscaling()).isEqualTo(AutoscalingPolicy.none());
        assertThat(builder.autoscaling(a -> a.taskManagers(1, 4)).buildUnvalidated().autoscaling())
                .as("a later lambda turns it on again from nothing")
                .isEqualTo(AutoscalingPolicy.taskManagers(1, 4));
    }

    @Test
    void aNullAutoscalingIsRejectedPointingToNone() {
        FlinkDeploymentBuilder builder = orders();

        NullPointerException policy =
                catchThrowableOfType(
                        NullPointerException.class,
                        () -> builder.autoscaling((AutoscalingPolicy) null));
        NullPointerException lambda =
                catchThrowableOfType(
                        NullPointerException.class,
                        () -> builder.autoscaling((Consumer<AutoscalingBuilder>) null));

        assertThat(policy)
                .hasMessage(
                        "autoscaling(null): to turn autoscaling off, use"
                                + " .autoscaling(AutoscalingBuilder::none)");
        assertThat(lambda).hasMessage(policy.getMessage());
    }

    @Test
    void everyProbeMethodSetsItsField() {
        ProbePolicy p =
                orders().probes(
                                probes ->
                                        probes.jobManagerStartup(
                                                        s ->
                                                                s.httpGet("/overview", 8081)
                                                                        .initialDelay(
                                                                                Duration.ofSeconds(
                                                                                        5))
                                                                        .period(
                                                                                Duration.ofSeconds(
                                                                                        2))
                                                                        .timeout(
                                                                                Duration.ofSeconds(
                                                                                        1))
                                                                        .successThreshold(1)
                                                                        .failureThreshold(300))
                                                .jobManagerReadiness(r -> r.tcpSocket("rest"))
                                                .jobManagerLiveness(l -> l.exec("true"))
                                                .taskManagerStartup(s -> s.tcpSocket(6122))
                                                .taskManagerReadiness(ProbeSpecBuilder::disabled)
                                                .taskManagerLiveness(
                                                        l -> l.httpGet("/x", "metrics")))
                        .buildUnvalidated()
                        .probes();

        assertThat(p.jobManagerStartup())
                .isEqualTo(
                        new ProbeSpec(
                                null,
                                ProbeType.HTTP_GET,
                                "/overview",
                                "8081",
                                List.of(),
                                null,
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(1),
                                1,
                                300));
        assertThat(p.jobManagerReadiness()).isEqualTo(ProbeSpec.tcpSocket("rest"));
        assertThat(p.jobManagerLiveness()).isEqualTo(ProbeSpec.exec(List.of("true")));
        assertThat(p.taskManagerStartup()).isEqualTo(ProbeSpec.tcpSocket("6122"));
        assertThat(p.taskManagerReadiness()).isEqualTo(ProbeSpec.disabled());
        assertThat(p.taskManagerLiveness()).isEqualTo(ProbeSpec.httpGet("/x", "metrics"));
    }

    @Test
    void aCheckReplacesTheCheckBeforeIt() {
        Probe custom = new ProbeBuilder().withPeriodSeconds(9).build();

        ProbeSpec afterCustom =
                orders().probes(
                                p ->
                                        p.jobManagerLiveness(l -> l.exec("a", "b"))
                                                .jobManagerLiveness(l -> l.custom(custom)))
                        .buildUnvalidated()
                        .probes()
                        .jobManagerLiveness();
        ProbeSpec afterTcp =
                orders().probes(
                                p ->
                                        p.jobManagerLiveness(l -> l.httpGet("/config", "rest"))
                                                .jobManagerLiveness(l -> l.tcpSocket("rpc")))
                        .buildUnvalidated()
                        .probes()
                        .jobManagerLiveness();

        assertThat(afterCustom).isEqualTo(ProbeSpec.custom(custom));
        assertThat(afterTcp).isEqualTo(ProbeSpec.tcpSocket("rpc"));
    }

    @Test
    void aSecondProbeLambdaMergesEnabledComesBackAndNoneTurnsAllOff() {
        FlinkDeploymentBuilder builder =
                orders().probes(p -> p.taskManagerLiveness(l -> l.period(Duration.ofSeconds(30))))
                        .probes(p -> p.taskManagerLiveness(l -> l.failureThreshold(8)))
                        .probes(p -> p.jobManagerReadiness(r -> r.disabled()))
                        .probes(p -> p.jobManagerReadiness(r -> r.enabled()));

        ProbePolicy merged = builder.buildUnvalidated().probes();
        ProbePolicy none = builder.probes(ProbesBuilder::none).buildUnvalidated().probes();

        assertThat(merged.taskManagerLiveness().period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(merged.taskManagerLiveness().failureThreshold()).isEqualTo(8);
        assertThat(merged.jobManagerReadiness().enabled()).isTrue();
        assertThat(none).isEqualTo(ProbePolicy.none());
        assertThat(builder.probes((ProbePolicy) null).buildUnvalidated().probes())
                .isEqualTo(ProbePolicy.defaults());
    }

    @Test
    void aProbeRecordReplacesThatProbe() {
        ProbePolicy p =
                orders().probes(pr -> pr.jobManagerStartup(s -> s.failureThreshold(9)))
                        .probes(pr -> pr.jobManagerStartup(ProbeSpec.tcpSocket("rpc")))
                        .probes(pr -> pr.taskManagerStartup((ProbeSpec) null))
                        .buildUnvalidated()
                        .probes();

        assertThat(p.jobManagerStartup()).isEqualTo(ProbeSpec.tcpSocket("rpc"));
        assertThat(p.taskManagerStartup()).isEqualTo(ProbeSpec.unset());
    }

    @Test
    void buildShowsTheDefaultProbes() {
        FlinkDeploymentSpec spec = orders().build();

        assertThat(spec.probes()).isEqualTo(SpecDefaults.apply(spec).probes());
        assertThat(spec.probes().jobManagerReadiness().path()).isEqualTo("/config");
    }

    @Test
    void disruptionBudgetsTakeNumbersOrPercentagesAndNoneRemovesThem() {
        FlinkDeploymentBuilder builder =
                orders().disruption(d -> d.jobManagerMaxUnavailable(0))
                        .disruption(d -> d.taskManagerMaxUnavailable("25%"));

        assertThat(builder.buildUnvalidated().disruption())
                .isEqualTo(new DisruptionPolicy("0", "25%"));
        assertThat(
                        builder.disruption(
                                        d ->
                                                d.jobManagerMaxUnavailable("50%")
                                                        .taskManagerMaxUnavailable(2))
                                .buildUnvalidated()
                                .disruption())
                .isEqualTo(new DisruptionPolicy("50%", "2"));
        assertThat(builder.disruption(DisruptionBuilder::none).buildUnvalidated().disruption())
                .isEqualTo(DisruptionPolicy.none());
        assertThat(builder.disruption((DisruptionPolicy) null).buildUnvalidated().disruption())
                .isEqualTo(DisruptionPolicy.none());
    }

    @Test
    void settingOneBudgetShowsBothInTheBuiltSpec() {
        FlinkDeploymentSpec spec = orders().disruption(d -> d.taskManagerMaxUnavailable(1)).build();

        assertThat(spec.disruption()).isEqualTo(new DisruptionPolicy("1", "1"));
    }

    @Test
    void invalidPoliciesFailAtBuildWithCorePaths() {
        InvalidSpecException e =
                catchThrowableOfType(
                        InvalidSpecException.class,
                        () ->
                                orders().autoscaling(a -> a.taskManagers(5, 2).targetCpu(150))
                                        .probes(
                                                p ->
                                                        p.taskManagerLiveness(
                                                                l -> l.tcpSocket("rest")))
                                        .disruption(d -> d.taskManagerMaxUnavailable("lots"))
                                        .build());

        assertThat(e).isNotNull();
        assertThat(e.violations())
                .extracting(Violation::path)
                .containsExactly(
                        "autoscaling.minTaskManagers",
                        "autoscaling.targetCpuUtilization",
                        "probes.taskManagerLiveness.port",
                        "disruption.taskManagerMaxUnavailable");
    }

    @Test
    void theRestoreBuilderSetsEveryFieldAndMergesWhenCalledTwice() {
        RestorePolicy restore =
                orders().restore(r -> r.from(RestoreFrom.NONE).maxAge(Duration.ofHours(24)))
                        .restore(RestoreBuilder::startWithoutStateWhenTooOld)
                        .buildUnvalidated()
                        .restore();
        assertThat(restore)
                .isEqualTo(
                        new RestorePolicy(
                                RestoreFrom.NONE,
                                Duration.ofHours(24),
                                StaleStateAction.START_WITHOUT_STATE));
        assertThat(orders().restore(restore).restore((RestorePolicy) null).build().restore())
                .isEqualTo(new RestorePolicy(null, null, StaleStateAction.REFUSE));
    }

    @Test
    void aRestorePolicyThatCannotBeKeptFailsTheBuildNamingTheField() {
        InvalidSpecException e =
                catchThrowableOfType(
                        InvalidSpecException.class,
                        () -> orders().restore(r -> r.startWithoutStateWhenTooOld()).build());
        assertThat(e.violations())
                .extracting(Violation::path)
                .containsExactly("restore.whenTooOld");
    }
}
