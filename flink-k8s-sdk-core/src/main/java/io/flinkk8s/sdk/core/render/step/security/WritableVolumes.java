package io.flinkk8s.sdk.core.render.step.security;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.flinkk8s.sdk.core.internal.KubeLists;
import io.flinkk8s.sdk.core.render.PodDraft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a read-only root filesystem needs, for both targets: the main container's {@code
 * readOnlyRootFilesystem: true} and an {@code emptyDir} at every path Flink and the official
 * image's entrypoint write, {@link #PATHS}.
 */
final class WritableVolumes {

    /**
     * Where Flink writes, by volume name: {@code /tmp} (Java's and Flink's temporary dir: {@code
     * io.tmp.dirs}, the blob store, the web upload dir, RocksDB's local dir and the process working
     * dir default to it), the log dir of {@code log4j-console.properties}' file appender, and
     * {@code user.artifacts.base-dir}, where Flink fetches the job jar and artifacts.
     */
    static final Map<String, String> PATHS = paths();

    private WritableVolumes() {}

    private static Map<String, String> paths() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("flink-tmp", "/tmp");
        paths.put("flink-log", "/opt/flink/log");
        paths.put("flink-artifacts", "/opt/flink/artifacts");
        return paths;
    }

    /** {@code volumes}, each an {@code emptyDir}, and {@link #PATHS}' volumes added. */
    static List<Volume> emptyDirs(Map<String, String> pathsByVolume) {
        List<Volume> volumes = new ArrayList<>();
        pathsByVolume.keySet().forEach(name -> volumes.add(emptyDir(name)));
        return volumes;
    }

    /** A mount of each volume at its path. */
    static List<VolumeMount> mounts(Map<String, String> pathsByVolume) {
        List<VolumeMount> mounts = new ArrayList<>();
        pathsByVolume.forEach((name, path) -> mounts.add(mount(name, path, false)));
        return mounts;
    }

    /** The draft with {@code volumes} merged by name and {@code mounts} by path. */
    static PodDraft add(PodDraft draft, List<Volume> volumes, List<VolumeMount> mounts) {
        return draft.setOnPodSpec(
                        spec ->
                                spec.setVolumes(
                                        KubeLists.upsert(
                                                spec.getVolumes(), volumes, Volume::getName)))
                .setOnMainContainer(
                        c ->
                                c.setVolumeMounts(
                                        KubeLists.upsert(
                                                c.getVolumeMounts(),
                                                mounts,
                                                VolumeMount::getMountPath)));
    }

    /** The draft's main container with {@code readOnlyRootFilesystem: true}, the rest kept. */
    static PodDraft readOnlyRoot(PodDraft draft) {
        return draft.setOnMainContainer(
                c -> {
                    SecurityContext given = c.getSecurityContext();
                    c.setSecurityContext(
                            (given == null
                                            ? new SecurityContextBuilder()
                                            : new SecurityContextBuilder(given))
                                    .withReadOnlyRootFilesystem(true)
                                    .build());
                });
    }

    static Volume emptyDir(String name) {
        Volume volume = new Volume();
        volume.setName(name);
        volume.setEmptyDir(new EmptyDirVolumeSource());
        return volume;
    }

    static VolumeMount mount(String volume, String path, boolean readOnly) {
        VolumeMount mount = new VolumeMount();
        mount.setName(volume);
        mount.setMountPath(path);
        if (readOnly) {
            mount.setReadOnly(true);
        }
        return mount;
    }
}
