package io.flinkk8s.sdk.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.FlinkRuntimeMode;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * This module's tests run without JVM options, as a consumer's do (only the MiniCluster tests get
 * Flink's opens list): real Flink refuses to start, naming the options to add.
 */
class MissingOpensTest {

    private static final String UTIL = "--add-opens=java.base/java.util=ALL-UNNAMED";

    @BeforeEach
    void thisJvmHasNoOpens() {
        assertThat(Object.class.getModule().isOpen("java.util", getClass().getModule()))
                .as("this test runs in the surefire execution without Flink's --add-opens")
                .isFalse();
    }

    @Test
    void listsEveryOptionOfFlinksListThatTheJvmLacks() {
        assertThat(MiniClusterRuntime.missingJvmOptions())
                .hasSize(12)
                .startsWith("--add-opens=java.base/java.lang=ALL-UNNAMED")
                .contains(UTIL, "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
    }

    @Test
    void aMiniClusterDoesNotStartAndNamesTheOptionsToAdd() {
        assertThatThrownBy(() -> MiniClusterRuntime.builder().start())
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining(UTIL)
                .hasMessageContaining("<argLine>")
                .hasMessageContaining("FlinkRuntimeMode.SIMULATED");
    }

    @Test
    void aClusterInMiniClusterModeFailsAtStartNotInsideARequest() {
        assertThatThrownBy(
                        () ->
                                InMemoryFlinkK8sCluster.builder()
                                        .customResourceDefinitions(CustomResourceDefinitions.none())
                                        .flinkRuntime(FlinkRuntimeMode.MINI_CLUSTER)
                                        .start())
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining(UTIL);
    }
}
