package io.flinkk8s.sdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.SpecSerialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void renderWritesOneYamlFilePerObject(@TempDir Path tmp) throws IOException {
        // given
        Path outDir = tmp.resolve("minimal");

        // when
        int code =
                run(
                        "render",
                        "--spec",
                        "specs/minimal-application.yaml",
                        "--out",
                        outDir.toString());

        // then
        assertThat(code).isZero();
        assertThat(filesIn(outDir))
                .contains(
                        "configmap-wordcount-flink-config.yaml",
                        "deployment-wordcount-jobmanager.yaml",
                        "deployment-wordcount-taskmanager.yaml",
                        "service-wordcount-rest.yaml");
        assertThat(Files.readString(outDir.resolve("deployment-wordcount-jobmanager.yaml")))
                .contains("kind: \"Deployment\"")
                .contains("standalone-job");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Rendered wordcount");
    }

    @Test
    void invalidSpecPrintsEveryViolationWithItsPathAndWritesNothing(@TempDir Path tmp)
            throws IOException {
        // given
        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(
                spec,
                "name: Orders_Bad\n"
                        + "taskManager:\n  replicas: 0\n"
                        + "job:\n  jarURI: local:///opt/flink/usrlib/x.jar\n  upgradeMode: savepoint\n");
        Path outDir = tmp.resolve("out");

        // when
        int code = run("render", "--spec", spec.toString(), "--out", outDir.toString());

        // then
        assertThat(code).isEqualTo(RenderCommand.INVALID_SPEC);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("name: must be a DNS-1123 label")
                .contains("taskManager.replicas: must be >= 1, was 0")
                .contains(
                        "checkpointing.savepointDir: must be set when job.upgradeMode is savepoint")
                .contains("nothing was written");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void unknownFieldIsReportedWithItsPath(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("typo.yaml");
        Files.writeString(spec, "name: orders\ntaskManager:\n  replicsa: 2\n");

        int code = run("render", "--spec", spec.toString(), "--out", tmp.resolve("o").toString());

        assertThat(code).isEqualTo(RenderCommand.INVALID_SPEC);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("taskManager.replicsa: unknown field");
    }

    @Test
    void renderWithTargetOperatorWritesOneFlinkDeployment(@TempDir Path tmp) throws IOException {
        // given
        Path outDir = tmp.resolve("op");

        // when
        int code =
                run(
                        "render",
                        "--spec",
                        "specs/minimal-application.yaml",
                        "--target",
                        "operator",
                        "--out",
                        outDir.toString());

        // then
        assertThat(code).isZero();
        assertThat(filesIn(outDir))
                .containsExactly("flinkdeployment-wordcount.yaml", "kustomization.yaml");
        assertThat(Files.readString(outDir.resolve("flinkdeployment-wordcount.yaml")))
                .contains("apiVersion: \"flink.apache.org/v1beta1\"")
                .contains("kind: \"FlinkDeployment\"")
                .contains("flinkVersion: \"v2_2\"")
                .contains("serviceAccount: \"flink\"")
                .contains("mode: \"native\"")
                .contains("jarURI: \"local:///opt/flink/examples/streaming/WordCount.jar\"");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Rendered wordcount (1 objects)");
    }

    @Test
    void theStatefulSampleRendersForTheOperatorWithSecretsReferenced(@TempDir Path tmp)
            throws IOException {
        // given: the headline sample without its HPA policy, which is for the standalone target
        Path spec = tmp.resolve("stateful-without-hpa.yaml");
        Files.writeString(
                spec,
                SpecSerialization.toYaml(
                        SpecSerialization.fromYaml(
                                        Files.readString(
                                                Path.of("specs/stateful-ha-application.yaml")))
                                .withAutoscaling(null)));
        Path outDir = tmp.resolve("op");

        int code =
                run(
                        "render",
                        "--spec",
                        spec.toString(),
                        "--target",
                        "operator",
                        "--out",
                        outDir.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(outDir.resolve("flinkdeployment-orders.yaml")))
                .contains("upgradeMode: \"savepoint\"")
                .contains("high-availability.type: \"kubernetes\"")
                .contains("secretKeyRef:")
                .doesNotContain("kubernetes.cluster-id")
                .doesNotContain("jobmanager.rpc.address");
    }

    @Test
    void theHeadlineSamplesHpaPolicyIsRefusedForTheOperatorWithItsFieldPaths(@TempDir Path tmp) {
        Path outDir = tmp.resolve("op");

        int code =
                run(
                        "render",
                        "--spec",
                        "specs/stateful-ha-application.yaml",
                        "--target",
                        "operator",
                        "--out",
                        outDir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "autoscaling.maxTaskManagers: must not be set with strategy operator-autoscaler")
                .contains(
                        "autoscaling.targetCpuUtilization: must not be set with strategy operator-autoscaler");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void theSessionSampleRendersAFlinkDeploymentWithoutJob(@TempDir Path tmp) throws IOException {
        Path outDir = tmp.resolve("op");

        int code =
                run(
                        "render",
                        "--spec",
                        "specs/session-cluster.yaml",
                        "--target",
                        "operator",
                        "--out",
                        outDir.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(outDir.resolve("flinkdeployment-shared-analytics.yaml")))
                .contains("slotmanager.number-of-slots.min: \"8\"")
                .doesNotContain("jarURI");
    }

    @Test
    void aFlinkVersionTheOperatorDoesNotKnowIsAViolationAndWritesNothing(@TempDir Path tmp)
            throws IOException {
        Path spec = tmp.resolve("new-flink.yaml");
        Files.writeString(
                spec,
                "name: orders\nflinkVersion: v2_3\n"
                        + "job:\n  jarURI: local:///opt/flink/usrlib/orders.jar\n");
        Path outDir = tmp.resolve("op");

        int code =
                run(
                        "render",
                        "--spec",
                        spec.toString(),
                        "--target",
                        "operator",
                        "--out",
                        outDir.toString());

        assertThat(code).isEqualTo(RenderCommand.INVALID_SPEC);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "flinkVersion: must be one the Flink Kubernetes Operator 1.15 accepts (its"
                                + " FlinkDeployment CRD) when target is operator",
                        "operator.version 1.16 accepts it");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void renderWritesAGitOpsFolderAndARenderOfTheSameSpecChangesNothing(@TempDir Path tmp)
            throws IOException {
        Path outDir = tmp.resolve("minimal");
        run("render", "--spec", "specs/minimal-application.yaml", "--out", outDir.toString());
        String kustomization = Files.readString(outDir.resolve("kustomization.yaml"));
        out.reset();

        int code =
                run(
                        "render",
                        "--spec",
                        "specs/minimal-application.yaml",
                        "--out",
                        outDir.toString());

        assertThat(code).isZero();
        assertThat(kustomization)
                .contains("kind: Kustomization")
                .contains("- deployment-wordcount-jobmanager.yaml");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 added, 0 changed");
    }

    @Test
    void renderListsObjectsNoLongerRenderedAndPruneRemovesThem(@TempDir Path tmp)
            throws IOException {
        Path outDir = tmp.resolve("wordcount");
        run("render", "--spec", "specs/minimal-application.yaml", "--out", outDir.toString());
        Path operatorSpec = tmp.resolve("operator.yaml");
        Files.writeString(
                operatorSpec,
                Files.readString(Path.of("specs/minimal-application.yaml"))
                        .replace("name: wordcount", "name: wordcount\ntarget: operator"));
        out.reset();

        run("render", "--spec", operatorSpec.toString(), "--out", outDir.toString());

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("stale: deployment-wordcount-jobmanager.yaml is no longer rendered")
                .contains("(--prune removes it)");
        assertThat(outDir.resolve("deployment-wordcount-jobmanager.yaml")).exists();

        out.reset();
        int code =
                run(
                        "render",
                        "--spec",
                        operatorSpec.toString(),
                        "--out",
                        outDir.toString(),
                        "--prune");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("  - deployment-wordcount-jobmanager.yaml");
        assertThat(filesIn(outDir))
                .containsExactly("flinkdeployment-wordcount.yaml", "kustomization.yaml");
    }

    @Test
    void missingOptionsPrintUsage() {
        int code = run("render", "--spec", "specs/minimal-application.yaml");

        assertThat(code).isEqualTo(RenderCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(RenderCommand.USAGE_TEXT);
    }

    @Test
    void headlineSampleRendersDeploysUpgradesAndShowsTheValidationErrors() {
        int code = run();

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Spec streaming/orders")
                .contains("Deployment orders-jobmanager")
                .contains("Deployment orders-taskmanager")
                .containsSubsequence(
                        "created 11 objects with server-side apply",
                        "RUNNING: JobManager 1/1 ready, TaskManagers 3/3 ready, job RUNNING",
                        "Upgrading to registry.example.com/orders:1.4.3 through a savepoint",
                        "RUNNING: JobManager 1/1 ready, TaskManagers 3/3 ready, job RUNNING",
                        "the new version started from the upgrade savepoint in"
                                + " s3://acme-flink/orders/savepoints/",
                        "Deploying with target operator (the testkit's operator stand-in runs it):",
                        "the operator created Deployment orders, Services orders, orders-rest",
                        "RUNNING: operator: lifecycle STABLE, JobManager READY, job RUNNING",
                        "Upgrading to registry.example.com/orders:1.4.3 through the operator's"
                                + " savepoint:",
                        "RUNNING: operator: lifecycle STABLE, JobManager READY, job RUNNING",
                        "the new job started from the savepoint in"
                                + " s3://acme-flink/orders/savepoints/")
                .contains("taskManager.replicas: must be >= 1, was 0")
                .contains("flinkConfiguration['jobmanager.rpc.address']");
    }

    private static final String DEPLOYMENT =
            """
            apiVersion: flink.apache.org/v1beta1
            kind: FlinkDeployment
            metadata:
              name: orders
            spec:
              image: flink:2.2
              flinkVersion: v2_2
              serviceAccount: flink
              flinkConfiguration:
                taskmanager.numberOfTaskSlots: 2
              jobManager:
                resources:
                  requests: {memory: 2048m, cpu: "1"}
              taskManager:
                resources:
                  requests: {memory: 2048m, cpu: "1"}
              job:
                jarURI: local:///opt/flink/usrlib/orders.jar
                parallelism: 2
                savepointTriggerNonce: 0
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: creds
            """;

    @Test
    void importWritesOneSpecPerFlinkDeploymentAndPrintsWhatItDidNotCarry(@TempDir Path tmp)
            throws IOException {
        // given
        Path file = tmp.resolve("orders-cr.yaml");
        Files.writeString(file, DEPLOYMENT);
        Path outDir = tmp.resolve("specs");

        // when
        int code = run("import", "--file", file.toString(), "--out", outDir.toString());

        // then
        assertThat(code).isZero();
        assertThat(filesIn(outDir)).containsExactly("orders.yaml");
        var spec = SpecSerialization.fromYaml(Files.readString(outDir.resolve("orders.yaml")));
        assertThat(spec.operator().version().wireValue()).isEqualTo("1.16");
        assertThat(spec.taskManager().taskSlots()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "not imported: " + file + ", document 1, spec.job.savepointTriggerNonce:",
                        "skipped: " + file + ", document 2: Secret 'creds' (v1)",
                        "Imported 1 spec(s) into " + outDir);
        assertThat(
                        run(
                                "render",
                                "--spec",
                                outDir.resolve("orders.yaml").toString(),
                                "--out",
                                tmp.resolve("rendered").toString()))
                .isZero();
    }

    @Test
    void importOfMalformedInputNamesFileDocumentAndPathExitsOneAndWritesNothing(@TempDir Path tmp)
            throws IOException {
        // given
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(
                file,
                DEPLOYMENT + "---\n" + DEPLOYMENT.replace("parallelism: 2", "parallelism: two"));
        Path outDir = tmp.resolve("specs");

        // when
        int code = run("import", "--file", file.toString(), "--out", outDir.toString());

        // then
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        file
                                + ", document 3, spec.job.parallelism: must be an integer, was"
                                + " 'two'",
                        "nothing was written.");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void aStrictImportRefusesWhatTheSpecCannotCarry(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("orders-cr.yaml");
        Files.writeString(file, DEPLOYMENT);

        int code = run("import", "--file", file.toString(), "--strict");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("refused", "spec.job.savepointTriggerNonce");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
