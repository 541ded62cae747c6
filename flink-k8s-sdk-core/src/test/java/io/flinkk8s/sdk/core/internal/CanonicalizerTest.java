package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1000m, 1",
        "1500m, 1500m",
        "0.5, 500m",
        "2, 2",
        "1000, 1k",
        "12000, 12k",
        "0, 0",
        "2048Mi, 2Gi",
        "1536Mi, 1536Mi",
        "1.5Gi, 1536Mi",
        "0.5Ki, 512",
        "1G, 1G",
        "1e3, 1e3",
        "0.0001, 1m"
    })
    void writesQuantitiesAsTheApiServerStoresThem(String given, String canonical) {
        assertThat(Canonicalizer.canonical(new Quantity(given)).toString()).isEqualTo(canonical);
    }
}
