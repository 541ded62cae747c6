package io.flinkk8s.sdk.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.5);

    @Test
    void backoffGrowsExponentiallyUpToTheBound() {
        assertThat(policy.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(4, 0.5)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(9, 0.5)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void jitterSpreadsTheWaitAroundTheBase() {
        assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, 0.999999))
                .isBetween(Duration.ofMillis(299), Duration.ofMillis(300));
    }

    @Test
    void rejectsValuesOutsideTheirRange() {
        assertThatThrownBy(() -> policy.withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts must be >= 1");
        assertThatThrownBy(() -> policy.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
