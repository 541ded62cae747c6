package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReactiveModeStepTest {

    private final ReactiveModeStep step = new ReactiveModeStep();

    private static String configFile(FlinkDeploymentSpec spec) {
        RenderContext ctx = RenderFixtures.context(spec);
        return Renderer.standalone()
                .render(spec)
                .configMap(ctx.names().configMap())
                .getData()
                .get(ctx.flinkVersion().configFileName());
    }

    @Test
    void turnsReactiveModeOnAndSetsTheCooldownBetweenRescales() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.autoscaledApplication());

        Rendering out = step.apply(ctx, RenderFixtures.inputFor(ReactiveModeStep.ID, ctx));

        assertThat(out.config().asMap())
                .containsEntry("scheduler-mode", "REACTIVE")
                .containsEntry(
                        "jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling",
                        "3 min");
    }

    @Test
    void appliesOnlyWithTheHpaStrategies() {
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.autoscaledApplication())))
                .isTrue();
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.operatorHpaApplication())))
                .isTrue();
        assertThat(
                        step.appliesTo(
                                RenderFixtures.context(
                                        RenderFixtures.operatorSamples()
                                                .get("operator-stateful-ha-application")
                                                .withAutoscaling(
                                                        AutoscalingPolicy.none()
                                                                .withStrategy(
                                                                        AutoscalingStrategy
                                                                                .OPERATOR_AUTOSCALER)))))
                .isFalse();
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.minimalApplication())))
                .isFalse();
        assertThat(
                        step.appliesTo(
                                RenderFixtures.context(
                                        RenderFixtures.minimalApplication()
                                                .withAutoscaling(AutoscalingPolicy.none()))))
                .isFalse();
    }

    @Test
    void flinkOneReadsTheCooldownUnderItsOwnKey() {
        FlinkDeploymentSpec v120 =
                RenderFixtures.autoscaledApplication()
                        .edit()
                        .flinkVersion(FlinkVersion.V1_20)
                        .build();

        assertThat(configFile(v120))
                .contains("jobmanager.adaptive-scheduler.scaling-interval.min: 3 min\n")
                .doesNotContain("cooldown-after-rescaling");
        assertThat(configFile(RenderFixtures.autoscaledApplication()))
                .contains("jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling:");
    }

    @Test
    void aUserCooldownWinsWithAnAdvisory() {
        FlinkDeploymentSpec spec =
                RenderFixtures.autoscaledApplication()
                        .edit()
                        .flinkConfiguration(
                                Map.of(
                                        "jobmanager.adaptive-scheduler.scaling-interval.min",
                                        "1 min"))
                        .build();

        var rendered = Renderer.standalone().render(spec);

        assertThat(configFile(spec))
                .contains("jobmanager.adaptive-scheduler.scaling-interval.min: 1 min")
                .doesNotContain("cooldown-after-rescaling");
        assertThat(rendered.advisories())
                .containsExactly(
                        new Advisory(
                                "flinkConfiguration['jobmanager.adaptive-scheduler.scaling-interval.min']",
                                "overrides the value the SDK derives from the spec ('3 min');"
                                        + " '1 min' is used"));
    }

    @Test
    void aUserSchedulerModeIsDroppedWhenValidationWasBypassed() {
        RenderContext ctx =
                RenderFixtures.unjudgedContext(
                        RenderFixtures.autoscaledApplication()
                                .edit()
                                .flinkConfiguration(Map.of("scheduler-mode", "default"))
                                .build());
        Rendering configured = step.apply(ctx, RenderFixtures.inputFor(ReactiveModeStep.ID, ctx));

        Rendering out = new UserFlinkConfigStep().apply(ctx, configured);

        assertThat(out.config().asMap()).containsEntry("scheduler-mode", "REACTIVE");
        assertThat(out.advisories())
                .extracting(Advisory::path)
                .containsExactly("flinkConfiguration['scheduler-mode']");
    }
}
