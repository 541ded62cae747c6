package io.flinkk8s.sdk.delivery.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.error.ExportException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmChartTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static final String ORDERS =
            """
            name: orders
            namespace: streaming
            flinkVersion: v2_1
            image: registry.example.com/orders:1.4.2
            jobManager:
              replicas: 1
              resource: {cpu: 1, memory: 2g}
            taskManager:
              replicas: 3
              taskSlots: 4
              resource: {cpu: 1.5, memory: 1600m}
            job:
              jarURI: local:///opt/flink/usrlib/orders.jar
              entryClass: com.acme.orders.OrdersJob
              parallelism: 12
              upgradeMode: savepoint
            checkpointing:
              interval: 30 s
              checkpointDir: s3://acme-flink/orders/checkpoints
              savepointDir: s3://acme-flink/orders/savepoints
            highAvailability:
              type: kubernetes
              storageDir: s3://acme-flink/orders/ha
            flinkConfiguration:
              execution.checkpointing.num-retained: "3"
            labels:
              team: payments
            """;

    /**
     * No parallelism (TaskManagers × slots), autoscaled, an Ingress whose host names the namespace.
     */
    static final String CLICKS =
            ORDERS.replace("  parallelism: 12\n", "")
                    + """
                    autoscaling:
                      maxTaskManagers: 12
                      targetCpuUtilization: 70
                    ingress:
                      template: "{{name}}.{{namespace}}.flink.example.com"
                    """;

    @TempDir Path dir;

    static FlinkDeploymentSpec orders(RenderTarget target) {
        return SpecSerialization.fromYaml(ORDERS).withTarget(target);
    }

    @Test
    void templateWithDefaultValuesEqualsTheSdkRenderingObjectForObject() {
        for (RenderTarget target : RenderTarget.values()) {
            FlinkDeploymentSpec spec = orders(target);
            HelmChart.of(spec).writeTo(dir.resolve(target.name()));

            String manifests = template(dir.resolve(target.name()), Map.of());

            assertThat(objects(manifests)).as(target.name()).isEqualTo(sdk(spec));
        }
    }

    @Test
    void releaseNamespaceIsTheObjectsNamespaceEverywhereTheSdkWritesIt() {
        FlinkDeploymentSpec spec = orders(RenderTarget.STANDALONE);
        HelmChart.of(spec).writeTo(dir);

        String manifests =
                new Helm(dir).template().withName("orders").withNamespace("other").call();

        // metadata, the RoleBinding's subject, kubernetes.namespace in the config and its hash
        assertThat(objects(manifests)).isEqualTo(sdk(spec.withNamespace("other")));
    }

    @Test
    void autoscaledChartTemplatesBoundsIngressHostAndTheParallelismReplicasGive() {
        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(CLICKS);
        HelmChart chart = HelmChart.of(spec);
        chart.writeTo(dir);

        assertThat(chart.values())
                .extracting(ChartValue::path)
                .contains(
                        "taskManager.replicas",
                        "parallelism",
                        "autoscaling.minTaskManagers",
                        "autoscaling.maxTaskManagers",
                        "ingress.host");
        assertThat(objects(template(dir, Map.of()))).isEqualTo(sdk(spec));
        // parallelism.default follows the replicas (× 4 slots) as the SDK's own rendering does;
        // the autoscaling bounds are values of their own (the spec's defaults, filled in from the
        // replicas, are the chart's defaults): the effective spec's with the replicas changed
        FlinkDeploymentSpec effective = EffectiveSpec.of(spec).spec();
        assertThat(objects(template(dir, Map.of("taskManager.replicas", 5))))
                .isEqualTo(sdk(effective.withTaskManagerReplicas(5)));
        assertThat(objects(template(dir, Map.of("parallelism", 7))))
                .isEqualTo(sdk(spec.withJob(spec.job().withParallelism(7))));
        assertThat(objects(template(dir, Map.of("autoscaling.maxTaskManagers", 20))))
                .isEqualTo(
                        sdk(
                                SpecSerialization.fromYaml(
                                        CLICKS.replace(
                                                "maxTaskManagers: 12", "maxTaskManagers: 20"))));
        assertThat(objects(template(dir, Map.of("ingress.host", "flink.example.org"))))
                .isEqualTo(
                        sdk(
                                SpecSerialization.fromYaml(
                                        CLICKS.replace(
                                                "{{name}}.{{namespace}}.flink.example.com",
                                                "flink.example.org"))));
    }

    @Test
    void aChartWhoseObjectsCannotFollowTheReleaseNamespaceRefusesAnother() {
        // the Ingress host is built from the namespace: the chart keeps the spec's
        HelmChart.of(SpecSerialization.fromYaml(CLICKS)).writeTo(dir);

        assertThatThrownBy(
                        () ->
                                new Helm(dir)
                                        .template()
                                        .withName("clicks")
                                        .withNamespace("other")
                                        .call())
                .hasMessageContaining("this chart's objects are in the namespace streaming");
    }

    @Test
    void theSdksTemplateOfAnObjectNoLongerRenderedIsRemoved() {
        HelmChart.of(SpecSerialization.fromYaml(CLICKS)).writeTo(dir);
        assertThat(dir.resolve("templates/10-ingress-orders-rest.yaml")).exists();

        HelmChart.of(orders(RenderTarget.STANDALONE)).writeTo(dir);

        assertThat(dir.resolve("templates/10-ingress-orders-rest.yaml")).doesNotExist();
        assertThat(objects(template(dir, Map.of())))
                .isEqualTo(sdk(orders(RenderTarget.STANDALONE)));
    }

    @Test
    void droppingTheTemplateOfAPersistentVolumeClaimIsRefusedBeforeAnythingIsWritten()
            throws Exception {
        HelmChart.of(orders(RenderTarget.STANDALONE)).writeTo(dir);
        String chartYaml = Files.readString(dir.resolve("Chart.yaml"));
        // a template the SDK wrote for a volume an earlier spec had
        Path volume = dir.resolve("templates/09-persistentvolumeclaim-orders-data.yaml");
        Files.writeString(
                volume,
                "# Written by flink-k8s-sdk (HelmChart): re-export the spec to change it."
                        + " PersistentVolumeClaim orders-data\nkind: PersistentVolumeClaim\n");

        assertThatThrownBy(
                        () ->
                                HelmChart.of(orders(RenderTarget.STANDALONE))
                                        .withVersion("2.0.0")
                                        .writeTo(dir))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("PersistentVolumeClaim");
        assertThat(volume).exists();
        assertThat(dir.resolve("Chart.yaml")).hasContent(chartYaml);
    }

    @Test
    void aFlink1ChartTemplatesTheLegacyKeysOfFlinkConfYaml() {
        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(ORDERS.replace("v2_1", "v1_20"));
        HelmChart.of(spec).writeTo(dir);

        assertThat(objects(template(dir, Map.of()))).isEqualTo(sdk(spec));
        assertThat(objects(template(dir, Map.of("checkpointing.savepointDir", "s3://other/sp"))))
                .isEqualTo(
                        sdk(
                                SpecSerialization.fromYaml(
                                        ORDERS.replace("v2_1", "v1_20")
                                                .replace(
                                                        "s3://acme-flink/orders/savepoints",
                                                        "s3://other/sp"))));
        assertThat(HelmChart.of(spec).files().get("templates/_helpers.tpl"))
                .contains("state.savepoints.dir: {{ .Values.checkpointing.savepointDir }}");
    }

    @Test
    void chartOffersTheValuesPeopleChangePerEnvironment() {
        HelmChart chart = HelmChart.of(orders(RenderTarget.STANDALONE));

        assertThat(chart.values())
                .extracting(ChartValue::path)
                .contains(
                        "image",
                        "taskManager.replicas",
                        "jobManager.resources.cpu",
                        "jobManager.resources.memory",
                        "taskManager.resources.cpu",
                        "taskManager.resources.memory",
                        "parallelism",
                        "checkpointing.checkpointDir",
                        "checkpointing.savepointDir");
        assertThat(chart.appVersion()).isEqualTo("1.4.2");
        assertThat(chart.files())
                .containsKeys(
                        "Chart.yaml",
                        "values.yaml",
                        "values.schema.json",
                        "templates/_helpers.tpl",
                        "templates/01-serviceaccount-orders-flink.yaml");
    }

    @Test
    void overridingOneValueRendersWhatTheSdkRendersForTheSpecWithThatValue() {
        for (RenderTarget target : RenderTarget.values()) {
            FlinkDeploymentSpec spec = orders(target);
            Path chart = dir.resolve(target.name());
            HelmChart.of(spec).writeTo(chart);
            Map<String, Map<String, Object>> defaults = objects(template(chart, Map.of()));
            TaskManagerSpec tm = spec.taskManager();

            Map<String, FlinkDeploymentSpec> overrides = new LinkedHashMap<>();
            overrides.put(
                    "image=registry.example.com/orders:1.5.0",
                    spec.withImage("registry.example.com/orders:1.5.0"));
            overrides.put(
                    "taskManager.resources.memory=3Gi",
                    spec.withTaskManager(
                            tm.withResource(tm.resource().withMemory(Memory.parse("3Gi")))));
            overrides.put(
                    "taskManager.resources.cpu=2",
                    spec.withTaskManager(tm.withResource(tm.resource().withCpu(Cpu.parse("2")))));
            overrides.put("parallelism=8", spec.withJob(spec.job().withParallelism(8)));
            overrides.put(
                    "checkpointing.checkpointDir=s3://other/cp",
                    SpecSerialization.fromYaml(
                            SpecSerialization.toYaml(spec)
                                    .replace(
                                            "s3://acme-flink/orders/checkpoints",
                                            "s3://other/cp")));
            if (target == RenderTarget.STANDALONE) {
                overrides.put("taskManager.replicas=4", spec.withTaskManagerReplicas(4));
            }
            overrides.forEach(
                    (set, expected) -> {
                        String[] kv = set.split("=", 2);
                        Object value =
                                kv[1].matches("[0-9]+") ? (Object) Integer.valueOf(kv[1]) : kv[1];

                        Map<String, Map<String, Object>> overridden =
                                objects(template(chart, Map.of(kv[0], value)));

                        assertThat(overridden)
                                .as(target + " --set " + set)
                                .isNotEqualTo(defaults)
                                .isEqualTo(sdk(expected));
                    });
        }
    }

    @Test
    void theOperatorTargetOffersNoTaskManagerCountItsFlinkDeploymentDoesNotCarry() {
        // with a parallelism, the operator derives the TaskManagers: a value would change nothing
        assertThat(HelmChart.of(orders(RenderTarget.OPERATOR)).values())
                .extracting(ChartValue::path)
                .doesNotContain("taskManager.replicas")
                .contains("parallelism", "taskManager.resources.memory");
    }

    @Test
    void helmLintPassesAndRefusesAnInvalidValue() {
        HelmChart.of(orders(RenderTarget.STANDALONE)).writeTo(dir);

        LintResult lint = new Helm(dir).lint().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();

        assertThatThrownBy(() -> template(dir, Map.of("taskManager.replicas", "many")))
                .hasMessageContaining("taskManager.replicas");
        assertThatThrownBy(() -> template(dir, Map.of("taskManager.resources.memory", "lots")))
                .hasMessageContaining("taskManager.resources.memory");
    }

    @Test
    void aFolderWithAFileTheSdkDidNotWriteIsRefusedBeforeAnythingIsWritten() throws Exception {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/mine.yaml"), "kind: ConfigMap\n");

        assertThatThrownBy(() -> HelmChart.of(orders(RenderTarget.STANDALONE)).writeTo(dir))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("mine.yaml was not written by flink-k8s-sdk");
        assertThat(dir.resolve("Chart.yaml")).doesNotExist();
    }

    @Test
    void rewritingTheChartOfAChangedSpecReplacesItsOwnFiles() {
        FlinkDeploymentSpec spec = orders(RenderTarget.STANDALONE);
        HelmChart.of(spec).writeTo(dir);

        HelmChart.of(spec.withTaskManagerReplicas(5)).writeTo(dir);

        assertThat(objects(template(dir, Map.of())))
                .isEqualTo(sdk(spec.withTaskManagerReplicas(5)));
    }

    @Test
    void anInvalidSpecListsEveryViolationAndWritesNothing() {
        FlinkDeploymentSpec spec =
                SpecSerialization.fromYaml(
                        ORDERS.replace("replicas: 3", "replicas: 0")
                                .replace("image: registry.example.com/orders:1.4.2", "image: ''"));

        assertThatThrownBy(() -> HelmChart.of(spec))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(v -> v.path())
                                        .contains("image", "taskManager.replicas"));
        assertThat(dir).isEmptyDirectory();
    }

    private static String template(Path chart, Map<String, Object> values) {
        TemplateCommand command =
                new Helm(chart).template().withName("orders").withNamespace("streaming");
        values.forEach(command::set);
        return command.call();
    }

    /** The SDK's rendering, each object as a parsed YAML tree, by kind and name. */
    static Map<String, Map<String, Object>> sdk(FlinkDeploymentSpec spec) {
        Map<String, Map<String, Object>> objects = new TreeMap<>();
        for (HasMetadata object : Renderer.defaults().render(spec).all()) {
            objects.put(
                    object.getKind() + "/" + object.getMetadata().getName(),
                    parse(YamlExporter.toYaml(object)));
        }
        return objects;
    }

    /** Helm's output, each object as a parsed YAML tree, by kind and name. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> objects(String manifests) {
        Map<String, Map<String, Object>> objects = new TreeMap<>();
        for (String doc : manifests.split("(?m)^---\\s*$")) {
            Map<String, Object> tree = parse(doc);
            if (tree == null) {
                continue;
            }
            Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
            objects.put(tree.get("kind") + "/" + metadata.get("name"), tree);
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String yaml) {
        return SERIALIZATION.unmarshal(yaml, Map.class);
    }
}
