package io.flinkk8s.sdk.core.render.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operator autoscaler's {@code job.autoscaler.*} keys in the rendered CR, key by key. */
class OperatorAutoscalerStepTest {

    private static final Renderer RENDERER = Renderer.defaults();

    /** The operator's stateful HA application with {@code policy}. */
    static FlinkDeploymentSpec autoscaled(AutoscalingPolicy policy) {
        return RenderFixtures.operatorSamples()
                .get("operator-stateful-ha-application")
                .edit()
                .autoscaling(policy)
                .build();
    }

    static AutoscalingPolicy operatorPolicy(
            Integer minParallelism,
            Integer maxParallelism,
            ScalingRules scaleDown,
            Duration cooldown,
            JobAutoscalerTuning tuning) {
        return new AutoscalingPolicy(
                AutoscalingStrategy.OPERATOR_AUTOSCALER,
                null,
                null,
                minParallelism,
                maxParallelism,
                null,
                null,
                null,
                null,
                scaleDown,
                cooldown,
                tuning);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> flinkConfiguration(RenderedResources rendered) {
        Map<String, Object> spec =
                (Map<String, Object>)
                        rendered.flinkDeployment("payments").getAdditionalProperties().get("spec");
        return (Map<String, String>) spec.get("flinkConfiguration");
    }

    private static Map<String, String> autoscalerKeys(Map<String, String> config) {
        return config.entrySet().stream()
                .filter(
                        e ->
                                e.getKey().contains("job.autoscaler.")
                                        || e.getKey().equals("jobmanager.scheduler"))
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    @Test
    void writesEveryAutoscalerKeyFromThePolicy() {
        AutoscalingPolicy policy =
                operatorPolicy(
                        2,
                        64,
                        new ScalingRules(Duration.ofMinutes(30), null, null),
                        Duration.ofMinutes(2),
                        new JobAutoscalerTuning(
                                60,
                                20,
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(15),
                                Duration.ofMinutes(3)));

        Map<String, String> config = flinkConfiguration(RENDERER.render(autoscaled(policy)));

        assertThat(autoscalerKeys(config))
                .containsExactly(
                        entry("job.autoscaler.catch-up.duration", "15 min"),
                        entry("job.autoscaler.enabled", "true"),
                        entry("job.autoscaler.metrics.window", "10 min"),
                        entry("job.autoscaler.restart.time", "3 min"),
                        entry("job.autoscaler.scale-down.interval", "30 min"),
                        entry("job.autoscaler.stabilization.interval", "2 min"),
                        entry("job.autoscaler.utilization.max", "0.8"),
                        entry("job.autoscaler.utilization.min", "0.4"),
                        entry("job.autoscaler.utilization.target", "0.6"),
                        entry("job.autoscaler.vertex.max-parallelism", "64"),
                        entry("job.autoscaler.vertex.min-parallelism", "2"),
                        entry("jobmanager.scheduler", "Adaptive"));
    }

    @Test
    void writesTheOperatorsOwnDefaultsWhenOnlyTheStrategyIsSet() {
        AutoscalingPolicy strategyOnly =
                AutoscalingPolicy.none().withStrategy(AutoscalingStrategy.OPERATOR_AUTOSCALER);

        Map<String, String> config = flinkConfiguration(RENDERER.render(autoscaled(strategyOnly)));

        assertThat(autoscalerKeys(config))
                .containsExactly(
                        entry("job.autoscaler.catch-up.duration", "30 min"),
                        entry("job.autoscaler.enabled", "true"),
                        entry("job.autoscaler.metrics.window", "15 min"),
                        entry("job.autoscaler.restart.time", "5 min"),
                        entry("job.autoscaler.scale-down.interval", "1 h"),
                        entry("job.autoscaler.stabilization.interval", "5 min"),
                        entry("job.autoscaler.utilization.max", "1.0"),
                        entry("job.autoscaler.utilization.min", "0.4"),
                        entry("job.autoscaler.utilization.target", "0.7"),
                        entry("job.autoscaler.vertex.max-parallelism", "200"),
                        entry("job.autoscaler.vertex.min-parallelism", "1"),
                        entry("jobmanager.scheduler", "Adaptive"));
    }

    @Test
    void clampsTheUtilizationBandToZeroAndOne() {
        AutoscalingPolicy policy =
                operatorPolicy(
                        null, null, null, null, new JobAutoscalerTuning(90, 95, null, null, null));

        Map<String, String> config = flinkConfiguration(RENDERER.render(autoscaled(policy)));

        assertThat(config)
                .contains(
                        entry("job.autoscaler.utilization.min", "0.0"),
                        entry("job.autoscaler.utilization.max", "1.0"),
                        entry("job.autoscaler.utilization.target", "0.9"));
    }

    @Test
    void aUserKeyWinsWithAnAdvisoryAlsoUnderTheOperatorsOldPrefix() {
        FlinkDeploymentSpec spec =
                autoscaled(
                                AutoscalingPolicy.none()
                                        .withStrategy(AutoscalingStrategy.OPERATOR_AUTOSCALER))
                        .edit()
                        .flinkConfiguration(
                                Map.of(
                                        "job.autoscaler.utilization.target", "0.5",
                                        "kubernetes.operator.job.autoscaler.metrics.window", "5m"))
                        .build();

        RenderedResources rendered = RENDERER.render(spec);
        Map<String, String> config = flinkConfiguration(rendered);

        assertThat(config)
                .contains(
                        entry("job.autoscaler.utilization.target", "0.5"),
                        entry("kubernetes.operator.job.autoscaler.metrics.window", "5m"))
                .doesNotContainKey("job.autoscaler.metrics.window");
        assertThat(rendered.advisories())
                .extracting(Advisory::path)
                .contains(
                        "flinkConfiguration['job.autoscaler.utilization.target']",
                        "flinkConfiguration['kubernetes.operator.job.autoscaler.metrics.window']");
    }

    @Test
    void writesNoAutoscalerKeyWithoutTheOperatorAutoscaler() {
        FlinkDeploymentSpec spec =
                RenderFixtures.operatorSamples().get("operator-stateful-ha-application");

        Map<String, String> config = flinkConfiguration(RENDERER.render(spec));

        assertThat(autoscalerKeys(config)).isEmpty();
    }
}
