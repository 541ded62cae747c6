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
    void anUpgradeLeaseLastsFifteenSecondsUnlessToldOtherwise() {
        assertThat(DeployOptions.defaults().upgradeLeaseDuration())
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(
                        DeployOptions.builder()
                                .upgradeLeaseDuration(Duration.ofSeconds(30))
                                .build()
                                .upgradeLeaseDuration())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anUpgradeLeaseDurationIsWholePositiveSeconds() {
        assertThatThrownBy(
                        () -> DeployOptions.builder().upgradeLeaseDuration(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "upgradeLeaseDuration must be whole seconds (a Lease's"
                                + " leaseDurationSeconds), was PT1.5S");
        assertThatThrownBy(() -> DeployOptions.builder().upgradeLeaseDuration(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upgradeLeaseDuration must be positive, was PT0S");
    }

    @Test
    void rejectsAFieldManagerTooLongForItsHandoverManagerToFitKubernetesLimit() {
        String longest = "m".repeat(DeployOptions.MAX_FIELD_MANAGER_LENGTH);

        assertThat(DeployOptions.builder().fieldManager(longest).build().fieldManager())
                .isEqualTo(longest);
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
    void requestsAreUnlimitedUnlessARateIsSet() {
        assertThat(DeployOptions.defaults().requestRate()).isEmpty();
        DeployOptions limited = DeployOptions.builder().requestRate(20, 40).build();

        assertThat(limited.requestRate()).contains(new RequestRate(20, 40));
        assertThat(limited.toBuilder().build().requestRate()).contains(new RequestRate(20, 40));
    }

    @Test
    void aRequestRateMustBePositiveAndFinite() {
        for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> DeployOptions.builder().requestRate(rate, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "requestRate permitsPerSecond must be positive and finite, was "
                                    + rate
                                    + "; leave requestRate unset for no limit");
        }
    }

    @Test
    void aRequestBurstMustBeAtLeastOne() {
        assertThatThrownBy(() -> DeployOptions.builder().requestRate(5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "requestRate burst must be at least 1 (the requests that may go at once),"
                                + " was 0");
    }

    @Test
    void tenRevisionsAreKeptUnlessToldOtherwiseBetweenOneAndFifty() {
        assertThat(DeployOptions.defaults().revisionHistoryLimit()).isEqualTo(10);
        assertThat(DeployOptions.builder().revisionHistoryLimit(3).build().revisionHistoryLimit())
                .isEqualTo(3);
        assertThatThrownBy(() -> DeployOptions.builder().revisionHistoryLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("revisionHistoryLimit must be between 1 and 50, was 0");
        assertThatThrownBy(() -> DeployOptions.builder().revisionHistoryLimit(51))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("revisionHistoryLimit must be between 1 and 50, was 51");
        assertThat(
                        DeployOptions.builder().revisionHistoryLimit(4).build().toBuilder()
                                .build()
                                .revisionHistoryLimit())
                .isEqualTo(4);
    }

    @Test
    void bulkConcurrencyDefaultsToFourAndIsKeptByToBuilder() {
        assertThat(DeployOptions.defaults().bulkConcurrency()).isEqualTo(4);
        DeployOptions wide = DeployOptions.builder().bulkConcurrency(16).build();

        assertThat(wide.bulkConcurrency()).isEqualTo(16);
        assertThat(wide.toBuilder().build().bulkConcurrency()).isEqualTo(16);
    }

    @Test
    void bulkConcurrencyMustBeBetweenOneAndSixtyFour() {
        for (int n : new int[] {0, -1, 65}) {
            assertThatThrownBy(() -> DeployOptions.builder().bulkConcurrency(n))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bulkConcurrency must be between 1 and 64, was " + n);
        }
    }
}
