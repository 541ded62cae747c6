package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * fabric8's mock web server logs each request through java.util.logging; a cluster quiets it unless
 * asked or configured otherwise. The logger's level is JVM-wide, so each test puts it back.
 */
class MockServerLoggingTest {

    private final Logger logger = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");
    private Level before;

    @BeforeEach
    void remember() {
        before = logger.getLevel();
    }

    @AfterEach
    void restore() {
        logger.setLevel(before);
    }

    private static void startAndStop(InMemoryFlinkK8sCluster.Builder builder) {
        try (InMemoryFlinkK8sCluster cluster =
                builder.customResourceDefinitions(CustomResourceDefinitions.none()).start()) {
            cluster.client().configMaps().list();
        }
    }

    @Test
    void aClusterQuietsTheMockServersRequestLog() {
        logger.setLevel(null);

        startAndStop(InMemoryFlinkK8sCluster.builder());

        assertThat(logger.isLoggable(Level.INFO)).isFalse();
        assertThat(logger.isLoggable(Level.WARNING)).isTrue();
    }

    @Test
    void aLevelTheConsumerSetIsKept() {
        logger.setLevel(Level.FINE);

        startAndStop(InMemoryFlinkK8sCluster.builder());

        assertThat(logger.getLevel()).isEqualTo(Level.FINE);
    }

    @Test
    void askingForTheRequestLogTurnsItOn() {
        logger.setLevel(Level.WARNING);

        startAndStop(InMemoryFlinkK8sCluster.builder().logMockServerRequests(true));

        assertThat(logger.isLoggable(Level.INFO)).isTrue();
    }
}
