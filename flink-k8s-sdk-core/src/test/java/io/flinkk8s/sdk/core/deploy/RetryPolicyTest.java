package io.flinkk8s.sdk.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
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

    @Test
    void racesThrottlingServerErrorsAndTimeoutsAreTransient() {
        for (int code : new int[] {409, 429, 500, 502, 503, 504}) {
            assertThat(Retrier.isTransient(error(code))).as("HTTP %d", code).isTrue();
        }
        assertThat(
                        Retrier.isTransient(
                                new KubernetesClientException("io", new IOException("reset"))))
                .isTrue();
    }

    @Test
    void refusalsAreNotTransient() {
        for (int code : new int[] {400, 401, 403, 404, 422}) {
            assertThat(Retrier.isTransient(error(code))).as("HTTP %d", code).isFalse();
        }
    }

    @Test
    void aFailureNamesTheObjectAndCarriesTheServerMessage() {
        var failure =
                Retrier.failure(
                        new ObjectRef("apps/v1", "Deployment", "streaming", "orders-taskmanager"),
                        error(422),
                        1,
                        6);

        assertThat(failure.getMessage())
                .startsWith(
                        "Could not apply Deployment streaming/orders-taskmanager: HTTP 422:"
                                + " spec.selector: field is immutable.");
        assertThat(failure.httpStatus()).isEqualTo(422);
    }

    @Test
    void aFailedListNamesTheKindAndNamespace() {
        var failure =
                Retrier.failure(
                        new ObjectRef("v1", "ConfigMap", "streaming", null), error(403), 1, 6);

        assertThat(failure.getMessage())
                .startsWith("Could not list ConfigMap objects in namespace streaming: HTTP 403");
    }

    private static KubernetesClientException error(int code) {
        return new KubernetesClientException(
                new StatusBuilder()
                        .withCode(code)
                        .withMessage("spec.selector: field is immutable")
                        .build());
    }
}
