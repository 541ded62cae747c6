package io.flinkk8s.sdk.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.IntStream;
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
        assertThat(rate.selects(ApiVerb.PATCH, "deployments", null)).isTrue();
        assertThat(rate.selects(ApiVerb.GET, "deployments", null)).isFalse();
        assertThat(rate.selects(ApiVerb.LIST, "pods", null)).isFalse();
        assertThat(rate.selects(ApiVerb.WATCH, "pods", null)).isFalse();
    }

    @Test
    void selectsTheNamedVerbsAndKindsOnly() {
        FailureRate rate =
                FailureRate.percent(50).of(ApiVerb.CREATE, ApiVerb.LIST).on(ConfigMap.class);

        assertThat(rate.verbs()).isEqualTo(EnumSet.of(ApiVerb.CREATE, ApiVerb.LIST));
        assertThat(rate.resources()).containsExactly("configmaps");
        assertThat(rate.selects(ApiVerb.LIST, "configmaps", null)).isTrue();
        assertThat(rate.selects(ApiVerb.PATCH, "configmaps", null)).isFalse();
        assertThat(rate.selects(ApiVerb.CREATE, "secrets", null)).isFalse();
    }

    @Test
    void aPlainResourceSelectsItsMainResourceAndANamedSubresourceOnlyThat() {
        FailureRate kind = FailureRate.percent(50).on(Deployment.class);
        FailureRate scale = FailureRate.percent(50).on("deployments/scale");

        assertThat(kind.selects(ApiVerb.PATCH, "deployments", null)).isTrue();
        assertThat(kind.selects(ApiVerb.PATCH, "deployments", "scale")).isFalse();
        assertThat(scale.selects(ApiVerb.PATCH, "deployments", "scale")).isTrue();
        assertThat(scale.selects(ApiVerb.PATCH, "deployments", null)).isFalse();
    }

    @Test
    void failsAboutItsShareOfRequests() {
        FailureRate rate = FailureRate.percent(10).withSeed(7);

        long failed =
                IntStream.range(0, 10_000)
                        .filter(i -> rate.fails("PATCH configmaps streaming/cm-" + i, 1))
                        .count();

        assertThat(failed).isBetween(900L, 1_100L);
    }

    @Test
    void theSameSeedFailsTheSameRequestsAndAnotherSeedOthers() {
        FailureRate rate = FailureRate.percent(30).withSeed(42);
        Set<Integer> first = failing(rate);

        assertThat(failing(FailureRate.percent(30).withSeed(42))).isEqualTo(first);
        assertThat(failing(rate.withSeed(43))).isNotEqualTo(first);
    }

    private static Set<Integer> failing(FailureRate rate) {
        return IntStream.range(0, 200)
                .filter(i -> rate.fails("CREATE configmaps streaming/null", i + 1))
                .boxed()
                .collect(java.util.stream.Collectors.toSet());
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
