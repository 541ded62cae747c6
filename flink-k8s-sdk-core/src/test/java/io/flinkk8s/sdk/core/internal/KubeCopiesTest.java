package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KubeCopiesTest {

    static Stream<HasMetadata> objects() {
        return Stream.of(
                new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata()
                        .withName("tm")
                        .addToLabels("a", "b")
                        .endMetadata()
                        .withNewSpec()
                        .withMaxReplicas(12)
                        .withNewScaleTargetRef()
                        .withKind("Deployment")
                        .withName("tm")
                        .endScaleTargetRef()
                        .endSpec()
                        .build(),
                new PodDisruptionBudgetBuilder()
                        .withNewMetadata()
                        .withName("tm")
                        .addToLabels("a", "b")
                        .endMetadata()
                        .withNewSpec()
                        .withMaxUnavailable(new IntOrString(1))
                        .withNewSelector()
                        .addToMatchLabels("c", "d")
                        .endSelector()
                        .endSpec()
                        .build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void copiesAreEqualAndShareNothingChangeable(HasMetadata object) {
        // when
        HasMetadata copy = KubeCopies.copy(object);
        copy.getMetadata().getLabels().put("x", "y");
        // then
        assertThat(copy).isNotSameAs(object).hasSameClassAs(object);
        assertThat(object.getMetadata().getLabels()).doesNotContainKey("x");
        copy.getMetadata().getLabels().remove("x");
        assertThat(copy).isEqualTo(object);
    }
}
