package io.flinkk8s.sdk.testkit.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quantities print as Kubernetes' resource.Quantity prints them, keeping binary suffixes. */
class QuantitiesTest {

    private static String canonical(String text) {
        return Quantities.parse(text).toString();
    }

    @Test
    void decimalAmountsTakeTheLargestSuffixThatKeepsThemWhole() {
        assertThat(canonical("1000m")).isEqualTo("1");
        assertThat(canonical("1.5")).isEqualTo("1500m");
        assertThat(canonical("0.1")).isEqualTo("100m");
        assertThat(canonical("2000")).isEqualTo("2k");
        assertThat(canonical("1500")).isEqualTo("1500");
        assertThat(canonical("0")).isEqualTo("0");
    }

    @Test
    void binaryAmountsKeepBinarySuffixes() {
        assertThat(canonical("1024Mi")).isEqualTo("1Gi");
        assertThat(canonical("1.5Gi")).isEqualTo("1536Mi");
        assertThat(Quantities.parse("1Gi").plus(Quantities.parse("512Mi")).toString())
                .isEqualTo("1536Mi");
    }
}
