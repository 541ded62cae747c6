package io.flinkk8s.sdk.testkit.flink.internal;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import java.util.List;

/**
 * The {@code --add-opens} options real Flink needs in this JVM on Java 17+: Flink's own list for
 * Java 17 ({@code env.java.opts.all} of its distribution). The runtime of a MiniCluster and the
 * programs it runs (Kryo, the closure cleaner, the DataStream translators) reach into these {@code
 * java.base} packages by reflection; the simulated runtime needs none of them.
 */
public final class JvmOpens {

    private static final List<String> FLINK_PACKAGES =
            List.of(
                    "java.lang",
                    "java.net",
                    "java.io",
                    "java.nio",
                    "sun.nio.ch",
                    "java.lang.reflect",
                    "java.text",
                    "java.time",
                    "java.util",
                    "java.util.concurrent",
                    "java.util.concurrent.atomic",
                    "java.util.concurrent.locks");

    private JvmOpens() {}

    /** The options of Flink's list that this JVM lacks, in Flink's order; empty when none. */
    public static List<String> missing() {
        Module base = Object.class.getModule();
        Module here = JvmOpens.class.getModule();
        return FLINK_PACKAGES.stream()
                .filter(p -> !base.isOpen(p, here))
                .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
                .toList();
    }

    /**
     * Fails when this JVM lacks any of Flink's options, naming exactly the ones to add.
     *
     * @throws FlinkK8sException naming the missing options and where to add them
     */
    public static void require() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        throw new FlinkK8sException(
                "A Flink MiniCluster runs real Flink in this JVM, which reaches into java.base by"
                        + " reflection; Java 17 refuses that without these JVM options: "
                        + String.join(" ", missing)
                        + ". Add them to the test JVM (Maven: maven-surefire-plugin's <argLine>;"
                        + " Gradle: test { jvmArgs ... }), or use the simulated Flink runtime"
                        + " (FlinkRuntimeMode.SIMULATED, the default), which needs none.",
                null);
    }
}
