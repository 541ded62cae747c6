package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.validation.SpecValidator;
import org.junit.jupiter.api.Test;

/**
 * Invalid input through the DSL fails at build() with the core validator's path-named violations,
 * exactly as the same spec read from YAML would. These tests need the core validator's rules (issue
 * 2); against the placeholder validator, which reports nothing, they fail.
 */
class FluentValidationTest {

    private static final String JAR = "local:///opt/flink/usrlib/orders.jar";

    private static FlinkDeploymentBuilder orders() {
        return FlinkK8s.application("orders").job(job -> job.jarURI(JAR));
    }

    private static InvalidSpecException buildFailure(FlinkDeploymentBuilder builder) {
        return catchThrowableOfType(InvalidSpecException.class, builder::build);
    }

    @Test
    void rejectsZeroTaskManagerReplicasWithFieldPath() {
        InvalidSpecException e = buildFailure(orders().taskManagers(tm -> tm.replicas(0)));

        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(Violation::path).contains("taskManager.replicas");
        assertThat(e).hasMessageContaining("taskManager.replicas");
    }

    @Test
    void rejectsUnparsableMemoryAtTheCoreValidatorsPath() {
        InvalidSpecException e = buildFailure(orders().taskManagers(tm -> tm.memory("lots")));

        assertThat(e).isNotNull();
        assertThat(e.violations())
                .extracting(Violation::path)
                .contains("taskManager.resource.memory");
    }

    @Test
    void rejectsAnApplicationJobWithoutJarAtJobJarUri() {
        InvalidSpecException e =
                buildFailure(FlinkK8s.application("orders").job(job -> job.parallelism(2)));

        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(Violation::path).contains("job.jarURI");
    }

    @Test
    void reportsEveryViolationAtOnce() {
        InvalidSpecException e =
                buildFailure(
                        orders().jobManager(jm -> jm.memory("lots"))
                                .taskManagers(tm -> tm.replicas(0).cpu("many")));

        assertThat(e).isNotNull();
        assertThat(e.violations())
                .extracting(Violation::path)
                .contains(
                        "jobManager.resource.memory",
                        "taskManager.replicas",
                        "taskManager.resource.cpu");
    }

    @Test
    void aFluentSpecAndTheSameSpecReadFromYamlGetTheSameViolations() {
        // given
        FlinkDeploymentBuilder builder =
                orders().taskManagers(tm -> tm.replicas(0).memory("lots").slots(-1));
        FlinkDeploymentSpec fromYaml =
                SpecSerialization.fromYaml(SpecSerialization.toYaml(builder.buildUnvalidated()));

        // when
        InvalidSpecException e = buildFailure(builder);

        // then
        assertThat(e).isNotNull();
        assertThat(e.violations()).isEqualTo(SpecValidator.validate(fromYaml).violations());
    }

    @Test
    void buildUnvalidatedHandsTheSameViolationsToToolsThatCollectThem() {
        FlinkDeploymentBuilder builder = orders().taskManagers(tm -> tm.replicas(0));

        FlinkDeploymentSpec unvalidated = builder.buildUnvalidated();

        assertThat(SpecValidator.validate(unvalidated).violations())
                .isNotEmpty()
                .isEqualTo(buildFailure(builder).violations());
    }
}
