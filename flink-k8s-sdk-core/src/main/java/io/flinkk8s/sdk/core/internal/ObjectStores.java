package io.flinkk8s.sdk.core.internal;

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

    /** The Presto S3 plugin's artifact, which {@code s3p://} always uses. */
    public static final String S3_PRESTO = "flink-s3-fs-presto";

    /** The Hadoop S3 plugin's artifact, which {@code s3a://} always uses. */
    public static final String S3_HADOOP = "flink-s3-fs-hadoop";

    /**
     * The object store schemes of {@code dirs} (the checkpoint, savepoint and HA directories; null
     * entries are skipped), lower-case, in that order, without repeats.
     */
    public static Set<String> schemes(List<String> dirs) {
        Set<String> schemes = new LinkedHashSet<>();
        for (String dir : dirs) {
            String scheme = scheme(dir);
            if (scheme != null && SCHEMES.contains(scheme)) {
                schemes.add(scheme);
            }
        }
        return schemes;
    }

    /**
     * The jar names {@code ENABLE_BUILT_IN_PLUGINS} needs for {@code schemes}, e.g. {@code
     * flink-s3-fs-presto-2.1.0.jar}, in scheme order without repeats; {@code s3://} is served by
     * {@code s3Artifact}.
     */
    public static List<String> pluginJars(Set<String> schemes, String s3Artifact, String version) {
        Set<String> artifacts = new LinkedHashSet<>();
        for (String scheme : schemes) {
            artifacts.add(
                    switch (scheme) {
                        case "s3" -> s3Artifact;
                        case "s3a" -> S3_HADOOP;
                        case "s3p" -> S3_PRESTO;
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
