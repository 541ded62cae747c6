package io.flinkk8s.sdk.core.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FlinkJobClientTest {

    @Test
    void theReasonListsTheFirstLineOfEachDistinctCause() {
        Throwable failure =
                new ExecutionException(
                        "java.io.IOException: savepoint failed",
                        new IOException(
                                "savepoint failed\n\tat some.Frame",
                                new IllegalStateException("disk full")));

        assertThat(FlinkJobClient.reason(failure))
                .isEqualTo("java.io.IOException: savepoint failed <- disk full");
    }

    @Test
    void theInClusterResolverNamesTheServiceByDns() {
        assertThat(RestEndpointResolver.inCluster().resolve("streaming", "orders-rest", 8081))
                .hasToString("http://orders-rest.streaming.svc:8081");
    }
}
