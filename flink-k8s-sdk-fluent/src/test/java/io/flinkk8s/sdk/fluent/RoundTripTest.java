package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code FlinkK8s.from(spec)} keeps every field: it is the {@code toBuilder()} of the records. */
class RoundTripTest {

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of("minimal application", Specs.minimalApplication()),
                Arguments.of("stateful with HA", Specs.statefulWithHighAvailability()),
                Arguments.of("session", Specs.session()),
                Arguments.of("pod templates", Specs.withPodTemplates()),
                Arguments.of("env, labels, annotations", Specs.withEnvLabelsAndAnnotations()),
                Arguments.of("autoscaling, probes, disruption, restore", Specs.withPolicies()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void buildOfFromEqualsAnyValidEffectiveSpec(String description, FlinkDeploymentSpec spec) {
        FlinkDeploymentSpec effective = SpecDefaults.apply(spec);

        assertThat(FlinkK8s.from(effective).build()).isEqualTo(effective);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void buildUnvalidatedOfFromEqualsTheSpecAsWritten(
            String description, FlinkDeploymentSpec spec) {
        assertThat(FlinkK8s.from(spec).buildUnvalidated()).isEqualTo(spec);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void buildOfFromEqualsTheEffectiveSpecOfWhatWasWritten(
            String description, FlinkDeploymentSpec spec) {
        assertThat(FlinkK8s.from(spec).build()).isEqualTo(SpecDefaults.apply(spec));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void aSpecReadFromYamlAndEditedFluentlyKeepsEverythingElse(
            String description, FlinkDeploymentSpec spec) {
        // given
        FlinkDeploymentSpec fromYaml = SpecSerialization.fromYaml(SpecSerialization.toYaml(spec));

        // when
        FlinkDeploymentSpec edited =
                FlinkK8s.from(fromYaml).image("registry.example.com/x:2").build();

        // then
        assertThat(edited)
                .isEqualTo(SpecDefaults.apply(spec.withImage("registry.example.com/x:2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void fromLeavesTheOriginalSpecUntouched(String description, FlinkDeploymentSpec spec) {
        FlinkDeploymentSpec copy = SpecSerialization.fromJson(SpecSerialization.toJson(spec));

        FlinkK8s.from(spec)
                .namespace("elsewhere")
                .taskManagers(tm -> tm.replicas(9).podTemplate(Specs.template("other")))
                .addLabel("edited", "yes")
                .build();

        assertThat(spec).isEqualTo(copy);
    }

    @Test
    void buildUnvalidatedOfFromKeepsEvenAnInvalidSpecAsItIs() {
        FlinkDeploymentSpec invalid =
                FlinkDeploymentSpec.named("Not A DNS Name!")
                        .withTaskManager(
                                new TaskManagerSpec(
                                        0,
                                        -1,
                                        new Resources(Cpu.parse("lots"), Memory.parse("x"), null),
                                        null))
                        .withJob(JobSpec.ofJar(null).withParallelism(-3));

        assertThat(FlinkK8s.from(invalid).buildUnvalidated()).isEqualTo(invalid);
    }
}
