package io.flinkk8s.sdk.core.deploy.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusViewOptionsTest {

    @Test
    void defaultsWatchEveryNamespaceAndBoundTheFlinkReads() {
        StatusViewOptions options = StatusViewOptions.allNamespaces();

        assertThat(options.namespace()).isNull();
        assertThat(options.flinkRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxConcurrentFlinkRequests()).isEqualTo(8);
        assertThat(options.startTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void withersChangeOneValueEach() {
        StatusViewOptions options =
                StatusViewOptions.namespace("streaming")
                        .withFlinkRefreshInterval(Duration.ofSeconds(5))
                        .withMaxConcurrentFlinkRequests(2)
                        .withStartTimeout(Duration.ofSeconds(10));

        assertThat(options)
                .isEqualTo(
                        new StatusViewOptions(
                                "streaming", Duration.ofSeconds(5), 2, Duration.ofSeconds(10)));
        assertThat(options.withNamespace(null).namespace()).isNull();
    }

    @Test
    void rejectsAZeroRefreshIntervalNamingIt() {
        assertThatThrownBy(
                        () ->
                                StatusViewOptions.allNamespaces()
                                        .withFlinkRefreshInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flinkRefreshInterval must be positive, was PT0S");
    }

    @Test
    void rejectsNoConcurrentRequests() {
        assertThatThrownBy(
                        () -> StatusViewOptions.allNamespaces().withMaxConcurrentFlinkRequests(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrentFlinkRequests must be >= 1, was 0");
    }

    @Test
    void rejectsABlankNamespace() {
        assertThatThrownBy(() -> StatusViewOptions.namespace(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace must not be blank");
    }
}
