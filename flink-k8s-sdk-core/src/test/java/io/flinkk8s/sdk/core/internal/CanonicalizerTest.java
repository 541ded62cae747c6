package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    @Test
    void aQuantityCanonicalAtSightIsOneWhoseCanonicalFormIsItself() {
        List<String> formats =
                List.of("", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "e3");
        int plain = 0;
        for (String format : formats) {
            for (int amount = 0; amount <= 5000; amount++) {
                Quantity q = new Quantity(Integer.toString(amount), format);
                if (Canonicalizer.isPlainlyCanonical(q)) {
                    plain++;
                    Quantity canonical = Canonicalizer.canonical(q);
                    assertThat(canonical.getAmount() + canonical.getFormat())
                            .as("%s%s", amount, format)
                            .isEqualTo(q.getAmount() + q.getFormat());
                }
            }
        }
        assertThat(Canonicalizer.isPlainlyCanonical(new Quantity("1500", "m"))).isTrue();
        assertThat(Canonicalizer.isPlainlyCanonical(new Quantity("1024", "Mi"))).isFalse();
        assertThat(Canonicalizer.isPlainlyCanonical(new Quantity("1.5"))).isFalse();
        assertThat(plain).isGreaterThan(40_000);
    }
}
