package io.flinkk8s.sdk.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeployOptionsTest {

    @Test
    void defaultsApplyWithTheSdksFieldManagerAndKeepStatefulObjects() {
        DeployOptions options = DeployOptions.defaults();

        assertThat(options.fieldManager()).isEqualTo("flink-k8s-sdk");
        assertThat(options.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat(options.executor()).isEmpty();
        assertThat(options.prunePersistentVolumeClaims()).isFalse();
        assertThat(options.rollbackOnFailure()).isTrue();
    }

    @Test
    void anUpgradeIsStaleAfterTheLongestStepALiveDeployerTakesPlusAMinute() {
        DeployOptions options =
                DeployOptions.builder()
                        .savepointTimeout(Duration.ofMinutes(3))
                        .readyTimeout(Duration.ofMinutes(7))
                        .build();

        assertThat(options.upgradeStaleAfter()).isEqualTo(Duration.ofMinutes(8));
        assertThat(
                        options.toBuilder()
                                .upgradeStaleAfter(Duration.ofSeconds(5))
                                .build()
                                .upgradeStaleAfter())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsAFieldManagerTooLongForItsHandoverManagerToFitKubernetesLimit() {
        String longest = "m".repeat(DeployOptions.MAX_FIELD_MANAGER_LENGTH);

        assertThat(DeployOptions.builder().fieldManager(longest).build().fieldManager())
                .isEqualTo(longest);
        assertThat((longest + ReplicaHandover.SUFFIX).length()).isEqualTo(128);
        assertThatThrownBy(() -> DeployOptions.builder().fieldManager(longest + "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "fieldManager must be at most 119 characters (Kubernetes allows 128, and"
                                + " the SDK also applies as <fieldManager>-handover), was 120");
    }

    @Test
    void rejectsABlankFieldManagerAndNonPositiveDurations() {
        assertThatThrownBy(() -> DeployOptions.builder().fieldManager(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fieldManager must not be blank");
        assertThatThrownBy(() -> DeployOptions.builder().pollInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pollInterval must be positive, was PT0S");
    }

    @Test
    void dependencyLevelsPutRbacFirstAndWorkloadsAfterTheirConfigAndServices() {
        assertThat(ObjectKinds.level("ServiceAccount")).isLessThan(ObjectKinds.level("ConfigMap"));
        assertThat(ObjectKinds.level("ConfigMap")).isLessThan(ObjectKinds.level("Service"));
        assertThat(ObjectKinds.level("Service")).isLessThan(ObjectKinds.level("Deployment"));
        assertThat(ObjectKinds.level("Deployment"))
                .isLessThan(ObjectKinds.level("HorizontalPodAutoscaler"));
        assertThat(ObjectKinds.level("FlinkDeployment"))
                .isGreaterThan(ObjectKinds.level("Ingress"));
    }
}
