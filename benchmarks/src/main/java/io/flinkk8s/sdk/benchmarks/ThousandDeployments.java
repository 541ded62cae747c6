package io.flinkk8s.sdk.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Many running deployments of the headline spec ({@code orders-0000}, {@code orders-0001}, ...) in
 * one in-memory cluster, for the benchmarks at scale. The first is applied by a deployer; the
 * others are written directly into the API server's store (no HTTP, quicker than a thousand full
 * applies through the deployer): the two Deployments the renderer gives for each name, and a copy
 * of the first one's state record with the name changed, which is all a status view reads. Every
 * Deployment is then marked rolled out and ready, with one Ready pod per replica, as the testkit's
 * controllers would do; they do not run ({@code autoSettle(false)}), and one simulated Flink
 * runtime with one RUNNING job answers for every JobManager.
 *
 * <p>With {@code applied}, the objects of the others are server-side applied over HTTP with the
 * deployer's field manager, every object the renderer gives (as the deployer's apply sends them),
 * so each carries the manager's applied field set and a status view keeps an applied-field digest
 * for all of them; slower to set up (every object goes through the API server).
 */
final class ThousandDeployments implements AutoCloseable {

    static final String NAMESPACE = HeadlineSpec.NAMESPACE;
    private static final String MANAGER = DeployOptions.DEFAULT_FIELD_MANAGER;
    private static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryFlinkK8sCluster cluster;
    final SimulatedFlinkRuntime flink;
    final FlinkDeployer deployer;
    final List<FlinkDeploymentSpec> specs = new ArrayList<>();

    ThousandDeployments(String specFile, int count) throws IOException {
        this(specFile, count, false);
    }

    ThousandDeployments(String specFile, int count, boolean applied) throws IOException {
        FlinkDeploymentSpec headline =
                SpecSerialization.fromYaml(Files.readString(Path.of(specFile)));
        cluster = InMemoryFlinkK8sCluster.builder().namespace(NAMESPACE).autoSettle(false).start();
        flink = SimulatedFlinkRuntime.builder().start();
        flink.startApplicationJob("com.acme.orders.OrdersJob", List.of(), null);
        deployer =
                FlinkDeployer.create(
                        cluster.client(),
                        DeployOptions.builder()
                                .restEndpointResolver((ns, service, port) -> flink.restAddress())
                                .build());
        for (int i = 0; i < count; i++) {
            specs.add(withName(headline, String.format("orders-%04d", i)));
        }
        deployer.apply(specs.get(0));
        ConfigMap template =
                cluster.find(ConfigMap.class, NAMESPACE, ResourceNames.of(name(0)).sdkState())
                        .orElseThrow();
        for (int i = 1; i < count; i++) {
            for (HasMetadata o : deployer.options().renderer().render(specs.get(i)).all()) {
                if (applied) {
                    cluster.client()
                            .resource(o)
                            .inNamespace(NAMESPACE)
                            .fieldManager(MANAGER)
                            .forceConflicts()
                            .serverSideApply();
                } else if (o instanceof Deployment) {
                    cluster.create(o, MANAGER);
                }
            }
            cluster.create(stateRecord(template, specs.get(i)), MANAGER);
        }
        for (int i = 0; i < count; i++) {
            ResourceNames names = ResourceNames.of(name(i));
            runPods(cluster, names.jobManagerDeployment());
            runPods(cluster, names.taskManagerDeployment());
        }
    }

    String name(int i) {
        return specs.get(i).name();
    }

    private static FlinkDeploymentSpec withName(FlinkDeploymentSpec spec, String name) {
        ObjectNode json = (ObjectNode) readTree(SpecSerialization.toJson(spec));
        json.put("name", name);
        return SpecSerialization.fromJson(json.toString());
    }

    private static ConfigMap stateRecord(ConfigMap template, FlinkDeploymentSpec spec) {
        ObjectNode state = (ObjectNode) readTree(template.getData().get("state.json"));
        ((ObjectNode) state.get("spec")).put("name", spec.name());
        String name = ResourceNames.of(spec.name()).sdkState();
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .withLabels(template.getMetadata().getLabels())
                .addToLabels("app.kubernetes.io/instance", spec.name())
                .endMetadata()
                .addToData("state.json", state.toPrettyString())
                .build();
    }

    /** Marks the Deployment ready and gives it one Ready pod per replica. */
    private static void runPods(InMemoryFlinkK8sCluster cluster, String deploymentName) {
        Deployment d = cluster.find(Deployment.class, NAMESPACE, deploymentName).orElseThrow();
        int replicas = d.getSpec().getReplicas();
        cluster.updateStatus(
                new DeploymentBuilder(d)
                        .withNewStatus()
                        .withObservedGeneration(d.getMetadata().getGeneration())
                        .withReplicas(replicas)
                        .withUpdatedReplicas(replicas)
                        .withReadyReplicas(replicas)
                        .withAvailableReplicas(replicas)
                        .endStatus()
                        .build());
        for (int r = 0; r < replicas; r++) {
            Pod created =
                    cluster.create(
                            new PodBuilder()
                                    .withNewMetadata()
                                    .withName(deploymentName + "-" + r)
                                    .withNamespace(NAMESPACE)
                                    .withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
                                    .endMetadata()
                                    .withSpec(d.getSpec().getTemplate().getSpec())
                                    .build(),
                            "kube-controller-manager");
            cluster.updateStatus(
                    new PodBuilder(created)
                            .withNewStatus()
                            .withPhase("Running")
                            .addNewCondition()
                            .withType("Ready")
                            .withStatus("True")
                            .endCondition()
                            .addNewContainerStatus()
                            .withName(FlinkPorts.MAIN_CONTAINER)
                            .withReady(true)
                            .withRestartCount(0)
                            .endContainerStatus()
                            .endStatus()
                            .build());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        deployer.close();
        cluster.close();
        flink.close();
    }
}
