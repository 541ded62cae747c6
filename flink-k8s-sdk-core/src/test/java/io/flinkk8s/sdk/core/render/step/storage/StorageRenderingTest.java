package io.flinkk8s.sdk.core.render.step.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageRenderingTest {

    private static final KubernetesSerialization K8S = new KubernetesSerialization();
    private static final Renderer RENDERER = Renderer.defaults();

    private static PodSpec pod(RenderedResources r, String deployment) {
        return r.deployment(deployment).getSpec().getTemplate().getSpec();
    }

    private static Container main(PodSpec pod) {
        return pod.getContainers().get(0);
    }

    @SuppressWarnings("unchecked")
    static PodTemplateSpec operatorTemplate(RenderedResources r, String name, String role) {
        Map<String, Object> spec =
                (Map<String, Object>) r.flinkDeployment(name).getAdditionalProperties().get("spec");
        Map<String, Object> section = (Map<String, Object>) spec.get(role);
        return K8S.convertValue(section.get("podTemplate"), PodTemplateSpec.class);
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst()
                .orElse(null);
    }

    private static List<String> mounts(Container c) {
        return c.getVolumeMounts().stream().map(m -> m.getName() + "@" + m.getMountPath()).toList();
    }

    @Test
    void jobManagerAndTaskManagersMountTheClaimAndTheLocalVolumeAndEnableThePlugin() {
        RenderedResources r = RENDERER.render(RenderFixtures.storageSchedulingApplication());

        for (String deployment : List.of("ledger-jobmanager", "ledger-taskmanager")) {
            PodSpec pod = pod(r, deployment);
            Volume state = volume(pod, StorageStep.STATE_VOLUME);
            Volume local = volume(pod, StorageStep.LOCAL_VOLUME);
            assertThat(state.getPersistentVolumeClaim().getClaimName()).isEqualTo("ledger-state");
            assertThat(local.getEphemeral().getVolumeClaimTemplate().getSpec())
                    .satisfies(
                            s -> {
                                assertThat(s.getAccessModes()).containsExactly("ReadWriteOnce");
                                assertThat(s.getStorageClassName()).isEqualTo("local-nvme");
                                assertThat(s.getResources().getRequests())
                                        .containsEntry("storage", new Quantity("50Gi"));
                            });
            assertThat(mounts(main(pod)))
                    .contains("flink-state@/flink-data", "flink-local@/flink-local");
            assertThat(env(main(pod), StorageStep.PLUGINS_ENV))
                    .isEqualTo("flink-s3-fs-presto-2.2.0.jar");
            assertThat(main(pod).getEnvFrom())
                    .singleElement()
                    .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo("ledger-s3"));
        }
    }

    @Test
    void theStateDirectoriesAndTheWorkingDirectoryAreOnTheVolumes() {
        RenderedResources r = RENDERER.render(RenderFixtures.storageSchedulingApplication());

        String config = r.configMap("ledger-flink-config").getData().get("config.yaml");

        assertThat(config)
                .contains("execution.checkpointing.dir: s3://flink/ledger/checkpoints")
                .contains("execution.checkpointing.savepoint-dir: file:///flink-data/savepoints")
                .contains("high-availability.storageDir: file:///flink-data/ha")
                .contains("process.working-dir: /flink-local")
                .contains("execution.state-recovery.from-local: true");
    }

    @Test
    void theClaimIsReadWriteManyWithItsClassSizeAndLabels() {
        RenderedResources r = RENDERER.render(RenderFixtures.storageSchedulingApplication());

        PersistentVolumeClaim claim = r.get(PersistentVolumeClaim.class, "ledger-state");

        assertThat(claim.getMetadata().getNamespace()).isEqualTo("streaming");
        assertThat(claim.getMetadata().getLabels())
                .containsEntry(ResourceLabels.COMPONENT, Component.STORAGE.labelValue());
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("nfs-client");
        assertThat(claim.getSpec().getResources().getRequests())
                .containsEntry("storage", new Quantity("20Gi"));
    }

    @Test
    void theOperatorTargetMountsInThePodTemplatesAndRendersTheClaimNextToTheResource() {
        RenderedResources r =
                RENDERER.render(
                        RenderFixtures.storageSchedulingApplication()
                                .withTarget(RenderTarget.OPERATOR));

        assertThat(r.keys())
                .extracting(k -> k.kind() + "/" + k.name())
                .containsExactly("PersistentVolumeClaim/ledger-state", "FlinkDeployment/ledger");
        for (String role : List.of("jobManager", "taskManager")) {
            PodTemplateSpec template = operatorTemplate(r, "ledger", role);
            assertThat(template.getSpec().getVolumes())
                    .extracting(Volume::getName)
                    .contains(StorageStep.STATE_VOLUME, StorageStep.LOCAL_VOLUME);
            assertThat(mounts(main(template.getSpec())))
                    .contains("flink-state@/flink-data", "flink-local@/flink-local");
            assertThat(env(main(template.getSpec()), StorageStep.PLUGINS_ENV))
                    .isEqualTo("flink-s3-fs-presto-2.2.0.jar");
        }
    }

    @Test
    void aGcsCredentialsFileIsMountedFromTheSecretAndNamedByItsVariable() {
        FlinkDeploymentSpec spec =
                RenderFixtures.minimalApplication()
                        .edit()
                        .image("flink:2.3.0-java17")
                        .checkpointing(
                                new CheckpointingSpec(
                                        Duration.ofMinutes(1), "gs://bucket/cp", "gs://bucket/sp"))
                        .storage(
                                StoragePolicy.none()
                                        .withObjectStore(
                                                new ObjectStoreSpec(
                                                        "orders-gcp", "sa.json", null, null)))
                        .build();

        PodSpec pod = pod(RENDERER.render(spec), "orders-taskmanager");

        assertThat(volume(pod, StorageStep.CREDENTIALS_VOLUME).getSecret().getSecretName())
                .isEqualTo("orders-gcp");
        assertThat(main(pod).getVolumeMounts())
                .filteredOn(m -> m.getName().equals(StorageStep.CREDENTIALS_VOLUME))
                .singleElement()
                .extracting(VolumeMount::getMountPath, VolumeMount::getReadOnly)
                .containsExactly("/flink-credentials", true);
        assertThat(env(main(pod), StorageStep.GOOGLE_CREDENTIALS_ENV))
                .isEqualTo("/flink-credentials/sa.json");
        assertThat(env(main(pod), StorageStep.PLUGINS_ENV))
                .isEqualTo("flink-gs-fs-hadoop-2.3.0.jar");
        assertThat(main(pod).getEnvFrom()).isNullOrEmpty();
    }

    @Test
    void pluginsAlreadyNamedInTheTemplateAreKeptAndEachSchemeGetsItsPlugin() {
        PodTemplateSpec template =
                new PodTemplateSpecBuilder()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("flink-main-container")
                        .addNewEnv()
                        .withName(StorageStep.PLUGINS_ENV)
                        .withValue("flink-metrics-prometheus-2.3.0.jar")
                        .endEnv()
                        .endContainer()
                        .endSpec()
                        .build();
        FlinkDeploymentSpec spec =
                RenderFixtures.minimalApplication()
                        .edit()
                        .image("flink:2.3.0-java17")
                        .podTemplate(template)
                        .checkpointing(
                                new CheckpointingSpec(
                                        Duration.ofMinutes(1),
                                        "abfss://cp@acct.dfs.core.windows.net/orders",
                                        "oss://bucket/sp"))
                        .highAvailability(HighAvailabilitySpec.kubernetes("s3a://bucket/ha"))
                        .storage(
                                StoragePolicy.none()
                                        .withObjectStore(ObjectStoreSpec.withSecret("k")))
                        .build();

        RenderedResources r = RENDERER.render(spec);

        assertThat(env(main(pod(r, "orders-jobmanager")), StorageStep.PLUGINS_ENV))
                .isEqualTo(
                        "flink-metrics-prometheus-2.3.0.jar;flink-azure-fs-hadoop-2.3.0.jar;"
                                + "flink-oss-fs-hadoop-2.3.0.jar;flink-s3-fs-hadoop-2.3.0.jar");
        assertThat(main(pod(r, "orders-jobmanager")).getEnv())
                .filteredOn(e -> e.getName().equals(StorageStep.PLUGINS_ENV))
                .hasSize(1);
        assertThat(r.configMap("orders-flink-config").getData().get("config.yaml"))
                .contains(
                        "fs.azure.account.keyprovider.acct.dfs.core.windows.net: "
                                + StorageConfigStep.AZURE_ENV_KEY_PROVIDER)
                .contains(
                        "fs.oss.credentials.provider: "
                                + StorageConfigStep.OSS_ENV_CREDENTIALS_PROVIDER);
    }

    @Test
    void withoutAStoragePolicyNothingIsMountedOrEnabled() {
        RenderedResources r = RENDERER.render(RenderFixtures.statefulHaApplication());

        assertThat(r.find(PersistentVolumeClaim.class, "payments-state")).isEmpty();
        Container main = main(pod(r, "payments-taskmanager"));
        assertThat(env(main, StorageStep.PLUGINS_ENV)).isNull();
        assertThat(main.getVolumeMounts())
                .extracting(VolumeMount::getName)
                .doesNotContain(StorageStep.STATE_VOLUME, StorageStep.LOCAL_VOLUME);
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name + " in " + pod));
    }
}
