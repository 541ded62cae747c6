package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobRulesTest {

    private static final String JAR_URI_RULE =
            "must be an absolute URI with a scheme, such as local:///opt/flink/usrlib/job.jar,"
                    + " s3://bucket/job.jar or https://host/job.jar";

    private static FlinkDeploymentSpec withJob(JobSpec job) {
        return Specs.statefulHa().edit().job(job).build();
    }

    private static JobSpec job() {
        return Specs.statefulHa().job();
    }

    @Test
    void rejectsAJobInSessionMode() {
        FlinkDeploymentSpec spec =
                Specs.session()
                        .edit()
                        .job(JobSpec.ofJar("local:///opt/flink/usrlib/x.jar"))
                        .build();

        assertThat(Violations.of(spec)).containsExactly("job: must not be set in session mode");
    }

    @Test
    void doesNotJudgeTheFieldsOfAJobThatMustNotBeThere() {
        FlinkDeploymentSpec spec =
                Specs.session()
                        .edit()
                        .job(JobSpec.ofJar("x.jar").withUpgradeMode(UpgradeMode.SAVEPOINT))
                        .build();

        assertThat(Violations.of(spec)).containsExactly("job: must not be set in session mode");
    }

    @Test
    void requiresAJobInApplicationMode() {
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .mode(DeploymentMode.APPLICATION)
                        .job(null)
                        .build();

        assertThat(Violations.of(spec)).containsExactly("job: must be set in application mode");
    }

    @Test
    void requiresAJarUriInApplicationMode() {
        FlinkDeploymentSpec spec =
                withJob(new JobSpec(null, null, List.of(), null, null, null, null, null));

        assertThat(Violations.of(spec))
                .containsExactly("job.jarURI: must be set in application mode");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "local:///opt/flink/usrlib/orders.jar",
                "s3://artifacts/orders.jar",
                "https://repo.example.com/orders-1.4.2.jar",
                "file:///opt/flink/usrlib/orders.jar"
            })
    void acceptsJarUrisWithAScheme(String jarUri) {
        assertThat(Violations.of(withJob(JobSpec.ofJar(jarUri)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "orders.jar",
                "/opt/flink/usrlib/orders.jar",
                "local:",
                " local:///opt/x.jar",
                "C:/jobs/orders.jar",
                "local:///opt/my jobs/x.jar",
                ""
            })
    void rejectsJarUrisWithoutAScheme(String jarUri) {
        assertThat(Violations.of(withJob(JobSpec.ofJar(jarUri))))
                .containsExactly("job.jarURI: " + JAR_URI_RULE + ", was '" + jarUri + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.OrdersJob", "OrdersJob", "com.example.Outer$Inner"})
    void acceptsQualifiedEntryClassNames(String entryClass) {
        JobSpec job =
                new JobSpec("s3://a/x.jar", entryClass, List.of(), null, null, null, null, null);

        assertThat(Violations.of(Specs.minimalApplication().edit().job(job).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.", "1Job", "com example.Job", ""})
    void rejectsEntryClassesThatAreNotJavaClassNames(String entryClass) {
        JobSpec job =
                new JobSpec("s3://a/x.jar", entryClass, List.of(), null, null, null, null, null);

        assertThat(Violations.of(Specs.minimalApplication().edit().job(job).build()))
                .containsExactly(
                        "job.entryClass: must be a fully qualified Java class name such as"
                                + " com.example.Job, was '"
                                + entryClass
                                + "'");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsParallelismBelowOne(int parallelism) {
        assertThat(Violations.of(withJob(job().withParallelism(parallelism))))
                .containsExactly("job.parallelism: must be >= 1, was " + parallelism);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 6})
    void acceptsParallelismUpToReplicasTimesSlots(int parallelism) {
        assertThat(Violations.of(withJob(job().withParallelism(parallelism)))).isEmpty();
    }

    @Test
    void rejectsParallelismAboveReplicasTimesSlotsNamingBothFields() {
        assertThat(Violations.of(withJob(job().withParallelism(8))))
                .containsExactly(
                        "job.parallelism: must be <= taskManager.replicas × taskManager.taskSlots"
                                + " (6), was 8");
    }

    @Test
    void countsTheUsersTaskSlotsWhenSetInFlinkConfiguration() {
        FlinkDeploymentSpec fits =
                withJob(job().withParallelism(12))
                        .edit()
                        .flinkConfiguration(Map.of("taskmanager.numberOfTaskSlots", "4"))
                        .build();
        FlinkDeploymentSpec tooMany =
                withJob(job().withParallelism(13))
                        .edit()
                        .flinkConfiguration(Map.of("taskmanager.numberOfTaskSlots", "4"))
                        .build();

        assertThat(Violations.of(fits)).isEmpty();
        assertThat(Violations.of(tooMany))
                .containsExactly(
                        "job.parallelism: must be <= taskManager.replicas ×"
                                + " flinkConfiguration['taskmanager.numberOfTaskSlots'] (12), was 13");
    }

    @Test
    void fallsBackToTheSpecsTaskSlotsWhenTheUsersValueIsInvalid() {
        FlinkDeploymentSpec spec =
                withJob(job().withParallelism(7))
                        .edit()
                        .flinkConfiguration(Map.of("taskmanager.numberOfTaskSlots", "0"))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "job.parallelism: must be <= taskManager.replicas × taskManager.taskSlots"
                                + " (6), was 7",
                        "flinkConfiguration['taskmanager.numberOfTaskSlots']: must be a positive"
                                + " integer, was '0'");
    }

    @Test
    void rejectsTheLastStateUpgradeModeWithoutHighAvailabilityNamingTheHaField() {
        FlinkDeploymentSpec spec =
                withJob(job().withUpgradeMode(UpgradeMode.LAST_STATE))
                        .edit()
                        .jobManager(Specs.statefulHa().jobManager().withReplicas(1))
                        .highAvailability(HighAvailabilitySpec.none())
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "job.upgradeMode: must not be last-state unless highAvailability.type is"
                                + " kubernetes, was 'last-state'");
    }

    @Test
    void acceptsTheLastStateUpgradeModeWithHighAvailabilityAndACheckpointDir() {
        assertThat(Violations.of(withJob(job().withUpgradeMode(UpgradeMode.LAST_STATE)))).isEmpty();
    }

    @Test
    void acceptsTheStatelessUpgradeModeWithoutHighAvailabilityOrDirectories() {
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .job(
                                Specs.minimalApplication()
                                        .job()
                                        .withUpgradeMode(UpgradeMode.STATELESS))
                        .checkpointing(CheckpointingSpec.none())
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://flink-state/orders/savepoints/savepoint-1", "/flink-data/sp-1"})
    void acceptsInitialSavepointPathsWithASchemeOrAbsolute(String path) {
        assertThat(Violations.of(withJob(job().withInitialSavepointPath(path)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"savepoints/sp-1", "", "sp 1"})
    void rejectsRelativeInitialSavepointPaths(String path) {
        assertThat(Violations.of(withJob(job().withInitialSavepointPath(path))))
                .containsExactly(
                        "job.initialSavepointPath: must be a URI with a scheme, such as"
                                + " s3://bucket/path, or an absolute path, was '"
                                + path
                                + "'");
    }
}
