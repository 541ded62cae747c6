package io.flinkk8s.sdk.core.render.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field of the {@code FlinkDeployment} rendered for an application and a session spec, and
 * what the operator sets itself and the SDK therefore leaves out.
 */
class FlinkDeploymentRenderingTest {

    private static final Renderer RENDERER = Renderer.defaults();

    static GenericKubernetesResource render(FlinkDeploymentSpec spec) {
        return RENDERER.render(spec).flinkDeployment(spec.name());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> specOf(GenericKubernetesResource cr) {
        return (Map<String, Object>) cr.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    private static FlinkDeploymentSpec application() {
        return RenderFixtures.operatorSamples().get("operator-stateful-ha-application");
    }

    private static FlinkDeploymentSpec session() {
        return RenderFixtures.operatorSamples().get("operator-session");
    }

    @Test
    void anOperatorSpecRendersExactlyOneFlinkDeployment() {
        RenderedResources rendered = RENDERER.render(application());

        assertThat(rendered.keys()).containsExactly(new ResourceKey("FlinkDeployment", "payments"));
    }

    @Test
    void metadataCarriesNameNamespaceRecommendedLabelsAndAnnotations() {
        GenericKubernetesResource cr = render(application());

        assertThat(cr.getApiVersion()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(cr.getKind()).isEqualTo("FlinkDeployment");
        assertThat(cr.getMetadata().getName()).isEqualTo("payments");
        assertThat(cr.getMetadata().getNamespace()).isEqualTo("streaming");
        assertThat(cr.getMetadata().getLabels())
                .containsExactly(
                        entry("app.kubernetes.io/component", "flink-deployment"),
                        entry("app.kubernetes.io/instance", "payments"),
                        entry("app.kubernetes.io/managed-by", "flink-k8s-sdk"),
                        entry("app.kubernetes.io/name", "flink"),
                        entry("app.kubernetes.io/version", "2.2"),
                        entry("team", "payments"));
        assertThat(cr.getMetadata().getAnnotations())
                .containsExactly(entry("example.com/owner", "payments@example.com"));
    }

    @Test
    void applicationSpecMapsEveryTopLevelFieldInOrder() {
        Map<String, Object> spec = specOf(render(application()));

        assertThat(spec.keySet())
                .containsExactly(
                        "image",
                        "imagePullPolicy",
                        "flinkVersion",
                        "serviceAccount",
                        "mode",
                        "flinkConfiguration",
                        "jobManager",
                        "taskManager",
                        "job");
        assertThat(spec)
                .contains(
                        entry("image", "registry.example.com/payments:1.4.2"),
                        entry("imagePullPolicy", "Always"),
                        entry("flinkVersion", "v2_2"),
                        entry("serviceAccount", "flink"),
                        entry("mode", "native"));
    }

    @Test
    void applicationFlinkConfigurationHoldsOnlyKeysTheOperatorDoesNotSet() {
        Map<String, Object> config = section(specOf(render(application())), "flinkConfiguration");

        assertThat(config)
                .containsExactly(
                        entry("execution.checkpointing.dir", "s3://flink/payments/checkpoints"),
                        entry("execution.checkpointing.interval", "30 s"),
                        entry("execution.checkpointing.num-retained", "3"),
                        entry(
                                "execution.checkpointing.savepoint-dir",
                                "s3://flink/payments/savepoints"),
                        entry("high-availability.storageDir", "s3://flink/payments/ha"),
                        entry("high-availability.type", "kubernetes"),
                        entry("taskmanager.numberOfTaskSlots", "2"));
    }

    @Test
    void jobManagerAndTaskManagerCarryResourceInTheOperatorsFormat() {
        Map<String, Object> spec = specOf(render(application()));

        Map<String, Object> jm = section(spec, "jobManager");
        Map<String, Object> tm = section(spec, "taskManager");
        assertThat(jm.keySet()).containsExactly("replicas", "resource", "podTemplate");
        assertThat(jm).contains(entry("replicas", 1));
        assertThat(section(jm, "resource")).isEqualTo(Map.of("cpu", 1, "memory", "2g"));
        assertThat(tm.keySet()).containsExactly("resource", "podTemplate");
        assertThat(section(tm, "resource"))
                .containsExactly(
                        entry("cpu", 1.5),
                        entry("memory", "4g"),
                        entry("ephemeralStorage", "10Gi"));
    }

    @Test
    void forOperator116JobManagerAndTaskManagerCarryKubernetesRequests() {
        FlinkDeploymentSpec spec =
                application().withOperator(OperatorSpec.of(OperatorVersion.V1_16));

        Map<String, Object> rendered = specOf(render(spec));

        Map<String, Object> jm = section(rendered, "jobManager");
        Map<String, Object> tm = section(rendered, "taskManager");
        assertThat(jm.keySet()).containsExactly("replicas", "resources", "podTemplate");
        assertThat(section(jm, "resources"))
                .isEqualTo(Map.of("requests", Map.of("cpu", "1", "memory", "2Gi")));
        assertThat(tm.keySet()).containsExactly("resources", "podTemplate");
        assertThat(section(tm, "resources"))
                .isEqualTo(
                        Map.of(
                                "requests",
                                Map.of(
                                        "cpu",
                                        "1500m",
                                        "ephemeral-storage",
                                        "10Gi",
                                        "memory",
                                        "4Gi"),
                                "limits",
                                Map.of("ephemeral-storage", "10Gi")));
    }

    @Test
    void theOperatorModeIsTheSpecsOrNativeOrStandaloneWithOperatorHpa() {
        FlinkDeploymentSpec standalone =
                application().withOperator(new OperatorSpec(null, OperatorMode.STANDALONE));

        assertThat(specOf(render(application()))).containsEntry("mode", "native");
        assertThat(specOf(render(standalone))).containsEntry("mode", "standalone");
    }

    @Test
    void jobSectionMapsEveryJobFieldWithLowerCaseWireValues() {
        Map<String, Object> job = section(specOf(render(application())), "job");

        assertThat(job)
                .containsExactly(
                        entry("jarURI", "local:///opt/flink/usrlib/payments.jar"),
                        entry("entryClass", "com.example.Payments"),
                        entry("args", List.of("--topic", "payments")),
                        entry("parallelism", 6),
                        entry("upgradeMode", "savepoint"),
                        entry("state", "running"),
                        entry("allowNonRestoredState", false));
    }

    @Test
    void podTemplatesCarryEnvReferencesTheSdksLabelsAndRestrictedSecurityContexts() {
        // probes off: OperatorProbesStepTest covers them
        Map<String, Object> spec =
                specOf(render(application().edit().probes(ProbePolicy.none()).build()));

        for (String component : List.of("jobManager", "taskManager")) {
            Map<String, Object> template = section(section(spec, component), "podTemplate");
            Map<String, Object> metadata = section(template, "metadata");
            Map<String, Object> pod = section(template, "spec");
            assertThat(section(metadata, "labels"))
                    .containsEntry(
                            "app.kubernetes.io/component",
                            component.equals("jobManager") ? "jobmanager" : "taskmanager")
                    .doesNotContainKey("team");
            assertThat(metadata).doesNotContainKey("annotations");
            assertThat(pod.keySet()).containsExactly("containers", "securityContext");
            assertThat(section(pod, "securityContext"))
                    .isEqualTo(
                            Map.of(
                                    "fsGroup", 9999,
                                    "runAsGroup", 9999,
                                    "runAsNonRoot", true,
                                    "runAsUser", 9999,
                                    "seccompProfile", Map.of("type", "RuntimeDefault")));
            assertThat(pod.get("containers"))
                    .isEqualTo(
                            List.of(
                                    Map.of(
                                            "name",
                                            "flink-main-container",
                                            "env",
                                            List.of(
                                                    Map.of("name", "REGION", "value", "eu-west-1"),
                                                    Map.of(
                                                            "name",
                                                            "KAFKA_PASSWORD",
                                                            "valueFrom",
                                                            Map.of(
                                                                    "secretKeyRef",
                                                                    Map.of(
                                                                            "name",
                                                                            "kafka",
                                                                            "key",
                                                                            "password")))),
                                            "securityContext",
                                            Map.of(
                                                    "allowPrivilegeEscalation",
                                                    false,
                                                    "capabilities",
                                                    Map.of("drop", List.of("ALL")),
                                                    "runAsNonRoot",
                                                    true,
                                                    "seccompProfile",
                                                    Map.of("type", "RuntimeDefault")))));
        }
    }

    @Test
    void sessionSpecHasNoJobAndKeepsItsTaskManagersThroughMinimumSlots() {
        GenericKubernetesResource cr = render(session());
        Map<String, Object> spec = specOf(cr);

        assertThat(spec.keySet())
                .containsExactly(
                        "image",
                        "imagePullPolicy",
                        "flinkVersion",
                        "serviceAccount",
                        "mode",
                        "flinkConfiguration",
                        "jobManager",
                        "taskManager");
        assertThat(spec)
                .contains(
                        entry("image", "flink:2.2-java17"),
                        entry("imagePullPolicy", "IfNotPresent"),
                        entry("flinkVersion", "v2_2"),
                        entry("serviceAccount", "flink"),
                        entry("mode", "native"));
        assertThat(section(spec, "flinkConfiguration"))
                .containsExactly(
                        entry("parallelism.default", "4"),
                        entry("slotmanager.number-of-slots.min", "4"),
                        entry("taskmanager.numberOfTaskSlots", "2"));
        assertThat(section(spec, "jobManager")).containsEntry("replicas", 1);
        assertThat(section(section(spec, "jobManager"), "resource"))
                .isEqualTo(Map.of("cpu", 1, "memory", "1600m"));
        assertThat(section(spec, "taskManager")).containsEntry("replicas", 2);
        assertThat(section(section(spec, "taskManager"), "resource"))
                .isEqualTo(Map.of("cpu", 1, "memory", "1728m"));
        assertThat(cr.getMetadata().getNamespace()).isEqualTo("default");
    }

    @Test
    void keysTheOperatorOwnsAreNeverRendered() {
        for (FlinkDeploymentSpec spec : RenderFixtures.operatorSamples().values()) {
            Map<String, Object> config = section(specOf(render(spec)), "flinkConfiguration");

            assertThat(config)
                    .as(spec.name())
                    .doesNotContainKeys(
                            "kubernetes.cluster-id",
                            "kubernetes.namespace",
                            "high-availability.cluster-id",
                            "jobmanager.rpc.address",
                            "jobmanager.rpc.port",
                            "jobmanager.bind-host",
                            "taskmanager.rpc.port",
                            "taskmanager.bind-host",
                            "blob.server.port",
                            "rest.port",
                            "rest.bind-address",
                            "jobmanager.memory.process.size",
                            "taskmanager.memory.process.size",
                            "execution.shutdown-on-application-finish",
                            "kubernetes.container.image.ref",
                            "kubernetes.service-account");
        }
    }

    @Test
    void anApplicationLeavesParallelismDefaultToTheOperator() {
        Map<String, Object> spec =
                specOf(
                        render(
                                RenderFixtures.operatorSamples()
                                        .get("operator-minimal-application")));

        assertThat(section(spec, "flinkConfiguration"))
                .containsExactly(entry("taskmanager.numberOfTaskSlots", "1"));
        assertThat(section(spec, "job")).containsEntry("parallelism", 1);
        assertThat(section(spec, "taskManager")).doesNotContainKey("replicas");
    }

    /**
     * Turning the operator's autoscaler on or off moves no TaskManager count between owners: an
     * application's {@code FlinkDeployment} carries none either way (the operator sizes native
     * TaskManagers from the parallelism the autoscaler adjusts).
     */
    @Test
    void theOperatorsAutoscalerAppliesNoTaskManagerCountOnOrOff() {
        AutoscalingPolicy autoscaler =
                new AutoscalingPolicy(
                        AutoscalingStrategy.OPERATOR_AUTOSCALER,
                        null,
                        null,
                        2,
                        24,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);

        Map<String, Object> on = specOf(render(application().withAutoscaling(autoscaler)));
        Map<String, Object> off = specOf(render(application()));

        assertThat(section(on, "flinkConfiguration"))
                .containsEntry("job.autoscaler.enabled", "true");
        assertThat(section(on, "taskManager")).doesNotContainKey("replicas");
        assertThat(section(off, "taskManager")).doesNotContainKey("replicas");
    }

    @Test
    void theYamlExporterWritesTheCustomResource() {
        RenderedResources rendered = RENDERER.render(application());

        String yaml = YamlExporter.toYaml(rendered);

        assertThat(YamlExporter.fileName(rendered.all().get(0)))
                .isEqualTo("flinkdeployment-payments.yaml");
        assertThat(yaml)
                .startsWith(
                        "---\napiVersion: \"flink.apache.org/v1beta1\"\nkind: \"FlinkDeployment\"")
                .contains("  mode: \"native\"\n")
                .contains("    upgradeMode: \"savepoint\"\n")
                .contains("      cpu: 1.5\n");
    }

    @Test
    void renderingTwiceGivesTheSameBytes() {
        for (FlinkDeploymentSpec spec : RenderFixtures.operatorSamples().values()) {
            assertThat(YamlExporter.toYaml(RENDERER.render(spec)))
                    .isEqualTo(YamlExporter.toYaml(RENDERER.render(spec)));
        }
    }

    @Test
    void aConsistentSpecHasNoAdvisories() {
        assertThat(RENDERER.render(application()).advisories()).isEmpty();
        assertThat(RENDERER.render(session()).advisories()).isEmpty();
    }

    @Test
    void theOperatorTargetIsRenderedFromTheSpecsTargetField() {
        FlinkDeploymentSpec standalone = application().withTarget(RenderTarget.STANDALONE);

        assertThat(RENDERER.render(standalone).keys())
                .extracting(ResourceKey::kind)
                .doesNotContain("FlinkDeployment")
                .contains("Deployment", "ConfigMap");
    }
}
