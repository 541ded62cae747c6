package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import io.flinkk8s.sdk.core.testing.Specs;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TenancyRulesTest {

    private static FlinkDeploymentSpec spec(TenancyPolicy tenancy) {
        return Specs.statefulHa().withTenancy(tenancy);
    }

    @Test
    void acceptsEveryPartWithAHeadroomFromOneToTen() {
        assertThat(Violations.of(spec(TenancyPolicy.all()))).isEmpty();
        assertThat(Violations.of(spec(new TenancyPolicy(true, true, true, BigDecimal.TEN))))
                .isEmpty();
    }

    @Test
    void rejectsAHeadroomBelowOneOrAboveTenWithItsPath() {
        assertThat(Violations.of(spec(new TenancyPolicy(null, true, null, new BigDecimal("0.9")))))
                .containsExactly(
                        "tenancy.headroom: must be from 1 to 10: below 1 the quota refuses the"
                                + " deployment's own pods, was 0.9");
        assertThat(Violations.of(spec(new TenancyPolicy(null, true, null, new BigDecimal("11")))))
                .containsExactly(
                        "tenancy.headroom: must be from 1 to 10: below 1 the quota refuses the"
                                + " deployment's own pods, was 11");
    }

    @Test
    void rejectsAQuotaTheOperatorAutoscalerLeavesWithoutATaskManagerMaximum() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .target(io.flinkk8s.sdk.core.spec.RenderTarget.OPERATOR)
                        .flinkVersion(io.flinkk8s.sdk.core.spec.FlinkVersion.V2_2)
                        .autoscaling(
                                AutoscalingPolicy.none()
                                        .withStrategy(AutoscalingStrategy.OPERATOR_AUTOSCALER))
                        .tenancy(new TenancyPolicy(null, true, true, null))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "tenancy.resourceQuota: cannot be sized: autoscaling strategy"
                                + " operator-autoscaler sets no TaskManager maximum; use an HPA"
                                + " strategy with autoscaling.maxTaskManagers, or a quota of your"
                                + " own, was true");
    }

    @Test
    void aLimitRangeAloneNeedsNoTaskManagerMaximum() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .target(io.flinkk8s.sdk.core.spec.RenderTarget.OPERATOR)
                        .flinkVersion(io.flinkk8s.sdk.core.spec.FlinkVersion.V2_2)
                        .autoscaling(
                                AutoscalingPolicy.none()
                                        .withStrategy(AutoscalingStrategy.OPERATOR_AUTOSCALER))
                        .tenancy(new TenancyPolicy(null, null, true, null))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }
}
