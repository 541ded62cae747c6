package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbesStepTest {

    private final ProbesStep step = new ProbesStep();

    private Rendering render(FlinkDeploymentSpec spec) {
        RenderContext ctx = RenderFixtures.context(spec);
        return step.apply(ctx, RenderFixtures.inputFor(ProbesStep.ID, ctx));
    }

    private static FlinkDeploymentSpec withProbes(ProbePolicy probes) {
        return RenderFixtures.minimalApplication().edit().probes(probes).build();
    }

    private static Probe tcp(String port, int period, int timeout, int failures) {
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withPort(new IntOrString(port))
                .endTcpSocket()
                .withInitialDelaySeconds(0)
                .withPeriodSeconds(period)
                .withTimeoutSeconds(timeout)
                .withSuccessThreshold(1)
                .withFailureThreshold(failures)
                .build();
    }

    private static Probe config(int period, int failures) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath("/config")
                .withPort(new IntOrString("rest"))
                .endHttpGet()
                .withInitialDelaySeconds(0)
                .withPeriodSeconds(period)
                .withTimeoutSeconds(3)
                .withSuccessThreshold(1)
                .withFailureThreshold(failures)
                .build();
    }

    @Test
    void theJobManagerGetsHttpStartupAndReadinessOnConfigAndTcpLivenessOnRpc() {
        Container jm = render(RenderFixtures.minimalApplication()).jobManagerPod().mainContainer();

        assertThat(jm.getStartupProbe()).isEqualTo(config(5, 60));
        assertThat(jm.getReadinessProbe()).isEqualTo(config(10, 3));
        assertThat(jm.getLivenessProbe()).isEqualTo(tcp("rpc", 15, 5, 4));
    }

    @Test
    void theTaskManagersGetTcpProbesOnRpc() {
        Container tm = render(RenderFixtures.minimalApplication()).taskManagerPod().mainContainer();

        assertThat(tm.getStartupProbe()).isEqualTo(tcp("rpc", 5, 3, 60));
        assertThat(tm.getReadinessProbe()).isEqualTo(tcp("rpc", 10, 3, 3));
        assertThat(tm.getLivenessProbe()).isEqualTo(tcp("rpc", 15, 5, 4));
    }

    @Test
    void everyFieldOfAProbeIsRenderedAndANumericPortStaysANumber() {
        ProbeSpec readiness =
                new ProbeSpec(
                        null,
                        null,
                        "/overview",
                        "8081",
                        null,
                        null,
                        Duration.ofSeconds(7),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(4),
                        2,
                        9);

        Probe probe =
                render(withProbes(new ProbePolicy(null, readiness, null, null, null, null)))
                        .jobManagerPod()
                        .mainContainer()
                        .getReadinessProbe();

        assertThat(probe)
                .isEqualTo(
                        new ProbeBuilder()
                                .withNewHttpGet()
                                .withPath("/overview")
                                .withPort(new IntOrString(8081))
                                .endHttpGet()
                                .withInitialDelaySeconds(7)
                                .withPeriodSeconds(20)
                                .withTimeoutSeconds(4)
                                .withSuccessThreshold(2)
                                .withFailureThreshold(9)
                                .build());
    }

    @Test
    void execAndCustomProbesAreRenderedAsGiven() {
        Probe custom =
                new ProbeBuilder()
                        .withNewGrpc()
                        .withPort(9090)
                        .endGrpc()
                        .withPeriodSeconds(30)
                        .build();
        ProbePolicy probes =
                new ProbePolicy(
                        null,
                        null,
                        null,
                        null,
                        ProbeSpec.custom(custom),
                        ProbeSpec.exec(List.of("/bin/sh", "-c", "true")));

        Container tm = render(withProbes(probes)).taskManagerPod().mainContainer();

        assertThat(tm.getReadinessProbe()).isEqualTo(custom);
        assertThat(tm.getLivenessProbe().getExec().getCommand())
                .containsExactly("/bin/sh", "-c", "true");
        assertThat(tm.getLivenessProbe().getTcpSocket()).isNull();
        assertThat(tm.getLivenessProbe().getPeriodSeconds()).isEqualTo(15);
    }

    @Test
    void aProbeOfThePodTemplateIsReplacedUnlessThePolicyTurnsItsKindOff() {
        // given: the template (as PodTemplateStep leaves it) has all three probes
        Probe templates = tcp("6122", 99, 1, 1);
        RenderContext ctx =
                RenderFixtures.context(
                        withProbes(
                                new ProbePolicy(
                                        null, null, null, ProbeSpec.disabled(), null, null)));
        Rendering in =
                RenderFixtures.inputFor(ProbesStep.ID, ctx)
                        .mapTaskManagerPod(
                                d ->
                                        d.editMainContainer(
                                                c ->
                                                        c.withStartupProbe(templates)
                                                                .withReadinessProbe(templates)
                                                                .withLivenessProbe(templates)));
        // when
        Container tm = step.apply(ctx, in).taskManagerPod().mainContainer();
        // then
        assertThat(tm.getStartupProbe()).isEqualTo(templates);
        assertThat(tm.getReadinessProbe()).isEqualTo(tcp("rpc", 10, 3, 3));
        assertThat(tm.getLivenessProbe()).isEqualTo(tcp("rpc", 15, 5, 4));
    }

    @Test
    void probesTurnedOffAreNotRendered() {
        Rendering out = render(withProbes(ProbePolicy.none()));

        for (Container c :
                List.of(
                        out.jobManagerPod().mainContainer(),
                        out.taskManagerPod().mainContainer())) {
            assertThat(c.getStartupProbe()).isNull();
            assertThat(c.getReadinessProbe()).isNull();
            assertThat(c.getLivenessProbe()).isNull();
        }
    }
}
