package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.error.KindNotServedException;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.observability.LogLevel;
import io.flinkk8s.sdk.core.spec.observability.LoggingSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code observability} on the in-memory cluster: the pods carry the reporter's port and the scrape
 * annotations, the ConfigMap the reporter and the log levels, and a PodMonitor is stored where the
 * cluster serves its kind; where it does not, the apply fails before writing anything, naming what
 * to install.
 */
class ObservabilityIT {

    private static final String NS = DeployFixture.NAMESPACE;

    private InMemoryFlinkK8sCluster cluster;
    private FlinkDeployer deployer;

    @AfterEach
    void close() {
        if (deployer != null) {
            deployer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void start(CustomResourceDefinitions crds) {
        cluster =
                InMemoryFlinkK8sCluster.builder()
                        .namespace(NS)
                        .customResourceDefinitions(crds)
                        .start();
        deployer = cluster.deployer();
    }

    private static FlinkDeploymentSpec observed(boolean podMonitor) {
        return Specs.ordersWithoutHa()
                .edit()
                .observability(
                        new ObservabilitySpec(
                                new PrometheusSpec(
                                        true,
                                        null,
                                        null,
                                        podMonitor,
                                        podMonitor ? Map.of("release", "prom") : null),
                                new LoggingSpec(
                                        LogLevel.WARN, Map.of("org.apache.kafka", LogLevel.DEBUG))))
                .build();
    }

    @Test
    void thePodsCarryTheMetricsPortAndScrapeAnnotationsAndThePodMonitorSelectsThem() {
        start(
                CustomResourceDefinitions.flinkOperator()
                        .and(CustomResourceDefinitions.prometheusOperator()));

        deployer.apply(observed(true));
        cluster.awaitRunning(NS, "orders");

        List<Pod> pods = cluster.list(Pod.class, NS);
        assertThat(pods).hasSizeGreaterThan(1);
        for (Pod pod : pods) {
            Container main =
                    pod.getSpec().getContainers().stream()
                            .filter(c -> c.getName().equals(FlinkPorts.MAIN_CONTAINER))
                            .findFirst()
                            .orElseThrow();
            assertThat(main.getPorts())
                    .anyMatch(p -> "metrics".equals(p.getName()) && p.getContainerPort() == 9249);
            assertThat(pod.getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", "9249");
        }
        GenericKubernetesResource monitor =
                cluster.client()
                        .genericKubernetesResources("monitoring.coreos.com/v1", "PodMonitor")
                        .inNamespace(NS)
                        .withName("orders")
                        .get();
        assertThat(monitor).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, String> selector =
                (Map<String, String>)
                        ((Map<String, Object>)
                                        ((Map<String, Object>)
                                                        monitor.getAdditionalProperties()
                                                                .get("spec"))
                                                .get("selector"))
                                .get("matchLabels");
        assertThat(pods)
                .allMatch(
                        p ->
                                p.getMetadata()
                                        .getLabels()
                                        .entrySet()
                                        .containsAll(selector.entrySet()));
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prom");
    }

    @Test
    void theConfigMapCarriesTheReporterAndTheLogLevels() {
        start(CustomResourceDefinitions.flinkOperator());

        deployer.apply(observed(false));

        ConfigMap config = cluster.find(ConfigMap.class, NS, "orders-flink-config").orElseThrow();
        assertThat(config.getData().get("config.yaml"))
                .contains(
                        "metrics.reporter.prom.factory.class:"
                                + " org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(config.getData().get("log4j-console.properties"))
                .contains("rootLogger.level = WARN\n")
                .contains("logger.kafka.level = DEBUG\n");
    }

    @Test
    void aClusterWithoutThePodMonitorKindRefusesTheApplyBeforeWritingAnything() {
        start(CustomResourceDefinitions.flinkOperator());

        assertThatThrownBy(() -> deployer.apply(observed(true)))
                .isInstanceOf(KindNotServedException.class)
                .hasMessageContaining("does not serve PodMonitor (monitoring.coreos.com/v1)")
                .hasMessageContaining("Install the Prometheus Operator's CRDs");

        assertThat(cluster.list(Deployment.class, NS)).isEmpty();
        assertThat(cluster.list(ConfigMap.class, NS))
                .extracting(HasMetadata::getMetadata)
                .extracting(m -> m.getName())
                .doesNotContain("orders-flink-config");
    }
}
