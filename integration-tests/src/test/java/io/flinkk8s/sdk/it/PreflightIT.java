package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.PreflightReport;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.error.PreflightFailedException;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.PreflightFinding.Check;
import io.flinkk8s.sdk.core.error.PreflightFinding.Severity;
import io.flinkk8s.sdk.core.operator.crd.OperatorCrds;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressTls;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code deployer.preflight(spec)} on the in-memory cluster: one test per kind of finding, each
 * naming the object and what to do; a spec the cluster is ready for gives an empty report; an apply
 * with {@code preflightBeforeApply} refuses before any write.
 */
class PreflightIT {

    private static final String NS = DeployFixture.NAMESPACE;

    private final DeployFixture fixture = new DeployFixture();
    private final InMemoryFlinkK8sCluster cluster = fixture.cluster;
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static List<String> objects(PreflightReport report, Check check) {
        return report.findings().stream()
                .filter(f -> f.check() == check)
                .map(f -> f.severity() + " " + f.object())
                .toList();
    }

    @Test
    void aSpecTheClusterIsReadyForGivesAnEmptyReportAndWritesNothing() {
        cluster.requests().reset();

        PreflightReport report = deployer.preflight(Specs.orders());

        assertThat(report.findings()).as("%s", report).isEmpty();
        assertThat(report.isClean()).isTrue();
        assertThat(report.passed()).isTrue();
        assertThat(cluster.requests().writes()).isEmpty();
        assertThat(cluster.requests().all())
                .anyMatch(r -> "selfsubjectaccessreviews".equals(r.resource()));
    }

    @Test
    void aMissingNamespaceIsAnErrorNamingItAndHowToCreateIt() {
        PreflightReport report = deployer.preflight(Specs.orders().withNamespace("nowhere"));

        assertThat(objects(report, Check.NAMESPACE)).containsExactly("ERROR Namespace nowhere");
        assertThat(report.errors().get(0).action()).contains("kubectl create namespace nowhere");
        assertThat(objects(report, Check.REFERENCE)).isEmpty(); // nothing to read in it
    }

    @Test
    void missingOperatorCrdsAreAnErrorForAnOperatorTargetSpec() {
        try (InMemoryFlinkK8sCluster bare =
                        InMemoryFlinkK8sCluster.builder()
                                .namespace(NS)
                                .customResourceDefinitions(CustomResourceDefinitions.none())
                                .start();
                FlinkDeployer onBare = FlinkDeployer.create(bare.client(), fast())) {

            PreflightReport report =
                    onBare.preflight(Specs.orders().withTarget(RenderTarget.OPERATOR));

            assertThat(objects(report, Check.OPERATOR_CRD))
                    .containsExactly(
                            "ERROR CustomResourceDefinition flinkdeployments.flink.apache.org");
            assertThat(objects(report, Check.REFERENCE))
                    .containsExactly("ERROR ServiceAccount streaming/flink");
            assertThat(report.errors().get(0).action())
                    .contains("helm install flink-kubernetes-operator")
                    .contains("target standalone");
            assertThat(onBare.preflight(Specs.orders()).findings())
                    .noneMatch(f -> f.check() == Check.OPERATOR_CRD);
        }
    }

    @Test
    void anOperatorCrdWhoseFlinkVersionEnumLacksTheSpecsVersionIsAnError() {
        List<CustomResourceDefinition> crds = OperatorCrds.load();
        crds.stream()
                .filter(c -> c.getMetadata().getName().startsWith("flinkdeployments."))
                .forEach(
                        c ->
                                c.getSpec()
                                        .getVersions()
                                        .get(0)
                                        .getSchema()
                                        .getOpenAPIV3Schema()
                                        .getProperties()
                                        .get("spec")
                                        .getProperties()
                                        .get("flinkVersion")
                                        .setEnum(
                                                List.of(
                                                        new TextNode("v1_19"),
                                                        new TextNode("v1_20"))));
        try (InMemoryFlinkK8sCluster old =
                        InMemoryFlinkK8sCluster.builder()
                                .namespace(NS)
                                .customResourceDefinitions(CustomResourceDefinitions.of(crds))
                                .start();
                FlinkDeployer onOld = FlinkDeployer.create(old.client(), fast())) {
            old.client()
                    .serviceAccounts()
                    .inNamespace(NS)
                    .resource(
                            new ServiceAccountBuilder()
                                    .withNewMetadata()
                                    .withName("flink") // the operator's, made by its Helm chart
                                    .endMetadata()
                                    .build())
                    .create();

            PreflightReport report =
                    onOld.preflight(Specs.orders().withTarget(RenderTarget.OPERATOR));

            assertThat(report.errors())
                    .singleElement()
                    .satisfies(
                            f -> {
                                assertThat(f.check()).isEqualTo(Check.OPERATOR_CRD);
                                assertThat(f.problem())
                                        .isEqualTo(
                                                "the installed operator's CRD accepts"
                                                        + " flinkVersion v1_19, v1_20, not v2_1");
                                assertThat(f.action()).contains("Upgrade the Flink Kubernetes");
                            });
        }
    }

    @Test
    void aPermissionTheDeployerNeedsThatTheCallerLacksIsAnErrorPerVerbAndResource() {
        cluster.rbac().deny("delete", "deployments").deny("create", "leases");
        cluster.rbac().deny("watch", "pods"); // the status view's: a warning

        PreflightReport report = deployer.preflight(Specs.orders());

        assertThat(objects(report, Check.RBAC))
                .containsExactly(
                        "ERROR permission streaming/delete deployments (apps)",
                        "ERROR permission streaming/create leases (coordination.k8s.io)",
                        "WARNING permission streaming/watch pods");
        assertThat(report.errors().get(0).action())
                .contains("apiGroups [\"apps\"], resources [\"deployments\"], verbs [\"delete\"]");
    }

    @Test
    void withTenancyNamespaceAMissingNamespaceTheCallerMayNotCreateIsAnError() {
        cluster.rbac().deny("create", "namespaces");
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders())
                        .namespace("team-new")
                        .tenancy(t -> t.namespace())
                        .build();

        PreflightReport report = deployer.preflight(spec);

        assertThat(objects(report, Check.RBAC))
                .containsExactly("ERROR permission create namespaces");
        assertThat(objects(report, Check.NAMESPACE)).isEmpty();
        assertThat(report.errors().get(0).problem())
                .isEqualTo(
                        "the caller may not create namespaces (cluster-scoped), which the apply"
                                + " needs to create the missing namespace team-new"
                                + " (tenancy.namespace)");
        assertThat(report.errors().get(0).action())
                .contains("kubectl create namespace team-new")
                .contains("ClusterRoleBinding");
        // an existing namespace needs no such permission
        FlinkDeploymentSpec existing =
                FlinkK8s.from(Specs.orders()).tenancy(t -> t.namespace()).build();
        assertThat(objects(deployer.preflight(existing), Check.RBAC)).isEmpty();
        // nor does one the caller may create
        cluster.rbac().allowAll();
        assertThat(deployer.preflight(spec).findings()).isEmpty();
    }

    @Test
    void aQuotaTooSmallForTheAutoscalingMaximumAndALimitRangeItsContainersExceedAreErrors() {
        cluster.client()
                .resourceQuotas()
                .inNamespace(NS)
                .resource(
                        new ResourceQuotaBuilder()
                                .withNewMetadata()
                                .withName("compute")
                                .endMetadata()
                                .withNewSpec()
                                .withHard(
                                        Map.of(
                                                "requests.cpu", new Quantity("6"),
                                                "pods", new Quantity("20")))
                                .endSpec()
                                .build())
                .create();
        cluster.client()
                .limitRanges()
                .inNamespace(NS)
                .resource(
                        new LimitRangeBuilder()
                                .withNewMetadata()
                                .withName("sizes")
                                .endMetadata()
                                .withNewSpec()
                                .addNewLimit()
                                .withType("Container")
                                .withMax(Map.of("memory", new Quantity("2Gi")))
                                .endLimit()
                                .endSpec()
                                .build())
                .create();
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders())
                        .jobManager(jm -> jm.cpu(1).memory("1600m"))
                        .taskManagers(tm -> tm.cpu(1).memory("4Gi"))
                        .autoscaling(a -> a.taskManagers(3, 8))
                        .build();

        PreflightReport report = deployer.preflight(spec);

        assertThat(objects(report, Check.QUOTA))
                .containsExactly(
                        "ERROR ResourceQuota streaming/compute",
                        "ERROR LimitRange streaming/sizes");
        assertThat(report.errors().get(0).problem())
                .isEqualTo(
                        "the deployment needs requests.cpu 9 (1 JobManager + 8 TaskManagers,"
                                + " TaskManagers at the autoscaling maximum), but the quota leaves 6");
        assertThat(report.errors().get(1).problem())
                .isEqualTo(
                        "the TaskManager container's memory 4Gi is above its Container max 2Gi,"
                                + " so its pods would be refused");
    }

    @Test
    void fitsQuotaChecksOnlyTheQuotasAndCountsTheDeploymentsOwnRunningPodsAsFreeRoom() {
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders())
                        .jobManager(jm -> jm.cpu(1))
                        .taskManagers(tm -> tm.cpu(1))
                        .addEnv(EnvVarSpec.fromSecret("TOKEN", "missing", "token"))
                        .build();
        fixture.deployer().apply(Specs.orders()).waitUntilRunning(Duration.ofSeconds(20));
        // 4 CPUs, all used by the deployment's own pods (1 JobManager + 3 TaskManagers)
        cluster.client()
                .resourceQuotas()
                .inNamespace(NS)
                .resource(
                        new ResourceQuotaBuilder()
                                .withNewMetadata()
                                .withName("compute")
                                .endMetadata()
                                .withNewSpec()
                                .withHard(Map.of("requests.cpu", new Quantity("4")))
                                .endSpec()
                                .withNewStatus()
                                .withHard(Map.of("requests.cpu", new Quantity("4")))
                                .withUsed(Map.of("requests.cpu", new Quantity("4")))
                                .endStatus()
                                .build())
                .create();

        PreflightReport fits = deployer.fitsQuota(spec);

        assertThat(fits.findings()).as("%s", fits).isEmpty(); // the Secret is not its business
        assertThat(fits.passed()).isTrue();

        PreflightReport bigger =
                deployer.fitsQuota(FlinkK8s.from(spec).taskManagers(tm -> tm.replicas(4)).build());
        assertThat(bigger.errors())
                .singleElement()
                .satisfies(
                        f ->
                                assertThat(f.problem())
                                        .startsWith(
                                                "the deployment needs requests.cpu 5 (1 JobManager"
                                                        + " + 4 TaskManagers")
                                        .endsWith("but the quota leaves 4"));
    }

    @Test
    void anIngressClassTheClusterDoesNotHaveIsAnError() {
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders())
                        .ingress(new IngressSpec("orders.example.com", "nginx", null, null, null))
                        .build();

        assertThat(objects(deployer.preflight(spec), Check.INGRESS_CLASS))
                .containsExactly("ERROR IngressClass nginx");

        cluster.client()
                .network()
                .v1()
                .ingressClasses()
                .resource(
                        new IngressClassBuilder()
                                .withNewMetadata()
                                .withName("nginx")
                                .endMetadata()
                                .withNewSpec()
                                .withController("k8s.io/ingress-nginx")
                                .endSpec()
                                .build())
                .create();
        assertThat(deployer.preflight(spec).findings()).isEmpty();
    }

    @Test
    void missingSecretsAndKeysThePodsAndTheIngressReferToAreErrorsNamingWhoRefersToThem() {
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders())
                        .addEnv(
                                EnvVarSpec.fromSecret(
                                        "S3_ACCESS_KEY", "s3-credentials", "access-key"))
                        .ingress(
                                new IngressSpec(
                                        "orders.example.com",
                                        null,
                                        null,
                                        null,
                                        List.of(
                                                new IngressTls(
                                                        List.of("orders.example.com"),
                                                        "orders-tls"))))
                        .podTemplate(
                                new PodTemplateSpecBuilder()
                                        .withNewSpec()
                                        .addNewImagePullSecret("registry")
                                        .endSpec()
                                        .build())
                        .build();

        PreflightReport report = deployer.preflight(spec);

        assertThat(objects(report, Check.REFERENCE))
                .containsExactlyInAnyOrder(
                        "ERROR Secret streaming/s3-credentials",
                        "ERROR Secret streaming/registry",
                        "ERROR Secret streaming/orders-tls");
        PreflightFinding s3 =
                report.findings().stream()
                        .filter(f -> f.name().equals("s3-credentials"))
                        .findFirst()
                        .orElseThrow();
        assertThat(s3.problem())
                .startsWith("the Secret does not exist, and Deployment streaming/orders-");

        cluster.client()
                .secrets()
                .inNamespace(NS)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("s3-credentials")
                                .endMetadata()
                                .withStringData(Map.of("secret-key", "not-shown"))
                                .build())
                .create();
        PreflightReport again = deployer.preflight(spec);
        PreflightFinding key =
                again.findings().stream()
                        .filter(f -> "s3-credentials".equals(f.name()))
                        .findFirst()
                        .orElseThrow();
        assertThat(key.problem()).startsWith("it has no key 'access-key', which Deployment");
        assertThat(again.toString()).doesNotContain("not-shown");
    }

    @Test
    void anApplyWithPreflightRefusesAnErrorBeforeAnyWriteAndListsTheFindings() {
        FlinkDeployer checking =
                fixture.deployer(fixture.options().preflightBeforeApply(true).build());
        cluster.rbac().deny("delete", "configmaps");
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders())
                        .addEnv(EnvVarSpec.fromSecret("TOKEN", "api-token", "token"))
                        .build();
        cluster.requests().reset();

        assertThatThrownBy(() -> checking.apply(spec))
                .isInstanceOfSatisfying(
                        PreflightFailedException.class,
                        e ->
                                assertThat(e.findings())
                                        .extracting(PreflightFinding::object)
                                        .containsExactly(
                                                "permission streaming/delete configmaps",
                                                "Secret streaming/api-token"))
                .hasMessageStartingWith(
                        "Preflight of streaming/orders failed (2 errors); nothing was written:")
                .hasMessageContaining("Create it in namespace streaming");
        assertThat(cluster.requests().writes()).isEmpty();

        cluster.rbac().allowAll();
        assertThat(checking.apply(Specs.orders()).lastApply().orElseThrow().plan().changes())
                .isNotEmpty();
    }

    @Test
    void warningsDoNotRefuseAnApply() {
        FlinkDeployer checking =
                fixture.deployer(fixture.options().preflightBeforeApply(true).build());
        cluster.rbac().deny("watch", "events");

        PreflightReport report = checking.preflight(Specs.orders());
        assertThat(report.warnings())
                .extracting(f -> f.severity())
                .containsExactly(Severity.WARNING);

        assertThat(checking.apply(Specs.orders()).lastApply().orElseThrow().plan().changes())
                .isNotEmpty();
    }

    private static DeployOptions fast() {
        return DeployOptions.builder()
                .retryPolicy(
                        RetryPolicy.defaults()
                                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                .build();
    }
}
