package io.flinkk8s.sdk.testkit.internal.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.testkit.faults.FailureRate;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which requests a {@link FailureRate} fails. */
class SeededFaultTest {

    @Test
    void byDefaultSelectsWritesOfEveryResourceAndNoReads() {
        FailureRate rate = FailureRate.percent(10);

        assertThat(SeededFault.selects(rate, ApiVerb.PATCH, "deployments", null)).isTrue();
        assertThat(SeededFault.selects(rate, ApiVerb.GET, "deployments", null)).isFalse();
        assertThat(SeededFault.selects(rate, ApiVerb.LIST, "pods", null)).isFalse();
        assertThat(SeededFault.selects(rate, ApiVerb.WATCH, "pods", null)).isFalse();
    }

    @Test
    void selectsTheNamedVerbsAndKindsOnly() {
        FailureRate rate =
                FailureRate.percent(50).of(ApiVerb.CREATE, ApiVerb.LIST).on(ConfigMap.class);

        assertThat(SeededFault.selects(rate, ApiVerb.LIST, "configmaps", null)).isTrue();
        assertThat(SeededFault.selects(rate, ApiVerb.PATCH, "configmaps", null)).isFalse();
        assertThat(SeededFault.selects(rate, ApiVerb.CREATE, "secrets", null)).isFalse();
    }

    @Test
    void aPlainResourceSelectsItsMainResourceAndANamedSubresourceOnlyThat() {
        FailureRate kind = FailureRate.percent(50).on(Deployment.class);
        FailureRate scale = FailureRate.percent(50).on("deployments/scale");

        assertThat(SeededFault.selects(kind, ApiVerb.PATCH, "deployments", null)).isTrue();
        assertThat(SeededFault.selects(kind, ApiVerb.PATCH, "deployments", "scale")).isFalse();
        assertThat(SeededFault.selects(scale, ApiVerb.PATCH, "deployments", "scale")).isTrue();
        assertThat(SeededFault.selects(scale, ApiVerb.PATCH, "deployments", null)).isFalse();
    }

    @Test
    void failsAboutItsShareOfRequests() {
        FailureRate rate = FailureRate.percent(10).withSeed(7);

        long failed =
                IntStream.range(0, 10_000)
                        .filter(
                                i ->
                                        SeededFault.fails(
                                                rate, "PATCH configmaps streaming/cm-" + i, 1))
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
                .filter(i -> SeededFault.fails(rate, "CREATE configmaps streaming/null", i + 1))
                .boxed()
                .collect(Collectors.toSet());
    }
}
