package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import io.flinkk8s.sdk.core.testing.Specs;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The YAML form and the defaults of {@code tenancy}. */
class TenancySerializationTest {

    @Test
    void aTenancyPolicyRoundTripsThroughYamlAndJson() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .withTenancy(new TenancyPolicy(true, true, false, new BigDecimal("1.5")));

        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(spec))).isEqualTo(spec);
        assertThat(SpecSerialization.fromJson(SpecSerialization.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void readsTheDocumentedYamlForm() {
        FlinkDeploymentSpec spec =
                SpecSerialization.fromYaml(
                        """
                        name: orders
                        tenancy:
                          namespace: true
                          resourceQuota: true
                          limitRange: true
                          headroom: 1.25
                        """);

        assertThat(spec.tenancy())
                .isEqualTo(new TenancyPolicy(true, true, true, new BigDecimal("1.25")));
    }

    @Test
    void noTenancyIsNotWritten() {
        assertThat(SpecSerialization.toYaml(Specs.statefulHa())).doesNotContain("tenancy");
        assertThat(SpecSerialization.toYaml(SpecDefaults.apply(Specs.statefulHa())))
                .doesNotContain("tenancy");
    }

    @Test
    void tenancyIsOffByDefaultAndOnceOnTheOtherPartsAreOffWithHeadroomOne() {
        assertThat(SpecDefaults.apply(Specs.statefulHa()).tenancy())
                .isEqualTo(TenancyPolicy.none());
        assertThat(
                        SpecDefaults.apply(
                                        Specs.statefulHa()
                                                .withTenancy(
                                                        new TenancyPolicy(null, true, null, null)))
                                .tenancy())
                .isEqualTo(new TenancyPolicy(false, true, false, BigDecimal.ONE));
    }
}
