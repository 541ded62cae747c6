package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneJobArgsTest {

    @Test
    void readsTheOptionsTheSdkRendersAndKeepsTheJobArgsAfterThem() {
        StandaloneJobArgs args =
                StandaloneJobArgs.parse(
                        List.of(
                                "standalone-job",
                                "--host",
                                "$(POD_IP)",
                                "--job-classname",
                                "com.acme.Orders",
                                "--jars",
                                "local:///opt/flink/usrlib/orders.jar",
                                "--fromSavepoint",
                                "s3://sp/savepoint-1",
                                "--allowNonRestoredState",
                                "--topic",
                                "orders",
                                "--fromSavepoint",
                                "not-ours"));

        assertThat(args.application()).isTrue();
        assertThat(args.entryClass()).isEqualTo("com.acme.Orders");
        assertThat(args.restorePath()).isEqualTo("s3://sp/savepoint-1");
        assertThat(args.jobArgs())
                .containsExactly("--topic", "orders", "--fromSavepoint", "not-ours");
    }

    @Test
    void readsShortOptionsAndDynamicPropertiesInBothForms() {
        StandaloneJobArgs args =
                StandaloneJobArgs.parse(
                        List.of(
                                "standalone-job",
                                "-j",
                                "a.B",
                                "-s",
                                "/sp/1",
                                "-Dparallelism.default=2",
                                "-D",
                                "execution.checkpointing.savepoint-dir=/sp",
                                "plain-arg"));

        assertThat(args.entryClass()).isEqualTo("a.B");
        assertThat(args.restorePath()).isEqualTo("/sp/1");
        assertThat(args.dynamicProperties())
                .isEqualTo(
                        Map.of(
                                "parallelism.default",
                                "2",
                                "execution.checkpointing.savepoint-dir",
                                "/sp"));
        assertThat(args.jobArgs()).containsExactly("plain-arg");
    }

    @Test
    void aSessionJobManagerHasNoApplication() {
        StandaloneJobArgs args = StandaloneJobArgs.parse(List.of("jobmanager", "$(POD_IP)"));

        assertThat(args.application()).isFalse();
        assertThat(args.jobArgs()).isEmpty();
        assertThat(StandaloneJobArgs.parse(null).application()).isFalse();
    }
}
