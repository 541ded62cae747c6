package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionJobValidatorTest {

    private static FlinkSessionJobSpec valid() {
        return FlinkSessionJobSpec.named("clicks")
                .edit()
                .deploymentName("analytics")
                .job(JobSpec.ofJar("https://repo.example.com/clicks.jar").withParallelism(2))
                .build();
    }

    private static JobSpec jar(String jarURI) {
        return JobSpec.ofJar(jarURI).withParallelism(1);
    }

    private static List<String> violations(FlinkSessionJobSpec spec) {
        return SessionJobValidator.validate(spec).violations().stream()
                .map(Violation::toString)
                .toList();
    }

    @Test
    void acceptsASessionJobWithADeploymentAJarAndAParallelism() {
        assertThat(violations(valid())).isEmpty();
    }

    @Test
    void reportsEveryViolationWithItsPath() {
        FlinkSessionJobSpec spec =
                FlinkSessionJobSpec.named("Clicks")
                        .edit()
                        .namespace("Streaming")
                        .job(
                                new JobSpec(
                                        "local:///opt/flink/usrlib/clicks.jar",
                                        "com.acme.",
                                        List.of(),
                                        0,
                                        UpgradeMode.LAST_STATE,
                                        null,
                                        "sp-1",
                                        null))
                        .flinkConfiguration(Map.of("rest.port", "9000", "pipeline.name", "clicks"))
                        .labels(Map.of("app.kubernetes.io/instance", "x"))
                        .build();

        assertThat(violations(spec))
                .containsExactly(
                        "name: must be a DNS-1123 label ([a-z0-9]([-a-z0-9]*[a-z0-9])?) of at"
                                + " most 63 characters (it is also a label value), was 'Clicks'",
                        "namespace: must be a DNS-1123 label ([a-z0-9]([-a-z0-9]*[a-z0-9])?) of"
                                + " at most 63 characters, was 'Streaming'",
                        "deploymentName: must be set: the session FlinkDeployment that runs the"
                                + " job",
                        "job.jarURI: must not be local://: a session job's jar is fetched (by"
                                + " the operator, or by the SDK on a session of target standalone)"
                                + " and uploaded to the session cluster, so a path inside the"
                                + " JobManager's image cannot be run; use https://, file:"
                                + " (standalone) or a file system the operator reads (s3://,"
                                + " hdfs://, ...), was 'local:///opt/flink/usrlib/clicks.jar'",
                        "job.entryClass: must be a fully qualified Java class name such as"
                                + " com.example.Job, was 'com.acme.'",
                        "job.parallelism: must be >= 1, was 0",
                        "job.initialSavepointPath: must be a URI with a scheme, such as"
                                + " s3://bucket/path, or an absolute path, was 'sp-1'",
                        "flinkConfiguration['rest.port']: is a setting of the session cluster,"
                                + " which a job cannot change; set it on the session deployment,"
                                + " was '9000'",
                        "labels['app.kubernetes.io/instance']: is reserved: the SDK sets it on"
                                + " every object, was 'x'");
    }

    @Test
    void requiresAJobAndSaysWhy() {
        assertThat(violations(valid().withJob(null)))
                .containsExactly(
                        "job: must be set: the operator refuses a FlinkSessionJob without a job");
    }

    @Test
    void requiresTheJarAndTheParallelismTheOperatorNeeds() {
        assertThat(violations(valid().withJob(JobSpec.ofJar(null))))
                .containsExactly(
                        "job.jarURI: must be set: the operator downloads the jar and uploads it"
                                + " to the session cluster",
                        "job.parallelism: must be set: a session job has no TaskManager count to"
                                + " derive it from (the operator refuses a parallelism below 1)");
    }

    @Test
    void refusesAJarWithoutSchemeAndAnHttpJarWithoutHost() {
        assertThat(violations(valid().withJob(jar("clicks.jar"))))
                .containsExactly(
                        "job.jarURI: must be an absolute URI with a scheme the operator fetches"
                                + " from, such as https://host/job.jar or s3://bucket/job.jar,"
                                + " was 'clicks.jar'");
        assertThat(violations(valid().withJob(jar("https:///clicks.jar"))))
                .containsExactly(
                        "job.jarURI: must name a host for https://, was 'https:///clicks.jar'");
    }

    @Test
    void refusesADeploymentNameTheOperatorRefuses() {
        String tooLong = "a".repeat(46);

        assertThat(violations(valid().edit().deploymentName(tooLong).build()))
                .containsExactly(
                        "deploymentName: must be a FlinkDeployment's name: a DNS-1123 label"
                                + " starting with a letter ([a-z]([-a-z0-9]*[a-z0-9])?) of at"
                                + " most 45 characters, was '"
                                + tooLong
                                + "'");
    }

    @Test
    void anInvalidSessionJobFailsWithTheSessionJobsKindInTheMessage() {
        FlinkSessionJobSpec spec = valid().edit().deploymentName(null).build();

        assertThatThrownBy(() -> EffectiveSessionJob.of(spec))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("Invalid FlinkSessionJobSpec \"clicks\" (1 violation):");
    }

    private static List<String> violations(FlinkSessionJobSpec spec, FlinkDeploymentSpec session) {
        return SessionJobValidator.validate(spec, session).violations().stream()
                .map(Violation::toString)
                .toList();
    }

    @Test
    void onItsSessionASavepointJobNeedsTheCheckpointAndSavepointDirsSomewhere() {
        FlinkSessionJobSpec savepointJob =
                valid().withJob(valid().job().withUpgradeMode(UpgradeMode.SAVEPOINT));
        FlinkDeploymentSpec bare = FlinkDeploymentSpec.named("analytics");
        FlinkDeploymentSpec withDirs =
                bare.edit()
                        .checkpointing(new CheckpointingSpec(null, "s3://b/cp", "s3://b/sp"))
                        .build();
        FlinkSessionJobSpec withOwnDirs =
                savepointJob
                        .edit()
                        .flinkConfiguration(
                                Map.of(
                                        "execution.checkpointing.dir", "s3://b/cp",
                                        "execution.checkpointing.savepoint-dir", "s3://b/sp"))
                        .build();

        assertThat(violations(savepointJob, bare))
                .containsExactly(
                        "job.upgradeMode: needs checkpointing.checkpointDir or"
                                + " flinkConfiguration['execution.checkpointing.dir'] on session"
                                + " deployment analytics (or the same key in this job's"
                                + " flinkConfiguration), as the operator requires, was"
                                + " 'savepoint'");
        assertThat(violations(savepointJob, withDirs)).isEmpty();
        assertThat(violations(withOwnDirs, bare)).isEmpty();
        assertThat(violations(valid(), bare)).isEmpty();
    }

    @Test
    void onItsSessionTheJobMustNameItInItsNamespaceAndItMustBeASessionCluster() {
        FlinkDeploymentSpec other = FlinkDeploymentSpec.named("other").withNamespace("streaming");
        FlinkDeploymentSpec application =
                FlinkDeploymentSpec.named("analytics")
                        .withJob(JobSpec.ofJar("local:///opt/flink/usrlib/a.jar"));

        assertThat(violations(valid(), other))
                .containsExactly(
                        "deploymentName: must be the session deployment's name, other, was"
                                + " 'analytics'",
                        "namespace: must be the session deployment's namespace, streaming, was"
                                + " 'default'");
        assertThat(violations(valid(), application))
                .containsExactly(
                        "deploymentName: names an application cluster; session jobs run only"
                                + " on a session cluster (a deployment without a job), was"
                                + " 'analytics'");
    }

    @Test
    void onAStandaloneSessionTheJarMustBeAFileOrHttpUriTheSdkReadsItself() {
        FlinkDeploymentSpec standalone = FlinkDeploymentSpec.named("analytics");
        FlinkDeploymentSpec operator = standalone.withTarget(RenderTarget.OPERATOR);
        FlinkSessionJobSpec fromS3 = valid().withJob(jar("s3://bucket/clicks.jar"));

        assertThat(violations(fromS3, standalone))
                .containsExactly(
                        "job.jarURI: must be a file:, http:// or https:// URI on a session"
                                + " deployment of target standalone: the SDK reads or downloads"
                                + " the jar itself and uploads it to the JobManager, was"
                                + " 's3://bucket/clicks.jar'");
        assertThat(violations(fromS3, operator)).isEmpty();
        assertThat(violations(valid().withJob(jar("file:///jobs/clicks.jar")), standalone))
                .isEmpty();
        assertThat(violations(valid().withJob(jar("http://repo/clicks.jar")), standalone))
                .isEmpty();
    }
}
