package io.flinkk8s.sdk.core.render.operator;

import static io.flinkk8s.sdk.core.render.operator.FlinkDeploymentRenderingTest.render;
import static io.flinkk8s.sdk.core.render.operator.FlinkDeploymentRenderingTest.section;
import static io.flinkk8s.sdk.core.render.operator.FlinkDeploymentRenderingTest.specOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.operator.crd.Resource;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How spec details reach the {@code FlinkDeployment}: overrides, versions, templates, advice. */
class FlinkDeploymentStepTest {

    private static FlinkDeploymentSpec application() {
        return RenderFixtures.operatorSamples().get("operator-stateful-ha-application");
    }

    @Test
    void aUserProcessMemoryMovesIntoResourceMemoryLikeTheSdksOwn() {
        FlinkDeploymentSpec spec =
                application()
                        .edit()
                        .flinkConfiguration(Map.of("taskmanager.memory.process.size", "6144 mb"))
                        .build();

        Map<String, Object> cr = specOf(render(spec));

        assertThat(section(section(cr, "taskManager"), "resource")).containsEntry("memory", "6g");
        assertThat(section(cr, "flinkConfiguration"))
                .doesNotContainKey("taskmanager.memory.process.size");
        assertThat(Renderer.defaults().render(spec).advisories())
                .extracting(Advisory::path)
                .containsExactly("flinkConfiguration['taskmanager.memory.process.size']");
    }

    @Test
    void aUserDefaultParallelismBecomesTheJobsParallelism() {
        FlinkDeploymentSpec spec =
                application().edit().flinkConfiguration(Map.of("parallelism.default", "4")).build();

        Map<String, Object> cr = specOf(render(spec));

        assertThat(section(cr, "job")).containsEntry("parallelism", 4);
        assertThat(section(cr, "flinkConfiguration")).doesNotContainKey("parallelism.default");
    }

    @Test
    void flink1WritesTheLegacyCheckpointKeys() {
        FlinkDeploymentSpec spec = application().edit().flinkVersion(FlinkVersion.V1_20).build();

        Map<String, Object> cr = specOf(render(spec));

        assertThat(cr).containsEntry("flinkVersion", "v1_20");
        assertThat(section(cr, "flinkConfiguration"))
                .containsEntry("state.checkpoints.dir", "s3://flink/payments/checkpoints")
                .containsEntry("state.savepoints.dir", "s3://flink/payments/savepoints")
                .doesNotContainKeys(
                        "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir");
    }

    @Test
    void logConfigurationIsPassedAsGiven() {
        FlinkDeploymentSpec spec =
                application()
                        .edit()
                        .logConfiguration(
                                Map.of("log4j-console.properties", "rootLogger.level = DEBUG\n"))
                        .build();

        assertThat(section(specOf(render(spec)), "logConfiguration"))
                .containsExactly(entry("log4j-console.properties", "rootLogger.level = DEBUG\n"));
        assertThat(specOf(render(application()))).doesNotContainKey("logConfiguration");
    }

    @Test
    void theJobsOptionalFieldsAppearWhenSet() {
        FlinkDeploymentSpec spec =
                application()
                        .edit()
                        .job(
                                new JobSpec(
                                        "s3://jars/payments.jar",
                                        null,
                                        List.of(),
                                        null,
                                        null,
                                        null,
                                        "s3://flink/payments/savepoints/savepoint-1",
                                        true))
                        .build();

        assertThat(section(specOf(render(spec)), "job"))
                .containsExactly(
                        entry("jarURI", "s3://jars/payments.jar"),
                        entry("parallelism", 6),
                        entry("upgradeMode", "stateless"),
                        entry("state", "running"),
                        entry("initialSavepointPath", "s3://flink/payments/savepoints/savepoint-1"),
                        entry("allowNonRestoredState", true));
    }

    @Test
    void thePodTemplateEscapeHatchIsMergedPerComponent() {
        PodTemplateSpec common =
                new PodTemplateSpecBuilder()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("flink-main-container")
                        .addNewVolumeMount()
                        .withName("logs")
                        .withMountPath("/opt/flink/log")
                        .endVolumeMount()
                        .endContainer()
                        .addNewContainer()
                        .withName("fluentbit")
                        .withImage("fluent/fluent-bit:3")
                        .endContainer()
                        .addNewVolume()
                        .withName("logs")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .endVolume()
                        .endSpec()
                        .build();
        PodTemplateSpec jobManagerOnly =
                new PodTemplateSpecBuilder()
                        .withNewSpec()
                        .addNewInitContainer()
                        .withName("fetch")
                        .withImage("busybox:1.36")
                        .endInitContainer()
                        .endSpec()
                        .build();
        FlinkDeploymentSpec spec =
                application()
                        .edit()
                        .podTemplate(common)
                        .jobManager(
                                new JobManagerSpec(
                                        1, application().jobManager().resource(), jobManagerOnly))
                        .build();

        Map<String, Object> cr = specOf(render(spec));

        Map<String, Object> jm = section(section(section(cr, "jobManager"), "podTemplate"), "spec");
        Map<String, Object> tm =
                section(section(section(cr, "taskManager"), "podTemplate"), "spec");
        assertThat(cr).doesNotContainKey("podTemplate");
        assertThat(names(jm.get("containers")))
                .containsExactly("flink-main-container", "fluentbit");
        assertThat(names(tm.get("containers")))
                .containsExactly("flink-main-container", "fluentbit");
        assertThat(names(jm.get("initContainers"))).containsExactly("fetch");
        assertThat(tm).doesNotContainKey("initContainers");
        assertThat(names(tm.get("volumes"))).containsExactly("logs");
        Map<String, Object> sidecar = containers(tm).get(1);
        assertThat(section(sidecar, "securityContext"))
                .containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("runAsNonRoot", true);
        assertThat(containers(tm).get(0).get("volumeMounts"))
                .isEqualTo(List.of(Map.of("name", "logs", "mountPath", "/opt/flink/log")));
    }

    @Test
    void podSecurityNoneLeavesSecurityContextsOut() {
        FlinkDeploymentSpec spec =
                application()
                        .edit()
                        .security(new SecuritySpec(PodSecurity.NONE, null, null, null))
                        .build();

        String yaml = YamlExporter.toYaml(Renderer.defaults().render(spec));

        assertThat(yaml).doesNotContain("securityContext");
    }

    @Test
    void secretValuesAreReferencedNeverCopied() {
        FlinkDeploymentSpec spec =
                application()
                        .edit()
                        .env(
                                List.of(
                                        EnvVarSpec.fromSecret("DB_PASSWORD", "db", "password"),
                                        EnvVarSpec.fromConfigMap("DB_HOST", "db-config", "host")))
                        .build();

        Map<String, Object> main =
                containers(
                                section(
                                        section(
                                                section(specOf(render(spec)), "jobManager"),
                                                "podTemplate"),
                                        "spec"))
                        .get(0);

        assertThat(main.get("env"))
                .isEqualTo(
                        List.of(
                                Map.of(
                                        "name",
                                        "DB_PASSWORD",
                                        "valueFrom",
                                        Map.of(
                                                "secretKeyRef",
                                                Map.of("name", "db", "key", "password"))),
                                Map.of(
                                        "name",
                                        "DB_HOST",
                                        "valueFrom",
                                        Map.of(
                                                "configMapKeyRef",
                                                Map.of("name", "db-config", "key", "host")))));
        assertThat(Renderer.defaults().render(spec).keys())
                .noneMatch(k -> k.kind().equals("Secret"));
    }

    @Test
    void advisesWhenTheParallelismNeedsFewerTaskManagersThanGiven() {
        FlinkDeploymentSpec spec =
                application().edit().job(application().job().withParallelism(3)).build();

        assertThat(Renderer.defaults().render(spec).advisories())
                .containsExactly(
                        new Advisory(
                                "taskManager.replicas",
                                "is not used by an application on the operator: its native mode"
                                        + " starts the TaskManagers job.parallelism needs, 2"
                                        + " (parallelism 3, 2 slot(s) each), not 3"));
    }

    @Test
    void advisesThatANewDeploymentMustStartRunning() {
        FlinkDeploymentSpec spec =
                application().edit().job(application().job().withState(JobState.SUSPENDED)).build();

        assertThat(section(specOf(render(spec)), "job")).containsEntry("state", "suspended");
        assertThat(Renderer.defaults().render(spec).advisories())
                .extracting(Advisory::path)
                .containsExactly("job.state");
    }

    @Test
    void resourcesAreWrittenInTheFormsTheOperatorParses() {
        FlinkDeploymentSpec spec =
                application()
                        .edit()
                        .taskManager(
                                new TaskManagerSpec(
                                        3,
                                        2,
                                        new Resources(
                                                Cpu.parse("500m"),
                                                Memory.parse("4Gi"),
                                                Memory.parse("10g")),
                                        null))
                        .build();

        assertThat(section(section(specOf(render(spec)), "taskManager"), "resource"))
                .containsExactly(
                        entry("cpu", 0.5),
                        entry("memory", "4g"),
                        entry("ephemeralStorage", "10Gi"));
    }

    @ParameterizedTest
    @CsvSource({
        "1600m, 1600m",
        "2g, 2g",
        "2048m, 2g",
        "1536 mb, 1536m",
        "2Gi, 2g",
        "1t, 1t",
        "1000k, 1000k",
        "1001b, 1001b"
    })
    void memoryIsWrittenInTheLargestExactFlinkUnit(String given, String written) {
        assertThat(CrFields.flinkNotation(new MemorySize(Memory.parse(given).bytes())))
                .isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2.0, 2", "500m, 0.5", "1500m, 1.5", "0.25, 0.25", "10, 10"})
    void cpuIsWrittenAsANumberOfCores(String given, String written) {
        Resource resource = new Resource(CrFields.cores(Cpu.parse(given)), null, null);

        assertThat(new KubernetesSerialization().asJson(resource))
                .isEqualTo("{\"cpu\":" + written + "}");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> podSpec) {
        return (List<Map<String, Object>>) podSpec.get("containers");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(Object list) {
        return ((List<Map<String, Object>>) list).stream().map(m -> m.get("name")).toList();
    }
}
