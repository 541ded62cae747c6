package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FlinkDeploymentSpecTest {

    static Stream<FlinkDeploymentSpec> fixtures() {
        return Stream.of(Specs.minimalApplication(), Specs.statefulHa(), Specs.session());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void anEditThatChangesNothingGivesAnEqualSpec(FlinkDeploymentSpec spec) {
        assertThat(spec.edit().build()).isEqualTo(spec).isNotSameAs(spec);
    }

    @Test
    void anEditorChangesOnlyWhatItIsToldAndServesAsATemplate() {
        // given
        FlinkDeploymentSpec spec = Specs.statefulHa();
        FlinkDeploymentSpec.Editor template = spec.edit().image("orders:2");
        // when
        FlinkDeploymentSpec upgraded = template.build();
        FlinkDeploymentSpec relabelled = template.labels(Map.of("team", "search")).build();
        // then
        assertThat(upgraded).isEqualTo(spec.withImage("orders:2"));
        assertThat(relabelled.image()).isEqualTo("orders:2");
        assertThat(relabelled.labels()).containsExactly(Map.entry("team", "search"));
        assertThat(upgraded.labels()).isEqualTo(spec.labels());
    }

    @Test
    void anEditorNormalisesAsTheConstructorDoes() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa().edit().env(null).probes(null).disruption(null).build();

        assertThat(spec.env()).isEmpty();
        assertThat(spec.probes()).isEqualTo(ProbePolicy.defaults());
        assertThat(spec.disruption()).isEqualTo(DisruptionPolicy.none());
    }

    @Test
    void aSpecNamedOnlyLeavesEverythingElseToTheDefaults() {
        FlinkDeploymentSpec spec = FlinkDeploymentSpec.named("orders");

        assertThat(spec.name()).isEqualTo("orders");
        assertThat(spec.edit().name(null).build())
                .isEqualTo(FlinkDeploymentSpec.named(null))
                .extracting(FlinkDeploymentSpec::namespace, FlinkDeploymentSpec::job)
                .containsExactly(null, null);
    }
}
