package io.flinkk8s.sdk.core.operator.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.flinkk8s.sdk.core.error.ImportException;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressTls;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorImportTest {

    private static final String HEAD =
            """
            apiVersion: flink.apache.org/v1beta1
            kind: FlinkDeployment
            metadata:
              name: orders
              namespace: shop
            spec:
              image: flink:2.2
              flinkVersion: v2_2
              serviceAccount: flink
            """;

    private static ImportResult read(String yaml) {
        return OperatorImport.lenient().read(yaml, "orders.yaml");
    }

    private static FlinkDeploymentSpec one(String yaml) {
        ImportResult result = read(yaml);
        assertThat(result.specs()).hasSize(1);
        return result.specs().get(0);
    }

    @Test
    void flatAndNestedFlinkConfigurationImportAlike() {
        FlinkDeploymentSpec flat =
                one(
                        HEAD
                                + """
                                  flinkConfiguration:
                                    state.checkpoints.dir: s3://b/cp
                                    execution.checkpointing.interval: 1m
                                    taskmanager.numberOfTaskSlots: 2
                                    high-availability.type: kubernetes
                                    high-availability.storageDir: s3://b/ha
                                """);
        FlinkDeploymentSpec nested =
                one(
                        HEAD
                                + """
                                  flinkConfiguration:
                                    state:
                                      checkpoints.dir: s3://b/cp
                                    execution:
                                      checkpointing:
                                        interval: 1m
                                    taskmanager.numberOfTaskSlots: "2"
                                    high-availability:
                                      type: org.apache.flink.kubernetes.highavailability.KubernetesHaServicesFactory
                                      storageDir: s3://b/ha
                                """);

        assertThat(nested).isEqualTo(flat);
        assertThat(flat.flinkConfiguration())
                .containsExactly(
                        entry("execution.checkpointing.interval", "1m"),
                        entry("state.checkpoints.dir", "s3://b/cp"));
        assertThat(flat.taskManager().taskSlots()).isEqualTo(2);
        assertThat(flat.highAvailability()).isEqualTo(HighAvailabilitySpec.kubernetes("s3://b/ha"));
    }

    @Test
    void aDeploymentIsReadFieldByFieldIntoAnOperatorSpec() {
        FlinkDeploymentSpec spec =
                one(
                        HEAD
                                + """
                                  imagePullPolicy: Always
                                  mode: standalone
                                  logConfiguration:
                                    log4j-console.properties: rootLogger.level = DEBUG
                                  ingress:
                                    template: "{{name}}.{{namespace}}.flink.example.com"
                                    className: nginx
                                    annotations: {a.io/b: c}
                                    labels: {team: shop}
                                    tls: [{hosts: [orders.example.com], secretName: tls}]
                                  podTemplate:
                                    apiVersion: v1
                                    kind: Pod
                                    spec:
                                      containers: [{name: flink-main-container}]
                                  jobManager:
                                    replicas: 2
                                    resource: {cpu: 0.5, memory: 2048m, ephemeralStorage: 1Gi}
                                    podTemplate:
                                      metadata: {labels: {jm: "yes"}}
                                  taskManager:
                                    replicas: 3
                                    resource: {cpu: 2, memory: 4g}
                                  job:
                                    jarURI: local:///opt/flink/usrlib/orders.jar
                                    entryClass: shop.Orders
                                    args: [--env, prod]
                                    parallelism: 6
                                    upgradeMode: savepoint
                                    state: suspended
                                    initialSavepointPath: s3://b/sp-1
                                    allowNonRestoredState: true
                                """);

        assertThat(spec.name()).isEqualTo("orders");
        assertThat(spec.namespace()).isEqualTo("shop");
        assertThat(spec.target()).isEqualTo(RenderTarget.OPERATOR);
        assertThat(spec.mode()).isEqualTo(DeploymentMode.APPLICATION);
        assertThat(spec.flinkVersion()).isEqualTo(FlinkVersion.V2_2);
        assertThat(spec.operator().mode()).isEqualTo(OperatorMode.STANDALONE);
        assertThat(spec.operator().version()).isNull();
        assertThat(spec.logConfiguration())
                .containsExactly(entry("log4j-console.properties", "rootLogger.level = DEBUG"));
        assertThat(spec.ingress())
                .isEqualTo(
                        new IngressSpec(
                                "{{name}}.{{namespace}}.flink.example.com",
                                "nginx",
                                Map.of("a.io/b", "c"),
                                Map.of("team", "shop"),
                                List.of(new IngressTls(List.of("orders.example.com"), "tls"))));
        assertThat(spec.podTemplate().getSpec().getContainers().get(0).getName())
                .isEqualTo("flink-main-container");
        assertThat(spec.podTemplate().getAdditionalProperties()).isEmpty();
        assertThat(spec.jobManager().replicas()).isEqualTo(2);
        assertThat(spec.jobManager().resource().cpu()).isEqualTo(Cpu.parse("0.5"));
        assertThat(spec.jobManager().resource().memory()).isEqualTo(Memory.parse("2048m"));
        assertThat(spec.jobManager().resource().ephemeralStorage()).isEqualTo(Memory.parse("1Gi"));
        assertThat(spec.jobManager().podTemplate().getMetadata().getLabels())
                .containsEntry("jm", "yes");
        assertThat(spec.taskManager().replicas()).isEqualTo(3);
        assertThat(spec.taskManager().resource().memory()).isEqualTo(Memory.parse("4g"));
        assertThat(spec.job())
                .isEqualTo(
                        new JobSpec(
                                "local:///opt/flink/usrlib/orders.jar",
                                "shop.Orders",
                                List.of("--env", "prod"),
                                6,
                                UpgradeMode.SAVEPOINT,
                                JobState.SUSPENDED,
                                "s3://b/sp-1",
                                true));
        assertThat(read(HEAD).notes()).isEmpty();
    }

    @Test
    void resourcesOf116AreReadAsRequestsAndNameOperator116() {
        FlinkDeploymentSpec spec =
                one(
                        HEAD
                                + """
                                  jobManager:
                                    resources:
                                      requests: {cpu: 500m, memory: 2048m}
                                      limits: {cpu: "0.5", memory: 2Gi}
                                  taskManager:
                                    resources:
                                      requests: {cpu: "1", memory: 4Gi, ephemeral-storage: 10Gi}
                                """);

        assertThat(spec.operator().version()).isEqualTo(OperatorVersion.V1_16);
        assertThat(spec.jobManager().resource().cpu()).isEqualTo(Cpu.parse("500m"));
        assertThat(spec.jobManager().resource().memory()).isEqualTo(Memory.parse("2048m"));
        assertThat(spec.taskManager().resource().ephemeralStorage())
                .isEqualTo(Memory.parse("10Gi"));
    }

    @Test
    void whatTheSpecCannotHoldIsNotedWithItsPathNeverDropped() {
        ImportResult result =
                read(
                        HEAD
                                + """
                                  restartNonce: 3
                                  flinkConfiguration:
                                    rest.port: 9000
                                    env.java.opts.all: [a, b]
                                  taskManager:
                                    resources:
                                      requests: {cpu: "1", memory: 4Gi, nvidia.com/gpu: "1"}
                                      limits: {cpu: "2", memory: 4Gi}
                                  job:
                                    jarURI: local:///job.jar
                                    savepointTriggerNonce: 7
                                    savepointRedeployNonce: 1
                                    unknownField: x
                                  unknownSection: {}
                                status:
                                  lifecycleState: STABLE
                                """);

        assertThat(result.notRepresented())
                .extracting(ImportNote::path)
                .containsExactly(
                        "spec.restartNonce",
                        "spec.flinkConfiguration['rest.port']",
                        "spec.flinkConfiguration['env.java.opts.all']",
                        "spec.taskManager.resources.requests['nvidia.com/gpu']",
                        "spec.taskManager.resources.limits.cpu",
                        "spec.job.savepointTriggerNonce",
                        "spec.job.savepointRedeployNonce",
                        "spec.job.unknownField",
                        "spec.unknownSection");
        assertThat(result.notes())
                .filteredOn(n -> n.kind() == ImportNote.Kind.SKIPPED)
                .extracting(ImportNote::path)
                .containsExactly("status");
        assertThat(result.notRepresented().get(5).toString())
                .isEqualTo(
                        "orders.yaml, document 1, spec.job.savepointTriggerNonce: a one-off"
                                + " trigger that triggers a savepoint (deprecated by the operator);"
                                + " the spec has no nonces (use"
                                + " FlinkDeploymentHandle.triggerSavepoint()), was 7");
        assertThat(result.isComplete()).isFalse();
        assertThat(result.specs()).hasSize(1);
    }

    @Test
    void aStrictImportRefusesWhatTheSpecCannotHoldAndListsIt() {
        String yaml = HEAD + "  restartNonce: 3\n";

        assertThatThrownBy(() -> OperatorImport.strict().read(yaml, "orders.yaml"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("strict import of orders.yaml refused: 1 field(s)")
                .hasMessageContaining("orders.yaml, document 1, spec.restartNonce: a one-off")
                .satisfies(e -> assertThat(((ImportException) e).refused()).hasSize(1));
        assertThat(OperatorImport.strict().read(HEAD, "orders.yaml").specs()).hasSize(1);
    }

    @Test
    void sessionJobsImportIntoSessionJobSpecsAndOtherKindsAreSkipped() {
        ImportResult result =
                read(
                        HEAD
                                + """
                                ---
                                apiVersion: flink.apache.org/v1beta1
                                kind: FlinkSessionJob
                                metadata: {name: report, namespace: analytics}
                                spec: {deploymentName: orders, job: {jarURI: https://x/j.jar}}
                                ---
                                apiVersion: v1
                                kind: Secret
                                metadata: {name: creds}
                                """);

        assertThat(result.specs()).extracting(FlinkDeploymentSpec::name).containsExactly("orders");
        assertThat(result.sessionJobs())
                .containsExactly(
                        FlinkSessionJobSpec.named("report")
                                .edit()
                                .namespace("analytics")
                                .deploymentName("orders")
                                .job(JobSpec.ofJar("https://x/j.jar"))
                                .build());
        assertThat(result.notes())
                .extracting(ImportNote::document, ImportNote::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, ImportNote.Kind.SKIPPED));
    }

    @Test
    void aSessionJobsEveryFieldIsReadAndItsNoncesAreNotedWithTheirPaths() {
        String yaml =
                """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata:
                  name: clicks
                  labels: {team: web, app.kubernetes.io/instance: x}
                  annotations: {owner: web}
                  resourceVersion: "7"
                spec:
                  deploymentName: analytics
                  restartNonce: 2
                  flinkConfiguration:
                    pipeline: {name: clicks}
                    kubernetes.operator.user.artifacts.http.header: "a:b"
                  job:
                    jarURI: https://repo/clicks.jar
                    entryClass: com.acme.Clicks
                    args: [--topic, clicks]
                    parallelism: 4
                    upgradeMode: savepoint
                    state: suspended
                    initialSavepointPath: s3://b/sp-1
                    allowNonRestoredState: true
                    savepointRedeployNonce: 1
                status: {jobStatus: {state: RUNNING}}
                """;

        ImportResult result = read(yaml);

        assertThat(result.sessionJobs())
                .containsExactly(
                        FlinkSessionJobSpec.named("clicks")
                                .edit()
                                .deploymentName("analytics")
                                .labels(Map.of("team", "web"))
                                .annotations(Map.of("owner", "web"))
                                .flinkConfiguration(
                                        Map.of(
                                                "pipeline.name",
                                                "clicks",
                                                "kubernetes.operator.user.artifacts.http.header",
                                                "a:b"))
                                .job(
                                        new JobSpec(
                                                "https://repo/clicks.jar",
                                                "com.acme.Clicks",
                                                List.of("--topic", "clicks"),
                                                4,
                                                UpgradeMode.SAVEPOINT,
                                                JobState.SUSPENDED,
                                                "s3://b/sp-1",
                                                true))
                                .build());
        assertThat(result.notRepresented())
                .extracting(ImportNote::path)
                .containsExactly(
                        "metadata.labels['app.kubernetes.io/instance']",
                        "spec.restartNonce",
                        "spec.job.savepointRedeployNonce");
        assertThat(result.notes())
                .filteredOn(n -> n.kind() == ImportNote.Kind.SKIPPED)
                .extracting(ImportNote::path)
                .containsExactly("metadata.resourceVersion", "status");
    }

    @Test
    void aStrictImportRefusesASessionJobsNonceWithItsPath() {
        String yaml =
                """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: clicks}
                spec: {deploymentName: analytics, restartNonce: 2, job: {jarURI: https://x/j.jar}}
                """;

        assertThatThrownBy(() -> OperatorImport.strict().read(yaml, "clicks.yaml"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("clicks.yaml, document 1, spec.restartNonce: a one-off");
    }

    @Test
    void aSessionJobWithoutNameIsMalformedAtItsPath() {
        String yaml =
                """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {namespace: a}
                spec: {deploymentName: analytics}
                """;

        assertThatThrownBy(() -> OperatorImport.lenient().read(yaml, "clicks.yaml"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("metadata.name")
                .hasMessageContaining("must be set");
    }

    @Test
    void jsonAndKubernetesListsImportLikeYaml() {
        String json =
                """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
                   "metadata": {"name": "a"}, "spec": {"image": "flink:2.2"}},
                  {"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
                   "metadata": {"name": "b"}, "spec": {"restartNonce": 1}}]}
                """;

        ImportResult result = read(json);

        assertThat(result.specs()).extracting(FlinkDeploymentSpec::name).containsExactly("a", "b");
        assertThat(result.specs().get(0).mode()).isEqualTo(DeploymentMode.SESSION);
        assertThat(result.notRepresented())
                .extracting(ImportNote::path)
                .containsExactly("items[1].spec.restartNonce");
    }

    @Test
    void malformedYamlNamesTheSourceTheDocumentAndTheLine() {
        String yaml = HEAD + "---\nkind: FlinkDeployment\nmetadata: {name: [\n";

        assertThatThrownBy(() -> read(yaml))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("orders.yaml, document 2: not valid YAML or JSON at line")
                .satisfies(e -> assertThat(((ImportException) e).document()).isEqualTo(2));
    }

    @Test
    void aValueOfTheWrongShapeNamesItsPath() {
        assertThatThrownBy(() -> read(HEAD + "  jobManager:\n    replicas: two\n"))
                .isInstanceOf(ImportException.class)
                .hasMessage(
                        "orders.yaml, document 1, spec.jobManager.replicas: must be an integer,"
                                + " was 'two'")
                .satisfies(
                        e ->
                                assertThat(((ImportException) e).path())
                                        .isEqualTo("spec.jobManager.replicas"));
        assertThatThrownBy(() -> read(HEAD.replace("v2_2", "v1_13")))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("orders.yaml, document 1, spec.flinkVersion: ");
        assertThatThrownBy(() -> read(HEAD + "  podTemplate:\n    spec:\n      containers: 3\n"))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith(
                        "orders.yaml, document 1, spec.podTemplate: is not a pod template");
        assertThatThrownBy(() -> read("just text\n"))
                .isInstanceOf(ImportException.class)
                .hasMessage(
                        "orders.yaml, document 1: must be a Kubernetes object (a mapping), was"
                                + " 'just text'");
    }

    @Test
    void theSdksOwnLabelsAreNotedAndANamelessDeploymentIsMalformed() {
        ImportResult result =
                read(
                        HEAD.replace(
                                "  namespace: shop\n",
                                "  namespace: shop\n  labels:\n    app.kubernetes.io/name: x\n"
                                        + "    team: shop\n"));

        assertThat(result.specs().get(0).labels()).containsExactly(entry("team", "shop"));
        assertThat(result.notRepresented())
                .extracting(ImportNote::path)
                .containsExactly("metadata.labels['app.kubernetes.io/name']");
        assertThatThrownBy(() -> read(HEAD.replace("  name: orders\n", "")))
                .isInstanceOf(ImportException.class)
                .hasMessage("orders.yaml, document 1, metadata.name: must be set");
    }
}
