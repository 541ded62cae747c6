package io.flinkk8s.sdk.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class FailureRateTest {

    @Test
    void byDefaultFailsWritesOfEveryResourceWith503() {
        FailureRate rate = FailureRate.percent(10);

        assertThat(rate.verbs())
                .containsExactlyInAnyOrder(
                        ApiVerb.CREATE,
                        ApiVerb.UPDATE,
                        ApiVerb.PATCH,
                        ApiVerb.DELETE,
                        ApiVerb.DELETE_COLLECTION);
        assertThat(rate.resources()).isEmpty();
        assertThat(rate.status()).isEqualTo(503);
    }

    @Test
    void selectsTheNamedVerbsAndKindsOnly() {
        FailureRate rate =
                FailureRate.percent(50).of(ApiVerb.CREATE, ApiVerb.LIST).on(ConfigMap.class);

        assertThat(rate.verbs()).isEqualTo(EnumSet.of(ApiVerb.CREATE, ApiVerb.LIST));
        assertThat(rate.resources()).containsExactly("configmaps");
    }

    @Test
    void rejectsValuesOutOfRangeNamingThem() {
        assertThatThrownBy(() -> FailureRate.percent(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percent must be more than 0 and at most 100, was 0.0");
        assertThatThrownBy(() -> FailureRate.percent(101))
                .hasMessage("percent must be more than 0 and at most 100, was 101.0");
        assertThatThrownBy(() -> FailureRate.percent(10).of())
                .hasMessage("verbs must name at least one verb");
        assertThatThrownBy(() -> FailureRate.percent(10).answering(200))
                .hasMessage("status must be an error status (400 to 599), was 200");
    }
}
