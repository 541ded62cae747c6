package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorTest {

    static Stream<FlinkDeploymentSpec> fixtures() {
        return Stream.of(Specs.minimalApplication(), Specs.statefulHa(), Specs.session());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void acceptsEveryFixture(FlinkDeploymentSpec spec) {
        ValidationResult result = SpecValidator.validate(spec);

        assertThat(result.violations()).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(result.specName()).isEqualTo(spec.name());
    }

    @Test
    void judgesTheEffectiveSpecSoThatUnsetValuesTakeTheirDefaults() {
        // given a spec whose namespace, image, resources and mode are all unset
        FlinkDeploymentSpec spec = Specs.minimalApplication();

        // then the defaults (a valid namespace, image, memory...) are what is judged
        assertThat(spec.namespace()).isNull();
        assertThat(Violations.of(spec)).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceInDeclarationOrder() {
        // given one problem in nearly every section, set in a different order than declared
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .security(new SecuritySpec(null, 0L, null, null))
                        .labels(Map.of("app.kubernetes.io/instance", "other"))
                        .env(List.of(EnvVarSpec.literal("POD_IP", "1.2.3.4")))
                        .logConfiguration(Map.of("log4j.properties", "x"))
                        .flinkConfiguration(Map.of("taskmanager.numberOfTaskSlots", "two"))
                        .checkpointing(new CheckpointingSpec(null, "/local/cp", null))
                        .job(
                                JobSpec.ofJar("orders.jar")
                                        .withParallelism(0)
                                        .withUpgradeMode(UpgradeMode.SAVEPOINT))
                        .taskManager(new TaskManagerSpec(0, 0, null, null))
                        .jobManager(Specs.statefulHa().jobManager().withReplicas(0))
                        .image("flink 2.1")
                        .namespace("Streaming")
                        .name("Orders")
                        .build();

        // when
        List<String> violations = Violations.of(spec);

        // then
        assertThat(violations)
                .containsExactly(
                        "name: must be a DNS-1123 label starting with a letter"
                                + " ([a-z]([-a-z0-9]*[a-z0-9])?) of at most 45 characters, so that"
                                + " every derived name fits in 63, was 'Orders'",
                        "namespace: must be a DNS-1123 label ([a-z0-9]([-a-z0-9]*[a-z0-9])?) of"
                                + " at most 63 characters, was 'Streaming'",
                        "image: must be a non-blank image reference without whitespace,"
                                + " was 'flink 2.1'",
                        "jobManager.replicas: must be >= 1, was 0",
                        "taskManager.replicas: must be >= 1, was 0",
                        "taskManager.taskSlots: must be >= 1, was 0",
                        "job.jarURI: must be an absolute URI with a scheme, such as"
                                + " local:///opt/flink/usrlib/job.jar, s3://bucket/job.jar or"
                                + " https://host/job.jar, was 'orders.jar'",
                        "job.parallelism: must be >= 1, was 0",
                        "checkpointing.checkpointDir: must be a URI with a scheme, such as"
                                + " s3://bucket/path, was '/local/cp'",
                        "checkpointing.savepointDir: must be set when job.upgradeMode is savepoint"
                                + " (or set"
                                + " flinkConfiguration['execution.checkpointing.savepoint-dir'])",
                        "flinkConfiguration['taskmanager.numberOfTaskSlots']: must be a positive"
                                + " integer, was 'two'",
                        "logConfiguration['log4j.properties']: key must be one of"
                                + " log4j-console.properties, logback-console.xml (the files"
                                + " Flink's console logging reads), was 'log4j.properties'",
                        "env[0].name: is reserved: the SDK sets it to the pod's IP, was 'POD_IP'",
                        "labels['app.kubernetes.io/instance']: is reserved: the SDK sets it on"
                                + " every object, was 'other'",
                        "security.runAsUser: must not be 0 (root) when security.podSecurity is"
                                + " restricted, was 0");
    }

    @Test
    void throwIfInvalidListsEveryViolationUnderAHeaderWithTheSpecName() {
        // given
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .taskManager(new TaskManagerSpec(0, null, null, null))
                        .job(new JobSpec(null, null, null, null, null, null, null, null))
                        .build();
        ValidationResult result = SpecValidator.validate(spec);

        // then
        assertThatThrownBy(result::throwIfInvalid)
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage(
                        String.join(
                                System.lineSeparator(),
                                "Invalid FlinkDeploymentSpec \"orders\" (2 violations):",
                                "  taskManager.replicas: must be >= 1, was 0",
                                "  job.jarURI: must be set in application mode"))
                .satisfies(
                        e ->
                                assertThat(((InvalidSpecException) e).violations())
                                        .containsExactly(
                                                new Violation(
                                                        "taskManager.replicas", "must be >= 1", 0),
                                                new Violation(
                                                        "job.jarURI",
                                                        "must be set in application mode",
                                                        null)));
    }

    @Test
    void throwIfInvalidDoesNothingForAValidSpec() {
        SpecValidator.validate(Specs.statefulHa()).throwIfInvalid();
    }

    @Test
    void aSessionClusterWithTheApplicationModeNeedsAJob() {
        FlinkDeploymentSpec spec = Specs.session().edit().mode(DeploymentMode.APPLICATION).build();

        assertThat(Violations.of(spec)).containsExactly("job: must be set in application mode");
    }
}
