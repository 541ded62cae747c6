package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.render.step.FlinkConfigMapStep;
import io.flinkk8s.sdk.core.render.step.PodSecurityStep;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendererTest {

    private static final Renderer RENDERER = Renderer.standalone();

    private static Container main(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static PodSpec pod(Deployment d) {
        return d.getSpec().getTemplate().getSpec();
    }

    @Test
    void invalidSpecIsRejectedWithEveryViolationBeforeAnythingRenders() {
        FlinkDeploymentSpec invalid =
                RenderFixtures.minimalApplication()
                        .withTaskManagerReplicas(0)
                        .withFlinkConfiguration(Map.of("jobmanager.rpc.port", "7000"));

        assertThatThrownBy(() -> RENDERER.render(invalid))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(
                        e ->
                                assertThat(((InvalidSpecException) e).violations())
                                        .extracting(Violation::path)
                                        .containsExactly(
                                                "taskManager.replicas",
                                                "flinkConfiguration['jobmanager.rpc.port']"));
    }

    @Test
    void selectorsHoldOnlyInstanceAndComponentAndPodsNeverTheSpecsLabels() {
        RenderedResources r = RENDERER.render(RenderFixtures.statefulHaApplication());

        for (HasMetadata o : r.all()) {
            Map<String, String> selector =
                    o instanceof Deployment d
                            ? d.getSpec().getSelector().getMatchLabels()
                            : o instanceof Service s ? s.getSpec().getSelector() : null;
            if (selector == null) {
                continue;
            }
            assertThat(selector.keySet())
                    .as("selector of %s", ResourceKey.of(o))
                    .containsExactlyInAnyOrder(ResourceLabels.INSTANCE, ResourceLabels.COMPONENT);
            if (o instanceof Deployment d) {
                assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                        .containsAllEntriesOf(selector)
                        .doesNotContainKey("team");
                assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                        .doesNotContainKey("example.com/owner");
                assertThat(d.getMetadata().getLabels()).containsEntry("team", "payments");
                assertThat(d.getMetadata().getAnnotations())
                        .containsEntry("example.com/owner", "payments@example.com");
            }
        }
    }

    @Test
    void everyObjectIsNamedByResourceNames() {
        FlinkDeploymentSpec spec = RenderFixtures.statefulHaApplication();
        ResourceNames names = ResourceNames.of(spec.name());

        assertThat(RENDERER.render(spec).keys())
                .extracting(ResourceKey::name)
                .allMatch(
                        n ->
                                List.of(
                                                names.jobManagerDeployment(),
                                                names.taskManagerDeployment(),
                                                names.rpcService(),
                                                names.restService(),
                                                names.configMap(),
                                                names.serviceAccount(),
                                                names.haRole())
                                        .contains(n));
    }

    @Test
    void aSuspendedJobScalesBothDeploymentsToZero() {
        FlinkDeploymentSpec ha = RenderFixtures.statefulHaApplication();
        FlinkDeploymentSpec suspended =
                ha.edit().job(ha.job().withState(JobState.SUSPENDED)).build();
        ResourceNames names = ResourceNames.of(ha.name());

        RenderedResources r = RENDERER.render(suspended);

        assertThat(r.deployment(names.jobManagerDeployment()).getSpec().getReplicas()).isZero();
        assertThat(r.deployment(names.taskManagerDeployment()).getSpec().getReplicas()).isZero();
        assertThat(
                        RENDERER.render(ha)
                                .deployment(names.taskManagerDeployment())
                                .getSpec()
                                .getReplicas())
                .isEqualTo(3);
    }

    @Test
    void highAvailabilityGivesHeadlessRpcServicePodIpAndLeastPrivilegeRbac() {
        // given
        FlinkDeploymentSpec spec = RenderFixtures.statefulHaApplication();
        ResourceNames names = ResourceNames.of(spec.name());
        // when
        RenderedResources r = RENDERER.render(spec);
        // then
        assertThat(r.service(names.rpcService()).getSpec().getClusterIP()).isEqualTo("None");
        Deployment jm = r.deployment(names.jobManagerDeployment());
        assertThat(main(jm).getArgs()).startsWith("standalone-job", "--host", "$(POD_IP)");
        EnvVar podIp = main(jm).getEnv().get(0);
        assertThat(podIp.getName()).isEqualTo(FlinkPorts.POD_IP_ENV);
        assertThat(podIp.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        for (Deployment d : List.of(jm, r.deployment(names.taskManagerDeployment()))) {
            assertThat(pod(d).getServiceAccountName()).isEqualTo(names.serviceAccount());
            assertThat(pod(d).getAutomountServiceAccountToken()).isTrue();
        }
        Role role = r.get(Role.class, names.haRole());
        assertThat(role.getRules()).hasSize(1);
        assertThat(role.getRules().get(0).getResources()).containsExactly("configmaps");
        assertThat(role.getRules().get(0).getVerbs())
                .containsExactly("get", "list", "watch", "create", "update", "patch", "delete");
        RoleBinding binding = r.get(RoleBinding.class, names.haRole());
        assertThat(binding.getSubjects().get(0).getName()).isEqualTo(names.serviceAccount());
        assertThat(r.keys().subList(0, 3))
                .extracting(ResourceKey::kind)
                .containsExactly("ServiceAccount", "Role", "RoleBinding");
    }

    @Test
    void withoutHighAvailabilityPodsGetNoApiTokenAndNoRbacIsRendered() {
        FlinkDeploymentSpec spec = RenderFixtures.minimalApplication();
        ResourceNames names = ResourceNames.of(spec.name());

        RenderedResources r = RENDERER.render(spec);

        assertThat(r.keys()).extracting(ResourceKey::kind).doesNotContain("ServiceAccount", "Role");
        assertThat(r.service(names.rpcService()).getSpec().getClusterIP()).isNull();
        Deployment jm = r.deployment(names.jobManagerDeployment());
        assertThat(pod(jm).getAutomountServiceAccountToken()).isFalse();
        assertThat(pod(jm).getServiceAccountName()).isNull();
        assertThat(main(jm).getArgs())
                .containsExactly(
                        "standalone-job", "--jars", "local:///opt/flink/usrlib/orders.jar");
    }

    @Test
    void aUserServiceAccountIsUsedWithHighAvailabilityAndNoRbacIsRendered() {
        FlinkDeploymentSpec spec =
                RenderFixtures.statefulHaApplication().edit().serviceAccount("payments-sa").build();

        RenderedResources r = RENDERER.render(spec);

        assertThat(r.keys()).extracting(ResourceKey::kind).doesNotContain("ServiceAccount", "Role");
        assertThat(pod(r.deployment("payments-jobmanager")).getServiceAccountName())
                .isEqualTo("payments-sa");
    }

    @Test
    void flink1WritesFlinkConfYamlWithLegacyKeys() {
        FlinkDeploymentSpec spec =
                RenderFixtures.statefulHaApplication()
                        .edit()
                        .flinkVersion(FlinkVersion.V1_20)
                        .build();

        RenderedResources r = RENDERER.render(spec);

        Map<String, String> data = r.configMap("payments-flink-config").getData();
        assertThat(data).containsOnlyKeys("flink-conf.yaml", "log4j-console.properties");
        assertThat(data.get("flink-conf.yaml"))
                .contains("state.checkpoints.dir: s3://flink/payments/checkpoints\n")
                .contains("state.savepoints.dir: s3://flink/payments/savepoints\n")
                .doesNotContain("execution.checkpointing.dir")
                .doesNotContain("execution.checkpointing.savepoint-dir");
        assertThat(
                        pod(r.deployment("payments-jobmanager"))
                                .getVolumes()
                                .get(0)
                                .getConfigMap()
                                .getItems())
                .extracting(i -> i.getKey())
                .containsExactly("flink-conf.yaml", "log4j-console.properties");
    }

    @Test
    void aUserValueForADerivedKeyWinsWithAnAdvisory() {
        FlinkDeploymentSpec spec =
                RenderFixtures.minimalApplication()
                        .edit()
                        .flinkConfiguration(
                                Map.of(
                                        "taskmanager.memory.process.size", "4g",
                                        "jobmanager.memory.process.size", "1600m",
                                        "pipeline.name", "orders"))
                        .build();

        RenderedResources r = RENDERER.render(spec);

        String config = r.configMap("orders-flink-config").getData().get("config.yaml");
        assertThat(config)
                .contains("taskmanager.memory.process.size: 4g\n")
                .contains("pipeline.name: orders\n");
        assertThat(r.advisories())
                .containsExactly(
                        new Advisory(
                                "flinkConfiguration['taskmanager.memory.process.size']",
                                "overrides the value the SDK derives from the spec ('1728 mb');"
                                        + " '4g' is used"));
    }

    @Test
    void podTemplateSidecarsAndTolerationsSurviveAndOwnedMainContainerFieldsAreOverwritten() {
        // given
        PodTemplateSpec template =
                new PodTemplateSpecBuilder()
                        .withNewSpec()
                        .addNewToleration("NoSchedule", "dedicated", "Equal", null, "flink")
                        .addNewContainer()
                        .withName(FlinkPorts.MAIN_CONTAINER)
                        .withImage("wrong:1")
                        .withArgs("something-else")
                        .addNewEnv()
                        .withName("FROM_TEMPLATE")
                        .withValue("1")
                        .endEnv()
                        .withNewResources()
                        .addToLimits("cpu", new Quantity("8"))
                        .addToLimits("nvidia.com/gpu", new Quantity("1"))
                        .endResources()
                        .endContainer()
                        .addNewContainer()
                        .withName("log-shipper")
                        .withImage("fluent-bit:3")
                        .endContainer()
                        .endSpec()
                        .build();
        FlinkDeploymentSpec spec =
                RenderFixtures.statefulHaApplication().edit().podTemplate(template).build();
        // when
        Deployment tm = RENDERER.render(spec).deployment("payments-taskmanager");
        // then
        PodSpec pod = pod(tm);
        assertThat(pod.getTolerations())
                .extracting(Toleration::getKey)
                .containsExactly("dedicated");
        assertThat(pod.getContainers())
                .extracting(Container::getName)
                .containsExactly(FlinkPorts.MAIN_CONTAINER, "log-shipper");
        Container main = main(tm);
        assertThat(main.getImage()).isEqualTo("registry.example.com/payments:1.4.2");
        assertThat(main.getArgs()).containsExactly("taskmanager");
        assertThat(main.getResources().getLimits())
                .containsEntry("cpu", new Quantity("1500m"))
                .containsEntry("memory", new Quantity("4Gi"))
                .containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(main.getEnv())
                .extracting(EnvVar::getName)
                .containsExactly("FROM_TEMPLATE", "REGION", "KAFKA_PASSWORD");
        assertThat(pod.getContainers().get(1).getSecurityContext().getAllowPrivilegeEscalation())
                .isFalse();
    }

    @Test
    void secretEnvIsAReferenceNeverAValue() {
        Deployment jm =
                RENDERER.render(RenderFixtures.statefulHaApplication())
                        .deployment("payments-jobmanager");

        EnvVar password =
                main(jm).getEnv().stream()
                        .filter(e -> e.getName().equals("KAFKA_PASSWORD"))
                        .findFirst()
                        .orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("kafka");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    }

    @Test
    void restrictedSecurityContextsByDefault() {
        Deployment jm =
                RENDERER.render(RenderFixtures.minimalApplication())
                        .deployment("orders-jobmanager");

        var podSecurity = pod(jm).getSecurityContext();
        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(9999L);
        assertThat(podSecurity.getRunAsGroup()).isEqualTo(9999L);
        assertThat(podSecurity.getFsGroup()).isEqualTo(9999L);
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var container = main(jm).getSecurityContext();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getPrivileged()).isNull();
    }

    @Test
    void noSecurityContextWithPodSecurityNone() {
        FlinkDeploymentSpec spec =
                RenderFixtures.minimalApplication()
                        .edit()
                        .security(new SecuritySpec(PodSecurity.NONE, null, null, null))
                        .build();

        Deployment jm = RENDERER.render(spec).deployment("orders-jobmanager");

        assertThat(pod(jm).getSecurityContext()).isNull();
        assertThat(main(jm).getSecurityContext()).isNull();
    }

    @Test
    void sessionModeRunsJobmanagerAndNeedsNoShutdownSetting() {
        RenderedResources r = RENDERER.render(RenderFixtures.session());

        assertThat(main(r.deployment("sessions-jobmanager")).getArgs())
                .containsExactly("jobmanager");
        assertThat(main(r.deployment("sessions-taskmanager")).getArgs())
                .containsExactly("taskmanager");
        assertThat(r.configMap("sessions-flink-config").getData().get("config.yaml"))
                .contains("parallelism.default: 4\n")
                .doesNotContain("shutdown-on-application-finish");
    }

    @Test
    void sessionModeWithHighAvailabilityAdvertisesThePodIp() {
        FlinkDeploymentSpec spec =
                RenderFixtures.session()
                        .edit()
                        .highAvailability(HighAvailabilitySpec.kubernetes("s3://ha"))
                        .build();

        Deployment jm = RENDERER.render(spec).deployment("sessions-jobmanager");

        assertThat(main(jm).getArgs()).containsExactly("jobmanager", "$(POD_IP)");
    }

    @Test
    void applicationArgsCarryEntryClassSavepointAndJobArguments() {
        FlinkDeploymentSpec spec =
                RenderFixtures.minimalApplication()
                        .edit()
                        .job(
                                new JobSpec(
                                        "local:///opt/flink/usrlib/orders.jar",
                                        "com.example.Orders",
                                        List.of("--topic", "orders"),
                                        null,
                                        null,
                                        null,
                                        "s3://sp/savepoint-1",
                                        true))
                        .build();

        Deployment jm = RENDERER.render(spec).deployment("orders-jobmanager");

        assertThat(main(jm).getArgs())
                .containsExactly(
                        "standalone-job",
                        "--job-classname",
                        "com.example.Orders",
                        "--jars",
                        "local:///opt/flink/usrlib/orders.jar",
                        "--fromSavepoint",
                        "s3://sp/savepoint-1",
                        "--allowNonRestoredState",
                        "--topic",
                        "orders");
    }

    @Test
    void aConfigChangeChangesThePodConfigHashAndNothingElseDoesNot() {
        FlinkDeploymentSpec spec = RenderFixtures.minimalApplication();
        FlinkDeploymentSpec changed =
                spec.edit().flinkConfiguration(Map.of("pipeline.name", "x")).build();

        String before = configHash(RENDERER.render(spec).deployment("orders-taskmanager"));

        assertThat(configHash(RENDERER.render(spec).deployment("orders-taskmanager")))
                .isEqualTo(before);
        assertThat(configHash(RENDERER.render(changed).deployment("orders-taskmanager")))
                .isNotEqualTo(before)
                .hasSize(64);
    }

    private static String configHash(Deployment d) {
        return d.getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(FlinkConfigMapStep.CONFIG_HASH_ANNOTATION);
    }

    @Test
    void theStandaloneRendererRefusesAnOperatorSpecAndNamesTheWayOut() {
        FlinkDeploymentSpec spec =
                RenderFixtures.minimalApplication().withTarget(RenderTarget.OPERATOR);

        assertThatThrownBy(() -> RENDERER.render(spec))
                .isExactlyInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("\"orders\"")
                .hasMessageContaining("with target operator")
                .hasMessageContaining("pipelines for [standalone] only")
                .hasMessageContaining("Renderer.defaults()")
                .hasMessageContaining("Renderer.with(RenderTarget.OPERATOR, pipeline)");
    }

    @Test
    void theDefaultRendererRendersEachTargetWithItsOwnPipeline() {
        FlinkDeploymentSpec spec = RenderFixtures.minimalApplication();
        Renderer renderer = Renderer.defaults();

        assertThat(renderer.render(spec)).isEqualTo(Renderer.standalone().render(spec));
        assertThat(renderer.render(spec.withTarget(RenderTarget.OPERATOR)).keys())
                .containsExactly(new ResourceKey("FlinkDeployment", "orders"));
        assertThat(renderer.pipeline(RenderTarget.OPERATOR).orElseThrow().ids())
                .isEqualTo(RenderPipeline.operator().ids());
        assertThat(renderer.pipeline()).isNotNull();
        assertThat(Renderer.standalone().pipeline(RenderTarget.OPERATOR)).isEmpty();
    }

    @Test
    void withGivesATargetAPipelineOfTheCallersChoice() {
        RenderPipeline noSecurity = RenderPipeline.operator().without(PodSecurityStep.ID);
        Renderer renderer = Renderer.standalone().with(RenderTarget.OPERATOR, noSecurity);

        String yaml =
                YamlExporter.toYaml(
                        renderer.render(
                                RenderFixtures.minimalApplication()
                                        .withTarget(RenderTarget.OPERATOR)));

        assertThat(yaml).contains("kind: \"FlinkDeployment\"").doesNotContain("securityContext");
    }

    @Test
    void outputIsByteStableAcrossRenders() {
        for (FlinkDeploymentSpec spec : RenderFixtures.samples().values()) {
            String first = YamlExporter.toYaml(Renderer.standalone().render(spec));
            String second = YamlExporter.toYaml(Renderer.standalone().render(spec));

            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void aCustomPipelineCanDropAStep() {
        Renderer withoutServices =
                Renderer.of(RenderPipeline.standalone().without(StepId.of("services")));

        assertThat(withoutServices.render(RenderFixtures.minimalApplication()).keys())
                .extracting(ResourceKey::kind)
                .containsExactly("ConfigMap", "Deployment", "Deployment");
    }
}
