package io.flinkk8s.sdk.core.render.step.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.observability.LogLevel;
import io.flinkk8s.sdk.core.spec.observability.LoggingSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityStepsTest {

    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    private static FlinkDeploymentSpec with(PrometheusSpec prometheus, LoggingSpec logging) {
        return RenderFixtures.minimalApplication()
                .edit()
                .observability(new ObservabilitySpec(prometheus, logging))
                .build();
    }

    private static RenderedResources render(FlinkDeploymentSpec spec) {
        return Renderer.defaults().render(spec);
    }

    private static Container main(PodTemplateSpec pod) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> FlinkPorts.MAIN_CONTAINER.equals(c.getName()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theReporterIsConfiguredWithItsFactoryAndPortOnBothFlinkMajorVersions() {
        for (FlinkDeploymentSpec base :
                List.of(
                        with(new PrometheusSpec(true, 9250, null, null, null), null),
                        with(new PrometheusSpec(true, 9250, null, null, null), null)
                                .edit()
                                .flinkVersion(io.flinkk8s.sdk.core.spec.FlinkVersion.V1_20)
                                .image("flink:1.20-java17")
                                .build())) {
            String file =
                    render(base)
                            .configMap(base.name() + "-flink-config")
                            .getData()
                            .values()
                            .stream()
                            .filter(content -> content.contains("metrics.reporter"))
                            .findFirst()
                            .orElseThrow();

            assertThat(file)
                    .contains(
                            "metrics.reporter.prom.factory.class:"
                                    + " org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                    .containsPattern("metrics.reporter.prom.port: '?9250'?\n")
                    .doesNotContain("metrics.reporter.prom.class:");
        }
    }

    @Test
    void bothPodsGetTheNamedMetricsPortAndTheScrapeAnnotations() {
        FlinkDeploymentSpec spec = with(new PrometheusSpec(true, null, null, null, null), null);
        RenderedResources rendered = render(spec);

        for (String name : List.of(spec.name() + "-jobmanager", spec.name() + "-taskmanager")) {
            PodTemplateSpec pod = rendered.deployment(name).getSpec().getTemplate();

            assertThat(main(pod).getPorts())
                    .filteredOn(p -> "metrics".equals(p.getName()))
                    .singleElement()
                    .extracting(ContainerPort::getContainerPort)
                    .isEqualTo(9249);
            assertThat(pod.getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", "9249")
                    .containsEntry("prometheus.io/path", "/metrics");
        }
    }

    @Test
    void theScrapeAnnotationsCanBeLeftOut() {
        FlinkDeploymentSpec spec = with(new PrometheusSpec(true, null, false, null, null), null);

        Deployment jm = render(spec).deployment(spec.name() + "-jobmanager");

        assertThat(jm.getSpec().getTemplate().getMetadata().getAnnotations())
                .doesNotContainKey("prometheus.io/scrape");
        assertThat(main(jm.getSpec().getTemplate()).getPorts())
                .extracting(ContainerPort::getName)
                .contains("metrics");
    }

    @Test
    void nothingOfTheReporterIsRenderedWhileItIsOff() {
        FlinkDeploymentSpec spec = RenderFixtures.minimalApplication();
        RenderedResources rendered = render(spec);

        assertThat(rendered.configMap(spec.name() + "-flink-config").getData().toString())
                .doesNotContain("metrics.reporter");
        assertThat(rendered.all()).extracting(HasMetadata::getKind).doesNotContain("PodMonitor");
    }

    @Test
    void aPodMonitorSelectsEveryPodOfTheDeploymentOnItsMetricsPort() {
        FlinkDeploymentSpec spec =
                with(new PrometheusSpec(true, null, null, true, Map.of("release", "prom")), null);

        GenericKubernetesResource monitor =
                render(spec).get(GenericKubernetesResource.class, spec.name());

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getKind()).isEqualTo("PodMonitor");
        assertThat(monitor.getMetadata().getLabels())
                .containsEntry("release", "prom")
                .containsEntry("app.kubernetes.io/instance", spec.name());
        assertThat(K8S.asYaml(monitor.getAdditionalProperties().get("spec")))
                .isEqualTo(
                        """
                        ---
                        selector:
                          matchLabels:
                            app.kubernetes.io/instance: "%s"
                        podMetricsEndpoints:
                        - port: "metrics"
                          path: "/metrics"
                        """
                                .formatted(spec.name()));
    }

    @Test
    void onTheOperatorTargetTheReporterPortAndMonitorGoIntoTheResourceAndItsPodTemplates() {
        FlinkDeploymentSpec spec =
                with(new PrometheusSpec(true, null, null, true, null), null)
                        .withTarget(RenderTarget.OPERATOR);
        RenderedResources rendered = render(spec);
        String cr = K8S.asYaml(rendered.flinkDeployment(spec.name()));

        assertThat(cr)
                .contains("org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .contains("name: \"metrics\"")
                .contains("prometheus.io/scrape: \"true\"");
        GenericKubernetesResource monitor =
                rendered.all().stream()
                        .filter(o -> o.getKind().equals("PodMonitor"))
                        .map(GenericKubernetesResource.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertThat(K8S.asYaml(monitor.getAdditionalProperties().get("spec")))
                .contains("app: \"" + spec.name() + "\"")
                .contains("type: \"flink-native-kubernetes\"");
    }

    @Test
    void logLevelsAreMergedIntoTheConfigMapsLoggingFile() {
        FlinkDeploymentSpec spec =
                with(
                        null,
                        new LoggingSpec(LogLevel.WARN, Map.of("org.apache.kafka", LogLevel.DEBUG)));

        String log4j =
                render(spec)
                        .configMap(spec.name() + "-flink-config")
                        .getData()
                        .get("log4j-console.properties");

        assertThat(log4j)
                .contains("rootLogger.level = WARN\n")
                .contains("logger.kafka.name = org.apache.kafka\nlogger.kafka.level = DEBUG\n")
                .doesNotContain("rootLogger.level = INFO");
    }

    @Test
    void logLevelsWinOverTheUsersOwnLog4jFileWhoseOtherLinesStay() {
        FlinkDeploymentSpec spec =
                with(null, new LoggingSpec(null, Map.of("org.apache.kafka", LogLevel.ERROR)))
                        .edit()
                        .logConfiguration(
                                Map.of(
                                        "log4j-console.properties",
                                        "rootLogger.level = DEBUG\n"
                                                + "logger.k.name = org.apache.kafka\n"
                                                + "logger.k.level = TRACE\n"))
                        .build();

        String log4j =
                render(spec)
                        .configMap(spec.name() + "-flink-config")
                        .getData()
                        .get("log4j-console.properties");

        assertThat(log4j)
                .isEqualTo(
                        "rootLogger.level = DEBUG\n"
                                + "logger.k.name = org.apache.kafka\n"
                                + "logger.k.level = ERROR\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onTheOperatorTargetLogLevelsShipAsTheResourcesLogConfiguration() {
        FlinkDeploymentSpec spec =
                with(null, new LoggingSpec(LogLevel.ERROR, null)).withTarget(RenderTarget.OPERATOR);
        FlinkDeploymentSpec plain =
                RenderFixtures.minimalApplication().withTarget(RenderTarget.OPERATOR);

        Map<String, Object> crSpec =
                (Map<String, Object>)
                        render(spec)
                                .flinkDeployment(spec.name())
                                .getAdditionalProperties()
                                .get("spec");
        Map<String, Object> plainSpec =
                (Map<String, Object>)
                        render(plain)
                                .flinkDeployment(plain.name())
                                .getAdditionalProperties()
                                .get("spec");

        assertThat((Map<String, String>) crSpec.get("logConfiguration"))
                .containsOnlyKeys("log4j-console.properties")
                .extractingByKey("log4j-console.properties")
                .asString()
                .contains("rootLogger.level = ERROR\n");
        assertThat(plainSpec).doesNotContainKey("logConfiguration");
    }

    @Test
    void aChangedLogLevelLeavesThePodTemplatesAsTheyAreSoNoPodRestarts() {
        FlinkDeploymentSpec before = with(null, new LoggingSpec(LogLevel.INFO, null));
        FlinkDeploymentSpec after = with(null, new LoggingSpec(LogLevel.DEBUG, null));

        for (String name : List.of("orders-jobmanager", "orders-taskmanager")) {
            assertThat(render(after).deployment(name).getSpec().getTemplate())
                    .isEqualTo(render(before).deployment(name).getSpec().getTemplate());
        }
        assertThat(render(after).configMap("orders-flink-config"))
                .isNotEqualTo(render(before).configMap("orders-flink-config"));
    }
}
