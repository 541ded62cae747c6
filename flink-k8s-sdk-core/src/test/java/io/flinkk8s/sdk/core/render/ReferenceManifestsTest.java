package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For the spec equivalent to each of Flink's own standalone Kubernetes manifests ({@code
 * shared/reference/flink-standalone-k8s/}), the SDK renders the same container args, ports, config
 * keys and values, volume mounts, env and service account; extras are fine.
 *
 * <p>Allowed differences, by design:
 *
 * <ul>
 *   <li>args: the reference's placeholders ({@code <optional arguments>}, {@code <job arguments>})
 *       are dropped, and the SDK's {@code --jars <jarURI>} is ignored;
 *   <li>the REST port is named {@code rest} where the reference says {@code webui}: the operator's
 *       startup probe and the SDK's job client find the port by that name;
 *   <li>the application-mode JobManager is a Deployment (with {@code
 *       execution.shutdown-on-application-finish: false}), not a batch/v1 Job;
 *   <li>the main container is {@code flink-main-container}, labels are the recommended {@code
 *       app.kubernetes.io/*} ones, the REST Service is ClusterIP (not NodePort), and names derive
 *       from the deployment name, so {@code jobmanager.rpc.address} is compared with the name of
 *       the RPC Service on each side;
 *   <li>the liveness probes check the same TCP port (the SDK names it {@code rpc}) but with the
 *       SDK's timings: a startup probe holds them back instead of a 30 s initial delay.
 * </ul>
 */
class ReferenceManifestsTest {

    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    /** The reference's config keys and the Flink options that type them. */
    private static final Map<String, ConfigOption<?>> REFERENCE_KEYS =
            Map.of(
                    "taskmanager.numberOfTaskSlots", TaskManagerOptions.NUM_TASK_SLOTS,
                    "blob.server.port", BlobServerOptions.PORT,
                    "jobmanager.rpc.port", JobManagerOptions.PORT,
                    "taskmanager.rpc.port", TaskManagerOptions.RPC_PORT,
                    "jobmanager.memory.process.size", JobManagerOptions.TOTAL_PROCESS_MEMORY,
                    "taskmanager.memory.process.size", TaskManagerOptions.TOTAL_PROCESS_MEMORY,
                    "parallelism.default", CoreOptions.DEFAULT_PARALLELISM);

    private static final String ARTIFACTS = "/opt/flink/usrlib";

    private static Path reference(String file) {
        return ReferenceData.require("flink-standalone-k8s").resolve(file);
    }

    private static <T> T read(String file) throws Exception {
        try (InputStream in = Files.newInputStream(reference(file))) {
            return K8S.unmarshal(in);
        }
    }

    private static PodSpec referencePod(String file) throws Exception {
        Object o = read(file);
        PodTemplateSpec t =
                o instanceof Job j
                        ? j.getSpec().getTemplate()
                        : ((Deployment) o).getSpec().getTemplate();
        return t.getSpec();
    }

    // the equivalent specs

    private static FlinkDeploymentSpec session(boolean ha) {
        FlinkDeploymentSpec base =
                FlinkDeploymentSpec.named("flink")
                        .edit()
                        .image("apache/flink:latest")
                        .mode(DeploymentMode.SESSION)
                        .taskManager(new TaskManagerSpec(2, 2, null, null))
                        .flinkConfiguration(Map.of("parallelism.default", "2"))
                        .build();
        return ha ? withHa(base) : base;
    }

    private static FlinkDeploymentSpec application(boolean ha) {
        FlinkDeploymentSpec base =
                FlinkDeploymentSpec.named("flink")
                        .edit()
                        .image("apache/flink:latest")
                        .mode(DeploymentMode.APPLICATION)
                        .taskManager(new TaskManagerSpec(2, 2, null, null))
                        .job(JobSpec.ofJar("local:///opt/flink/usrlib/job.jar").withParallelism(2))
                        .podTemplate(jobArtifacts())
                        .build();
        FlinkDeploymentSpec withClass =
                base.edit()
                        .job(
                                new JobSpec(
                                        "local:///opt/flink/usrlib/job.jar",
                                        "com.job.ClassName",
                                        List.of(),
                                        2,
                                        null,
                                        null,
                                        null,
                                        null))
                        .build();
        return ha ? withHa(withClass) : withClass;
    }

    private static FlinkDeploymentSpec withHa(FlinkDeploymentSpec spec) {
        return spec.edit()
                .highAvailability(HighAvailabilitySpec.kubernetes("hdfs:///flink/recovery"))
                .serviceAccount("flink-service-account")
                .build();
    }

    /** The reference's hostPath job-artifacts volume, given through the pod template. */
    private static PodTemplateSpec jobArtifacts() {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                .addNewVolume()
                .withName("job-artifacts-volume")
                .withNewHostPath()
                .withPath("/host/path/to/job/artifacts")
                .endHostPath()
                .endVolume()
                .addNewContainer()
                .withName(FlinkPorts.MAIN_CONTAINER)
                .addNewVolumeMount()
                .withName("job-artifacts-volume")
                .withMountPath(ARTIFACTS)
                .endVolumeMount()
                .endContainer()
                .endSpec()
                .build();
    }

    // comparisons

    private static void assertSamePod(PodSpec reference, PodSpec sdk) {
        Container ref = reference.getContainers().get(0);
        Container main = sdk.getContainers().get(0);
        assertThat(main.getName()).isEqualTo(FlinkPorts.MAIN_CONTAINER);
        assertThat(withoutJars(main.getArgs()))
                .as("args")
                .isEqualTo(withoutPlaceholders(ref.getArgs()));
        assertThat(ports(main)).as("ports").isEqualTo(ports(ref));
        assertThat(mountPaths(main)).as("mount paths").containsAll(mountPaths(ref));
        assertThat(configItems(sdk)).as("config files").containsAll(configItems(reference));
        for (EnvVar e : ref.getEnv() == null ? List.<EnvVar>of() : ref.getEnv()) {
            assertThat(main.getEnv()).as("env").contains(e);
        }
        assertThat(livenessPort(main)).as("liveness port").isEqualTo(livenessPort(ref));
        assertThat(sdk.getServiceAccountName()).isEqualTo(reference.getServiceAccountName());
        assertThat(sdk.getSecurityContext().getRunAsUser())
                .isEqualTo(ref.getSecurityContext().getRunAsUser());
    }

    private static List<String> withoutPlaceholders(List<String> args) {
        return args.stream().filter(a -> !(a.startsWith("<") && a.endsWith(">"))).toList();
    }

    private static List<String> withoutJars(List<String> args) {
        List<String> result = new ArrayList<>(args);
        int i = result.indexOf("--jars");
        if (i >= 0) {
            result.remove(i + 1);
            result.remove(i);
        }
        return result;
    }

    /** The port number a TCP liveness probe checks, a port name resolved on the container. */
    private static Integer livenessPort(Container c) {
        IntOrString port = c.getLivenessProbe().getTcpSocket().getPort();
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow();
    }

    /** Port number → name, {@code webui} read as {@code rest}. */
    private static Map<Integer, String> ports(Container c) {
        Map<Integer, String> ports = new TreeMap<>();
        for (ContainerPort p : c.getPorts()) {
            ports.put(p.getContainerPort(), "webui".equals(p.getName()) ? "rest" : p.getName());
        }
        return ports;
    }

    private static Set<String> mountPaths(Container c) {
        Set<String> paths = new TreeSet<>();
        for (VolumeMount m : c.getVolumeMounts()) {
            paths.add(m.getMountPath().replaceAll("/$", ""));
        }
        return paths;
    }

    private static Set<String> configItems(PodSpec pod) {
        Set<String> items = new TreeSet<>();
        for (Volume v : pod.getVolumes()) {
            if (v.getConfigMap() != null) {
                v.getConfigMap().getItems().stream().map(KeyToPath::getKey).forEach(items::add);
            }
        }
        return items;
    }

    private static Configuration load(String configYaml, Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), configYaml);
        return GlobalConfiguration.loadConfiguration(dir.toString());
    }

    private static RenderedResources render(FlinkDeploymentSpec spec) {
        return Renderer.standalone().render(spec);
    }

    private static PodSpec pod(RenderedResources r, String deployment) {
        return r.deployment(deployment).getSpec().getTemplate().getSpec();
    }

    // the tests

    @Test
    void sessionJobManagerWithoutHaMatchesTheReference() throws Exception {
        RenderedResources r = render(session(false));

        assertSamePod(
                referencePod("jobmanager-session-deployment-non-ha.yaml"),
                pod(r, "flink-jobmanager"));
    }

    @Test
    void sessionJobManagerWithHaMatchesTheReference() throws Exception {
        RenderedResources r = render(session(true));

        assertSamePod(
                referencePod("jobmanager-session-deployment-ha.yaml"), pod(r, "flink-jobmanager"));
    }

    @Test
    void applicationJobManagerWithoutHaMatchesTheReference() throws Exception {
        RenderedResources r = render(application(false));

        assertSamePod(
                referencePod("jobmanager-application-non-ha.yaml"), pod(r, "flink-jobmanager"));
    }

    @Test
    void applicationJobManagerWithHaMatchesTheReference() throws Exception {
        RenderedResources r = render(application(true));

        assertSamePod(referencePod("jobmanager-application-ha.yaml"), pod(r, "flink-jobmanager"));
    }

    @Test
    void taskManagersMatchTheReference() throws Exception {
        RenderedResources sessionTms = render(session(false));
        RenderedResources jobTms = render(application(false));

        assertSamePod(
                referencePod("taskmanager-session-deployment.yaml"),
                pod(sessionTms, "flink-taskmanager"));
        assertSamePod(
                referencePod("taskmanager-job-deployment.yaml"), pod(jobTms, "flink-taskmanager"));
        Deployment reference = read("taskmanager-session-deployment.yaml");
        assertThat(sessionTms.deployment("flink-taskmanager").getSpec().getReplicas())
                .isEqualTo(reference.getSpec().getReplicas());
    }

    @Test
    void configFileHasTheReferenceKeysWithEqualValues(@TempDir Path tmp) throws Exception {
        // given
        ConfigMap referenceMap = read("flink-configuration-configmap.yaml");
        RenderedResources r = render(session(false));
        ResourceNames names = ResourceNames.of("flink");
        ConfigMap sdkMap = r.configMap(names.configMap());
        // when
        Configuration ref = load(referenceMap.getData().get("config.yaml"), tmp.resolve("ref"));
        Configuration sdk = load(sdkMap.getData().get("config.yaml"), tmp.resolve("sdk"));
        // then
        assertThat(sdkMap.getData().keySet()).containsAll(referenceMap.getData().keySet());
        assertThat(ref.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        union(REFERENCE_KEYS.keySet(), "jobmanager.rpc.address"));
        REFERENCE_KEYS.forEach(
                (key, option) ->
                        assertThat((Object) sdk.get(option)).as(key).isEqualTo(ref.get(option)));
        Service referenceRpc = read("jobmanager-service.yaml");
        assertThat(ref.get(JobManagerOptions.ADDRESS))
                .isEqualTo(referenceRpc.getMetadata().getName());
        assertThat(sdk.get(JobManagerOptions.ADDRESS)).isEqualTo(names.rpcService());
    }

    @Test
    void reactiveModeIsConfiguredAsInTheReference(@TempDir Path tmp) throws Exception {
        // given
        ConfigMap referenceMap = read("flink-reactive-mode-configuration-configmap.yaml");
        FlinkDeploymentSpec autoscaled =
                application(false)
                        .edit()
                        .checkpointing(new CheckpointingSpec(Duration.ofSeconds(10), null, null))
                        .autoscaling(AutoscalingPolicy.taskManagers(1, 4))
                        .build();
        ConfigMap sdkMap = render(autoscaled).configMap(ResourceNames.of("flink").configMap());
        // when
        Configuration ref = load(referenceMap.getData().get("config.yaml"), tmp.resolve("ref"));
        Configuration sdk = load(sdkMap.getData().get("config.yaml"), tmp.resolve("sdk"));
        // then
        assertThat(sdk.get(JobManagerOptions.SCHEDULER_MODE))
                .isEqualTo(ref.get(JobManagerOptions.SCHEDULER_MODE))
                .isNotNull();
        assertThat(sdk.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(ref.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
    }

    @Test
    void servicesExposeTheReferencePorts() throws Exception {
        RenderedResources r = render(session(false));
        ResourceNames names = ResourceNames.of("flink");
        Service referenceRpc = read("jobmanager-service.yaml");
        Service referenceRest = read("jobmanager-rest-service.yaml");

        Map<Integer, String> sdk = new TreeMap<>();
        sdk.putAll(servicePorts(r.service(names.rpcService())));
        sdk.putAll(servicePorts(r.service(names.restService())));

        assertThat(sdk).isEqualTo(servicePorts(referenceRpc));
        assertThat(servicePorts(r.service(names.restService())))
                .isEqualTo(servicePorts(referenceRest));
    }

    private static Map<Integer, String> servicePorts(Service s) {
        Map<Integer, String> ports = new TreeMap<>();
        for (ServicePort p : s.getSpec().getPorts()) {
            ports.put(p.getPort(), "webui".equals(p.getName()) ? "rest" : p.getName());
        }
        return ports;
    }

    private static Set<String> union(Set<String> keys, String extra) {
        Set<String> all = new TreeSet<>(keys);
        all.add(extra);
        return all;
    }
}
