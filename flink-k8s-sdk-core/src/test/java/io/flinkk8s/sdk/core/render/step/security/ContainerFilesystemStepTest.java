package io.flinkk8s.sdk.core.render.step.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.step.FlinkConfigMountStep;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.KeyReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.client.cli.ArtifactFetchOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerFilesystemStepTest {

    /** Quotes, a colon, a hash and a dollar: what YAML and shells treat specially. */
    private static final String AWKWARD = "it's: #1 $(HOME) \"x\"";

    private final ContainerFilesystemStep step = new ContainerFilesystemStep();

    private static FlinkDeploymentSpec withSecrets(FlinkVersion version) {
        FlinkDeploymentSpec spec = RenderFixtures.minimalApplication();
        return spec.edit()
                .flinkVersion(version)
                .security(
                        spec.security()
                                .withSecretConfiguration(
                                        Map.of(
                                                "s3.secret-key",
                                                new KeyReference("s3-creds", "secret-key"),
                                                "s3.access-key",
                                                new KeyReference("s3-creds", "access-key"),
                                                "security.ssl.rest.keystore-password",
                                                new KeyReference("rest-tls", "password"))))
                .build();
    }

    private PodDraft jobManager(FlinkDeploymentSpec spec) {
        RenderContext ctx = RenderFixtures.context(spec);
        return step.apply(ctx, RenderFixtures.inputFor(ContainerFilesystemStep.ID, ctx))
                .jobManagerPod();
    }

    @Test
    void appliesOnlyWithSecretConfigurationOrAReadOnlyRootFilesystem() {
        FlinkDeploymentSpec minimal = RenderFixtures.minimalApplication();

        assertThat(step.appliesTo(RenderFixtures.context(minimal))).isFalse();
        assertThat(step.appliesTo(RenderFixtures.context(withSecrets(FlinkVersion.V2_1)))).isTrue();
        assertThat(
                        step.appliesTo(
                                RenderFixtures.context(
                                        minimal.edit()
                                                .security(
                                                        minimal.security()
                                                                .withReadOnlyRootFilesystem(true))
                                                .build())))
                .isTrue();
    }

    @Test
    void mountsTheConfigMapAsideAWritableConfDirAndEachSecretKeyAsAFileNamedForItsOption() {
        PodDraft jm = jobManager(withSecrets(FlinkVersion.V2_1));

        assertThat(jm.mainContainer().getVolumeMounts())
                .extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .containsExactly(
                        tuple(FlinkConfigMountStep.VOLUME, ContainerFilesystemStep.CONFIG_MAP_DIR),
                        tuple(ContainerFilesystemStep.WRITABLE_VOLUME, FlinkPorts.CONF_DIR),
                        tuple(
                                ContainerFilesystemStep.SECRETS_VOLUME,
                                ContainerFilesystemStep.SECRETS_DIR));
        Volume secrets =
                jm.pod().getSpec().getVolumes().stream()
                        .filter(v -> v.getName().equals(ContainerFilesystemStep.SECRETS_VOLUME))
                        .findFirst()
                        .orElseThrow();
        assertThat(secrets.getProjected().getSources())
                .extracting(s -> s.getSecret().getName())
                .containsExactly("s3-creds", "rest-tls");
        assertThat(secrets.getProjected().getSources())
                .flatMap(s -> s.getSecret().getItems())
                .extracting(KeyToPath::getKey, KeyToPath::getPath)
                .containsExactly(
                        tuple("access-key", "s3.access-key"),
                        tuple("secret-key", "s3.secret-key"),
                        tuple("password", "security.ssl.rest.keystore-password"));
    }

    @Test
    void withAReadOnlyRootFilesystemEveryPathFlinkWritesIsAMountedVolume() {
        FlinkDeploymentSpec minimal = RenderFixtures.minimalApplication();
        FlinkDeploymentSpec spec =
                minimal.edit()
                        .security(minimal.security().withReadOnlyRootFilesystem(true))
                        .build();
        RenderContext ctx = RenderFixtures.context(spec);

        Rendering out = step.apply(ctx, RenderFixtures.inputFor(ContainerFilesystemStep.ID, ctx));

        List<String> written =
                List.of(
                        System.getProperty("java.io.tmpdir"),
                        "/opt/flink/log",
                        ArtifactFetchOptions.BASE_DIR.defaultValue(),
                        FlinkPorts.CONF_DIR);
        for (PodDraft pod : List.of(out.jobManagerPod(), out.taskManagerPod())) {
            Container main = pod.mainContainer();
            assertThat(main.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(main.getVolumeMounts())
                    .filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                    .extracting(VolumeMount::getMountPath)
                    .containsAll(written);
            assertThat(pod.pod().getSpec().getVolumes())
                    .filteredOn(v -> written.contains(mountPathOf(main, v.getName())))
                    .allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull())
                    .hasSize(written.size());
        }
    }

    private static String mountPathOf(Container main, String volume) {
        return main.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(volume))
                .map(VolumeMount::getMountPath)
                .findFirst()
                .orElse(null);
    }

    @Test
    void runsTheImageEntrypointWithTheArgsOfPodCommand() {
        PodDraft jm = jobManager(withSecrets(FlinkVersion.V2_1));

        Container main = jm.mainContainer();
        assertThat(main.getCommand())
                .hasSize(4)
                .startsWith("/bin/sh", "-c")
                .endsWith("docker-entrypoint.sh");
        assertThat(main.getCommand().get(2))
                .endsWith("exec " + ContainerFilesystemStep.ENTRYPOINT + " \"$@\"\n");
        assertThat(main.getArgs()).first().isEqualTo("standalone-job");
    }

    @Test
    void theStartScriptMergesSecretValuesThatFlink2ReadsBackExactly(@TempDir Path root)
            throws Exception {
        Configuration merged = runScript(root, AWKWARD);

        assertThat(merged.toMap())
                .containsEntry("s3.secret-key", AWKWARD)
                .containsEntry("taskmanager.numberOfTaskSlots", "1");
        assertThat(Files.readString(root.resolve("entrypoint-args")))
                .isEqualTo("standalone-job --jars x.jar\n");
    }

    /**
     * Flink 1.x's {@code flink-conf.yaml} parser splits a line at the first {@code ": "} and takes
     * the rest as it is (no quoting), so the line carries the raw value.
     */
    @Test
    void theStartScriptAppendsRawLinesForFlink1(@TempDir Path root) throws Exception {
        Path conf = layout(root, "flink-conf.yaml", "p@ss:word'\"");

        run(root, ContainerFilesystemStep.script("flink-conf.yaml", false, true));

        assertThat(Files.readString(conf.resolve("flink-conf.yaml")))
                .isEqualTo("taskmanager.numberOfTaskSlots: 1\ns3.secret-key: p@ss:word'\"\n");
    }

    @Test
    void theStartScriptOnlyCopiesWithoutSecretConfiguration(@TempDir Path root) throws Exception {
        Path conf = layout(root, "config.yaml", null);

        run(root, ContainerFilesystemStep.script("config.yaml", true, false));

        assertThat(Files.readString(conf.resolve("config.yaml")))
                .isEqualTo("taskmanager.numberOfTaskSlots: 1\n");
    }

    /**
     * Runs the start script in {@code root} as the container would: the ConfigMap's file in the
     * ConfigMap dir, the Secret's key as a file named for its option (with the trailing newline a
     * Secret created from a file often has), and an entrypoint that records its args.
     */
    private static Configuration runScript(Path root, String value) throws Exception {
        Path conf = layout(root, "config.yaml", value);
        run(root, ContainerFilesystemStep.script("config.yaml", true, true));
        return GlobalConfiguration.loadConfiguration(conf.toString());
    }

    private static Path layout(Path root, String file, String secretValue) throws IOException {
        Path configMap = dir(root, ContainerFilesystemStep.CONFIG_MAP_DIR);
        Path conf = dir(root, FlinkPorts.CONF_DIR);
        Files.writeString(configMap.resolve(file), "taskmanager.numberOfTaskSlots: 1\n");
        if (secretValue != null) {
            Path secrets = dir(root, ContainerFilesystemStep.SECRETS_DIR);
            Files.writeString(secrets.resolve("s3.secret-key"), secretValue + "\n");
        }
        Path entrypoint = dir(root, "/bin-test").resolve("entrypoint");
        Files.writeString(
                entrypoint,
                "#!/bin/sh\necho \"$@\" > " + root.resolve("entrypoint-args") + "\n",
                StandardCharsets.UTF_8);
        entrypoint.toFile().setExecutable(true);
        return conf;
    }

    private static Path dir(Path root, String absolute) throws IOException {
        return Files.createDirectories(root.resolve(absolute.substring(1)));
    }

    private static void run(Path root, String script) throws Exception {
        String local =
                script.replace("/opt/flink", root + "/opt/flink")
                        .replace(ContainerFilesystemStep.ENTRYPOINT, root + "/bin-test/entrypoint");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", local, "sh"));
        command.addAll(List.of("standalone-job", "--jars", "x.jar"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("exit status; output: %s", output).isZero();
    }
}
