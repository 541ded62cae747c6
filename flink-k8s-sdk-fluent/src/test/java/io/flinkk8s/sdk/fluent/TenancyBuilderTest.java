package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The effect of each method of the tenancy builder. */
class TenancyBuilderTest {

    private static FlinkDeploymentBuilder orders() {
        return FlinkK8s.from(Specs.minimalApplication());
    }

    @Test
    void eachMethodTurnsOnItsPartAndCallsMerge() {
        FlinkDeploymentBuilder builder =
                orders().tenancy(t -> t.namespace().resourceQuota())
                        .tenancy(t -> t.limitRange().headroom(1.5));

        assertThat(builder.buildUnvalidated().tenancy())
                .isEqualTo(new TenancyPolicy(true, true, true, BigDecimal.valueOf(1.5)));
    }

    @Test
    void noneAndANullRecordTurnTenancyOff() {
        assertThat(
                        orders().tenancy(TenancyPolicy.all())
                                .tenancy(t -> t.none())
                                .buildUnvalidated()
                                .tenancy())
                .isEqualTo(TenancyPolicy.none());
        assertThat(
                        orders().tenancy(TenancyPolicy.all())
                                .tenancy((TenancyPolicy) null)
                                .buildUnvalidated()
                                .tenancy())
                .isEqualTo(TenancyPolicy.none());
    }

    @Test
    void aBuiltSpecsTenancyIsKeptByFromAndAHeadroomBelowOneFailsAtBuildWithItsPath() {
        FlinkDeploymentBuilder builder = orders().tenancy(TenancyPolicy.all());

        // build() returns the effective spec: headroom 1 once a part is on
        assertThat(FlinkK8s.from(builder.build()).buildUnvalidated().tenancy())
                .isEqualTo(new TenancyPolicy(true, true, true, BigDecimal.ONE));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> builder.tenancy(t -> t.headroom(0.5)).build())
                .hasMessageContaining("tenancy.headroom");
    }
}
