package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import org.junit.jupiter.api.Test;

class FlinkK8sTest {

    @Test
    void applicationNamesTheDeploymentAndChoosesApplicationMode() {
        FlinkDeploymentSpec spec = FlinkK8s.application("orders").buildUnvalidated();

        assertThat(spec.name()).isEqualTo("orders");
        assertThat(spec.mode()).isEqualTo(DeploymentMode.APPLICATION);
    }

    @Test
    void applicationSetsNothingButNameAndMode() {
        FlinkDeploymentSpec spec = FlinkK8s.application("orders").buildUnvalidated();

        assertThat(spec)
                .isEqualTo(
                        FlinkDeploymentSpec.named("orders")
                                .edit()
                                .mode(DeploymentMode.APPLICATION)
                                .build());
    }

    @Test
    void sessionNamesTheDeploymentAndChoosesSessionModeWithoutAJob() {
        FlinkDeploymentSpec spec = FlinkK8s.session("shared-analytics").build();

        assertThat(spec.name()).isEqualTo("shared-analytics");
        assertThat(spec.mode()).isEqualTo(DeploymentMode.SESSION);
        assertThat(spec.job()).isNull();
    }

    @Test
    void fromStartsFromEveryFieldOfTheGivenSpec() {
        FlinkDeploymentSpec spec = Specs.statefulWithHighAvailability();

        assertThat(FlinkK8s.from(spec).buildUnvalidated()).isEqualTo(spec);
    }

    @Test
    void fromEditsOnlyWhatTheChainChanges() {
        FlinkDeploymentSpec spec = Specs.statefulWithHighAvailability();

        FlinkDeploymentSpec v2 =
                FlinkK8s.from(spec).image("registry.example.com/payments:3.1.0").buildUnvalidated();

        assertThat(v2).isEqualTo(spec.withImage("registry.example.com/payments:3.1.0"));
    }

    @Test
    void fromRefusesANullSpecNamingTheArgument() {
        assertThatNullPointerException().isThrownBy(() -> FlinkK8s.from(null)).withMessage("spec");
    }
}
