package io.flinkk8s.sdk.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.error.ExportException;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitOpsFolderTest {

    private static final FlinkDeploymentSpec PAYMENTS = RenderFixtures.statefulHaApplication();

    private static RenderedResources render(FlinkDeploymentSpec spec) {
        return Renderer.standalone().render(spec);
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).toList();
    }

    @Test
    void writesOneFilePerObjectAndAKustomizationListingThemInApplyOrder(@TempDir Path tmp)
            throws Exception {
        Path dir = tmp.resolve("clusters/prod/payments");

        GitOpsFolder.Result result = GitOpsFolder.at(dir).write(render(PAYMENTS));

        List<String> objects =
                List.of(
                        "serviceaccount-payments-flink.yaml",
                        "role-payments-flink-ha.yaml",
                        "rolebinding-payments-flink-ha.yaml",
                        "configmap-payments-flink-config.yaml",
                        "service-payments-jobmanager-rpc.yaml",
                        "service-payments-rest.yaml",
                        "deployment-payments-jobmanager.yaml",
                        "deployment-payments-taskmanager.yaml");
        assertThat(names(result.added())).containsAll(objects).endsWith("kustomization.yaml");
        assertThat(result.changed()).isEmpty();
        Map<?, ?> kustomization =
                new KubernetesSerialization()
                        .unmarshal(Files.readString(dir.resolve("kustomization.yaml")), Map.class);
        assertThat(kustomization.get("apiVersion")).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(kustomization.get("kind")).isEqualTo("Kustomization");
        assertThat(kustomization.get("resources")).isEqualTo(objects);
        assertThat(Files.readString(dir.resolve("configmap-payments-flink-config.yaml")))
                .isEqualTo(
                        YamlExporter.toYaml(render(PAYMENTS).configMap("payments-flink-config")));
    }

    @Test
    void reRenderingAnUnchangedSpecChangesNoByteAndNoModificationTime(@TempDir Path dir)
            throws Exception {
        GitOpsFolder folder = GitOpsFolder.at(dir);
        folder.write(render(PAYMENTS));
        Map<Path, FileTime> times = modificationTimes(dir);
        Map<Path, String> contents = contents(dir);
        FileTime past = FileTime.fromMillis(1_000_000L);
        for (Path file : times.keySet()) {
            Files.setLastModifiedTime(file, past);
        }

        GitOpsFolder.Result again = folder.write(render(RenderFixtures.statefulHaApplication()));

        assertThat(again.nothingChanged()).isTrue();
        assertThat(again.unchanged()).hasSize(times.size());
        assertThat(contents(dir)).isEqualTo(contents);
        assertThat(modificationTimes(dir).values()).containsOnly(past);
    }

    @Test
    void aChangedSpecRewritesOnlyTheFilesOfTheObjectsThatChanged(@TempDir Path dir) {
        GitOpsFolder folder = GitOpsFolder.at(dir);
        folder.write(render(PAYMENTS));
        int replicas = PAYMENTS.taskManager().replicas();

        GitOpsFolder.Result result =
                folder.write(render(PAYMENTS.withTaskManagerReplicas(replicas + 2)));

        assertThat(names(result.changed())).containsExactly("deployment-payments-taskmanager.yaml");
        assertThat(result.added()).isEmpty();
        assertThat(result.stale()).isEmpty();
        assertThat(result.removed()).isEmpty();
    }

    @Test
    void objectsNoLongerRenderedAreReportedStaleAndKept(@TempDir Path dir) {
        GitOpsFolder folder = GitOpsFolder.at(dir);
        folder.write(render(PAYMENTS));

        GitOpsFolder.Result result = folder.write(render(withoutHa()));

        assertThat(names(result.stale()))
                .containsExactly(
                        "serviceaccount-payments-flink.yaml",
                        "role-payments-flink-ha.yaml",
                        "rolebinding-payments-flink-ha.yaml");
        assertThat(result.stale()).allMatch(Files::exists);
        assertThat(result.removed()).isEmpty();
        assertThat(kustomizationText(dir))
                .as("still listed, so a GitOps tool that prunes keeps the objects")
                .contains("- role-payments-flink-ha.yaml");
        assertThat(folder.write(render(withoutHa())).stale()).isEqualTo(result.stale());
    }

    @Test
    void removingStaleDeletesThemAndThenTheyAreNoLongerReported(@TempDir Path dir) {
        GitOpsFolder.at(dir).write(render(PAYMENTS));

        GitOpsFolder.Result result =
                GitOpsFolder.at(dir).removingStale().write(render(withoutHa()));

        assertThat(names(result.removed()))
                .containsExactly(
                        "serviceaccount-payments-flink.yaml",
                        "role-payments-flink-ha.yaml",
                        "rolebinding-payments-flink-ha.yaml");
        assertThat(result.removed()).noneMatch(Files::exists);
        assertThat(kustomizationText(dir)).doesNotContain("role-payments-flink-ha.yaml");
        assertThat(GitOpsFolder.at(dir).write(render(withoutHa())).nothingChanged()).isTrue();
    }

    @Test
    void aStaleVolumeClaimIsKeptWhenRemovingStaleUnlessStatefulFilesAreIncluded(@TempDir Path dir)
            throws Exception {
        GitOpsFolder.at(dir).write(render(PAYMENTS));
        listAVolumeClaimAsIfAnEarlierRenderWroteIt(dir);

        GitOpsFolder.Result kept = GitOpsFolder.at(dir).removingStale().write(render(PAYMENTS));

        assertThat(names(kept.stale())).containsExactly("persistentvolumeclaim-payments-data.yaml");
        assertThat(dir.resolve("persistentvolumeclaim-payments-data.yaml")).exists();

        GitOpsFolder.Result removed =
                GitOpsFolder.at(dir).removingStale().includingStateful().write(render(PAYMENTS));

        assertThat(names(removed.removed()))
                .containsExactly("persistentvolumeclaim-payments-data.yaml");
        assertThat(dir.resolve("persistentvolumeclaim-payments-data.yaml")).doesNotExist();
    }

    @Test
    void filesTheKustomizationNeverListedAreNeverTouched(@TempDir Path dir) throws Exception {
        GitOpsFolder.at(dir).write(render(PAYMENTS));
        Path own = Files.writeString(dir.resolve("networkpolicy-hand-written.yaml"), "kind: X\n");

        GitOpsFolder.Result result =
                GitOpsFolder.at(dir).removingStale().write(render(withoutHa()));

        assertThat(own).hasContent("kind: X");
        assertThat(result.stale()).doesNotContain(own);
        assertThat(result.removed()).doesNotContain(own);
    }

    @Test
    void aFolderWithAHandWrittenKustomizationIsRefusedAndNothingIsWritten(@TempDir Path dir)
            throws Exception {
        Path kustomization =
                Files.writeString(
                        dir.resolve("kustomization.yaml"),
                        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");

        assertThatThrownBy(() -> GitOpsFolder.at(dir).write(render(PAYMENTS)))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining(kustomization.toString())
                .hasMessageContaining("was not written by flink-k8s-sdk");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(kustomization);
        }
    }

    private static FlinkDeploymentSpec withoutHa() {
        return PAYMENTS.edit().highAvailability(null).build();
    }

    /** A PVC file and its line in the Kustomization, as a render that had a claim wrote them. */
    private static void listAVolumeClaimAsIfAnEarlierRenderWroteIt(Path dir) throws Exception {
        var claim =
                new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName("payments-data")
                        .endMetadata()
                        .build();
        Files.writeString(
                dir.resolve("persistentvolumeclaim-payments-data.yaml"),
                YamlExporter.toYaml(claim));
        Path kustomization = dir.resolve("kustomization.yaml");
        Files.writeString(
                kustomization,
                Files.readString(kustomization) + "- persistentvolumeclaim-payments-data.yaml\n");
    }

    private static String kustomizationText(Path dir) {
        try {
            return Files.readString(dir.resolve("kustomization.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<Path, FileTime> modificationTimes(Path dir) throws Exception {
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                times.put(file, Files.getLastModifiedTime(file));
            }
        }
        return times;
    }

    private static Map<Path, String> contents(Path dir) throws Exception {
        Map<Path, String> contents = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                contents.put(file, Files.readString(file));
            }
        }
        return contents;
    }
}
