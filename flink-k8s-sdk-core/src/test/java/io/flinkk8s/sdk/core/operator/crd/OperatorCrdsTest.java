package io.flinkk8s.sdk.core.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorCrdsTest {

    @Test
    void loadsTheThreeGeneratedCrdsWithTheTypesNamesAndSubresources() {
        List<CustomResourceDefinition> crds = OperatorCrds.load();

        assertThat(crds)
                .extracting(c -> c.getMetadata().getName())
                .containsExactly(
                        HasMetadata.getFullResourceName(FlinkDeployment.class),
                        HasMetadata.getFullResourceName(FlinkSessionJob.class),
                        HasMetadata.getFullResourceName(FlinkStateSnapshot.class));
        assertThat(crds)
                .extracting(c -> c.getSpec().getNames().getKind())
                .containsExactly("FlinkDeployment", "FlinkSessionJob", "FlinkStateSnapshot");
        assertThat(crds)
                .allSatisfy(
                        c -> {
                            assertThat(c.getSpec().getGroup()).isEqualTo("flink.apache.org");
                            assertThat(c.getSpec().getScope()).isEqualTo("Namespaced");
                            CustomResourceDefinitionVersion v = c.getSpec().getVersions().get(0);
                            assertThat(v.getName()).isEqualTo("v1beta1");
                            assertThat(v.getSubresources().getStatus()).isNotNull();
                        });
        var scale = crds.get(0).getSpec().getVersions().get(0).getSubresources().getScale();
        assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.taskManager.replicas");
        assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.taskManager.replicas");
        assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.taskManager.labelSelector");
        assertThat(crds.get(1).getSpec().getVersions().get(0).getSubresources().getScale())
                .isNull();
    }

    @Test
    void theJsonCopiesAreTheSameDocumentsAsTheGeneratedYamlInTheSameOrder() throws IOException {
        List<URL> yaml = OperatorCrds.files();
        List<URL> json = OperatorCrds.jsonFiles();

        assertThat(json).hasSameSizeAs(yaml);
        ObjectMapper yamlReader = new YAMLMapper();
        ObjectMapper jsonReader = new ObjectMapper();
        for (int i = 0; i < yaml.size(); i++) {
            assertThat(json.get(i).getPath()).endsWith(".json");
            try (InputStream y = yaml.get(i).openStream();
                    InputStream j = json.get(i).openStream()) {
                JsonNode fromYaml = yamlReader.readTree(y);
                JsonNode fromJson = jsonReader.readTree(j);
                assertThat(fromJson).as("JSON copy of %s", yaml.get(i)).isEqualTo(fromYaml);
            }
        }
    }

    @Test
    void copiesEveryYamlCrdOfAFolderAsJson(@TempDir Path tmp) throws IOException {
        Files.writeString(
                tmp.resolve("a.yml"), "kind: CustomResourceDefinition\nspec:\n  x: [1, 2]\n");
        Files.writeString(tmp.resolve("notes.txt"), "not a CRD");

        List<Path> written = io.flinkk8s.sdk.core.internal.CrdJsonCopies.writeCopies(tmp);

        assertThat(written).containsExactly(tmp.resolve("a.json"));
        assertThat(Files.readString(tmp.resolve("a.json")))
                .isEqualTo("{\"kind\":\"CustomResourceDefinition\",\"spec\":{\"x\":[1,2]}}");
        assertThat(tmp.resolve("notes.json")).doesNotExist();
    }

    @Test
    void theSchemaOfFlinkConfigurationKeepsNestedYaml() {
        CustomResourceDefinition crd = OperatorCrds.load().get(0);
        var config =
                crd.getSpec()
                        .getVersions()
                        .get(0)
                        .getSchema()
                        .getOpenAPIV3Schema()
                        .getProperties()
                        .get("spec")
                        .getProperties()
                        .get("flinkConfiguration");

        assertThat(config.getXKubernetesPreserveUnknownFields()).isTrue();
        assertThat(config.getType()).isNull();
    }

    @Test
    void findsEveryCrdOnAClasspathInFoldersAndJars(@TempDir Path tmp) throws IOException {
        // given: a jar that carries one more CRD where operator API jars carry theirs
        Path jar = tmp.resolve("other-crds.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out);
                InputStream crd =
                        OperatorCrds.class
                                .getClassLoader()
                                .getResourceAsStream(
                                        "META-INF/fabric8/flinksessionjobs.flink.apache.org-v1.yml")) {
            j.putNextEntry(new JarEntry("META-INF/"));
            j.putNextEntry(new JarEntry("META-INF/fabric8/"));
            j.putNextEntry(new JarEntry("META-INF/fabric8/flinksessionjobs.other.yml"));
            crd.transferTo(j);
            j.putNextEntry(new JarEntry("META-INF/fabric8/notes.txt"));
        }
        // when
        List<CustomResourceDefinition> found;
        try (URLClassLoader loader =
                new URLClassLoader(
                        new URL[] {jar.toUri().toURL()}, OperatorCrds.class.getClassLoader())) {
            found = OperatorCrds.onClasspath(loader);
        }
        // then: the core's three (a folder here) and the jar's one, nothing else
        assertThat(found)
                .extracting(c -> c.getSpec().getNames().getKind())
                .containsExactlyInAnyOrder(
                        "FlinkDeployment",
                        "FlinkSessionJob",
                        "FlinkStateSnapshot",
                        "FlinkSessionJob");
    }
}
