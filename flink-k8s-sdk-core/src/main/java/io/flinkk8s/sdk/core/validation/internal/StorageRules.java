package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.internal.ObjectStores;
import io.flinkk8s.sdk.core.internal.Quantities;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.storage.LocalStateSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalVolumeType;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import io.flinkk8s.sdk.core.spec.storage.PersistentVolumeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for {@code storage}: an object store needs a directory on it and a plugin version the
 * image's jar names carry; a state volume has a size, the one access mode two roles can share, and
 * a mount path of its own; a local volume has what its type needs.
 */
public final class StorageRules {

    /** The access modes of a PersistentVolumeClaim. */
    public static final List<String> ACCESS_MODES =
            List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");

    private static final Pattern FULL_VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+");

    private StorageRules() {}

    public static void storage(Checks checks, FlinkDeploymentSpec spec) {
        checks.at(
                "storage",
                () -> {
                    if (spec.storage().objectStore() != null) {
                        checks.at(
                                "objectStore",
                                () -> objectStore(checks, spec, spec.storage().objectStore()));
                    }
                    PersistentVolumeSpec volume = spec.storage().volume();
                    if (volume != null) {
                        checks.at("volume", () -> volume(checks, volume));
                    }
                    LocalStateSpec local = spec.storage().localState();
                    if (local != null) {
                        checks.at("localState", () -> localState(checks, local, volume));
                    }
                });
    }

    private static void objectStore(Checks checks, FlinkDeploymentSpec spec, ObjectStoreSpec o) {
        Set<String> schemes = ObjectStores.schemes(stateDirs(spec));
        if (schemes.isEmpty()) {
            checks.report(
                    "needs checkpointing.checkpointDir, checkpointing.savepointDir or"
                            + " highAvailability.storageDir on an object store (one of "
                            + ObjectStores.SCHEMES
                            + "://); remove objectStore otherwise",
                    null);
        }
        String secret = o.credentialsSecret();
        if (secret != null && !KubernetesNames.isDnsSubdomain(secret)) {
            checks.report("credentialsSecret", KubernetesNames.DNS_SUBDOMAIN_RULE, secret);
        }
        String file = o.credentialsFile();
        if (file != null) {
            if (!KubernetesNames.isConfigMapKey(file)) {
                checks.report("credentialsFile", KubernetesNames.CONFIG_MAP_KEY_RULE, file);
            } else if (secret == null) {
                checks.report(
                        "credentialsFile",
                        "needs credentialsSecret: the Secret it is a key of",
                        file);
            } else if (!schemes.contains("gs")) {
                checks.report(
                        "credentialsFile",
                        "is read by the gs:// plugin only (GOOGLE_APPLICATION_CREDENTIALS); for"
                                + " the other stores the Secret's keys become environment"
                                + " variables: remove it",
                        file);
            }
        }
        pluginVersion(checks, spec, o.pluginVersion(), schemes);
    }

    private static void pluginVersion(
            Checks checks, FlinkDeploymentSpec spec, String version, Set<String> schemes) {
        if (version == null) {
            if (!schemes.isEmpty()) {
                checks.report(
                        "pluginVersion",
                        "must be set: the plugin jars in the image's /opt/flink/opt carry Flink's"
                                + " full version (e.g. flink-s3-fs-presto-"
                                + spec.flinkVersion().majorMinor()
                                + ".0.jar), which the image '"
                                + spec.image()
                                + "' does not name for flinkVersion "
                                + spec.flinkVersion().majorMinor()
                                + "; set it, or use a tag such as flink:"
                                + spec.flinkVersion().majorMinor()
                                + ".0-java17",
                        null);
            }
            return;
        }
        var m = FULL_VERSION.matcher(version.trim());
        if (!m.matches()) {
            checks.report("pluginVersion", "must be Flink's full version, e.g. 2.1.0", version);
        } else if (!(m.group(1) + "." + m.group(2)).equals(spec.flinkVersion().majorMinor())) {
            checks.report(
                    "pluginVersion",
                    "must be a version of flinkVersion " + spec.flinkVersion().majorMinor(),
                    version);
        }
    }

    private static void volume(Checks checks, PersistentVolumeSpec v) {
        if (checks.required("size", v.size(), "must be set: a quantity such as 50Gi")) {
            positiveQuantity(checks, "size", v.size());
        }
        String mode = v.accessMode();
        if (!ACCESS_MODES.contains(mode)) {
            checks.report("accessMode", "must be one of " + ACCESS_MODES, mode);
        } else if (!SpecDefaults.VOLUME_ACCESS_MODE.equals(mode)) {
            checks.report(
                    "accessMode",
                    "must be ReadWriteMany: the JobManager and every TaskManager mount the volume"
                            + " (TaskManagers write checkpoint files, the JobManager their"
                            + " metadata), on different nodes; use a storage class that offers"
                            + " ReadWriteMany (NFS, CephFS, EFS, Filestore, Azure Files)",
                    mode);
        }
        storageClass(checks, v.storageClassName());
        mountPath(checks, v.mountPath());
    }

    private static void localState(Checks checks, LocalStateSpec l, PersistentVolumeSpec volume) {
        boolean ephemeral = l.type() == LocalVolumeType.EPHEMERAL;
        if (ephemeral) {
            if (checks.required(
                    "size", l.size(), "must be set for an ephemeral volume: e.g. 20Gi")) {
                positiveQuantity(checks, "size", l.size());
            }
            storageClass(checks, l.storageClassName());
        } else {
            if (l.size() != null) {
                positiveQuantity(checks, "size", l.size());
            }
            if (l.storageClassName() != null) {
                checks.report(
                        "storageClassName",
                        "applies to type ephemeral only; an empty-dir is on the node's disk",
                        l.storageClassName());
            }
        }
        if (mountPath(checks, l.mountPath())
                && volume != null
                && overlaps(l.mountPath(), volume.mountPath())) {
            checks.report(
                    "mountPath",
                    "must not overlap storage.volume.mountPath " + volume.mountPath(),
                    l.mountPath());
        }
    }

    /** The checkpoint, savepoint and HA directories of {@code spec}, each may be null. */
    private static List<String> stateDirs(FlinkDeploymentSpec spec) {
        return Arrays.asList(
                spec.checkpointing().checkpointDir(),
                spec.checkpointing().savepointDir(),
                spec.highAvailability().storageDir());
    }

    private static void positiveQuantity(Checks checks, String field, String value) {
        try {
            if (Quantities.parse(value).getNumericalAmount().signum() <= 0) {
                checks.report(field, "must be more than 0", value);
            }
        } catch (IllegalArgumentException e) {
            checks.report(field, e.getMessage() + ", e.g. 50Gi", value);
        }
    }

    private static void storageClass(Checks checks, String storageClass) {
        if (storageClass != null && !KubernetesNames.isDnsSubdomain(storageClass)) {
            checks.report("storageClassName", KubernetesNames.DNS_SUBDOMAIN_RULE, storageClass);
        }
    }

    private static boolean mountPath(Checks checks, String path) {
        if (path == null || !path.startsWith("/") || path.contains(":") || path.contains("..")) {
            checks.report("mountPath", "must be an absolute path without ':' or '..'", path);
            return false;
        }
        if (overlaps(path, "/opt/flink")) {
            checks.report(
                    "mountPath",
                    "must not overlap /opt/flink, the Flink distribution of the image",
                    path);
            return false;
        }
        return true;
    }

    private static boolean overlaps(String a, String b) {
        String x = a.endsWith("/") ? a : a + "/";
        String y = b.endsWith("/") ? b : b + "/";
        return x.startsWith(y) || y.startsWith(x);
    }
}
