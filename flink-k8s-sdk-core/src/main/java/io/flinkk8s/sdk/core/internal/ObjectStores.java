package io.flinkk8s.sdk.core.internal;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.storage.S3Plugin;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The object store schemes of a spec's state directories and the Flink filesystem plugins that
 * serve them: the one table validation and rendering share. Internal: not API, may change in any
 * release.
 */
public final class ObjectStores {

    /** The schemes the SDK knows a plugin for, in the order messages name them. */
    public static final List<String> SCHEMES =
            List.of("s3", "s3a", "s3p", "gs", "abfs", "abfss", "oss");

    private ObjectStores() {}

    /**
     * The object store schemes of {@code checkpointing.checkpointDir}, {@code
     * checkpointing.savepointDir} and {@code highAvailability.storageDir}, lower-case, in that
     * order, without repeats.
     */
    public static Set<String> schemes(FlinkDeploymentSpec spec) {
        Set<String> schemes = new LinkedHashSet<>();
        for (String dir :
                new String[] {
                    spec.checkpointing().checkpointDir(),
                    spec.checkpointing().savepointDir(),
                    spec.highAvailability().storageDir()
                }) {
            String scheme = scheme(dir);
            if (scheme != null && SCHEMES.contains(scheme)) {
                schemes.add(scheme);
            }
        }
        return schemes;
    }

    /**
     * The jar names {@code ENABLE_BUILT_IN_PLUGINS} needs for {@code schemes}, e.g. {@code
     * flink-s3-fs-presto-2.1.0.jar}, in scheme order without repeats.
     */
    public static List<String> pluginJars(Set<String> schemes, S3Plugin s3, String version) {
        Set<String> artifacts = new LinkedHashSet<>();
        for (String scheme : schemes) {
            artifacts.add(
                    switch (scheme) {
                        case "s3" -> s3.artifact();
                        case "s3a" -> S3Plugin.HADOOP.artifact();
                        case "s3p" -> S3Plugin.PRESTO.artifact();
                        case "gs" -> "flink-gs-fs-hadoop";
                        case "abfs", "abfss" -> "flink-azure-fs-hadoop";
                        default -> "flink-oss-fs-hadoop";
                    });
        }
        List<String> jars = new ArrayList<>();
        for (String artifact : artifacts) {
            jars.add(artifact + "-" + version + ".jar");
        }
        return jars;
    }

    /** The lower-case scheme of {@code dir}, null when it has none or is not a URI. */
    public static String scheme(String dir) {
        if (dir == null) {
            return null;
        }
        try {
            String scheme = new URI(dir.trim()).getScheme();
            return scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /**
     * The host of an Azure directory, {@code acct.dfs.core.windows.net} of {@code
     * abfss://container@acct.dfs.core.windows.net/path}, which names the account in Flink's Azure
     * options; null when there is none.
     */
    public static String azureHost(String dir) {
        try {
            String host = new URI(dir.trim()).getHost();
            if (host == null || !host.contains(".")) {
                return null;
            }
            return host;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
