package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.internal.KubeLists;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Mounts the Flink config ConfigMap (written by {@link FlinkConfigMapStep}) at Flink's conf dir
 * {@value FlinkPorts#CONF_DIR} in both main containers.
 *
 * <ul>
 *   <li><b>merges</b>, by name: the pod volume {@value #VOLUME}, a {@code configMap} volume of
 *       {@code ResourceNames.configMap()} with one item per file (the Flink config file of the
 *       version, {@code log4j-console.properties} and every {@code logConfiguration} file), sorted;
 *   <li><b>merges</b>, by mount path: the main container's mount of {@value #VOLUME} at {@value
 *       FlinkPorts#CONF_DIR}. A template volume or mount with the same name or path is replaced;
 *       every other one is kept;
 *   <li><b>emits</b>: nothing; it only edits the pod drafts.
 * </ul>
 *
 * <p>Not when Flink needs a writable copy of its configuration ({@code
 * security.secretConfiguration} or {@code security.tls} set, or {@code
 * security.readOnlyRootFilesystem} on): then {@code container-filesystem} mounts the same volume
 * elsewhere and copies it to the conf dir at container start.
 */
public final class FlinkConfigMountStep implements RenderStep {

    /** {@code flink-config-mount}. */
    public static final StepId ID = StepId.of("flink-config-mount");

    /** The name of the config volume, as in Flink's standalone Kubernetes manifests. */
    public static final String VOLUME = "flink-config-volume";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** Unless the configuration is copied to a writable conf dir at container start. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return !copiesConfiguration(ctx);
    }

    /**
     * Whether Flink's configuration is copied from the ConfigMap to a writable conf dir when the
     * container starts: with {@code security.secretConfiguration} or {@code security.tls}'s
     * passwords ({@code SecuritySpec.secretOptions()}, merged into the copy) or a read-only root
     * filesystem (the image's entrypoint rewrites the file).
     */
    public static boolean copiesConfiguration(RenderContext ctx) {
        SecuritySpec security = ctx.spec().security();
        return !security.secretOptions().isEmpty()
                || Boolean.TRUE.equals(security.readOnlyRootFilesystem());
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        Volume volume = volume(ctx);
        VolumeMount mount =
                new VolumeMountBuilder()
                        .withName(VOLUME)
                        .withMountPath(FlinkPorts.CONF_DIR)
                        .build();
        Rendering out = in;
        for (Component c : StepSupport.POD_COMPONENTS) {
            out = out.mapPod(c, draft -> mount(draft, volume, mount));
        }
        return out;
    }

    private static PodDraft mount(PodDraft draft, Volume volume, VolumeMount mount) {
        return draft.setOnPodSpec(
                        spec ->
                                spec.setVolumes(
                                        KubeLists.upsert(
                                                spec.getVolumes(),
                                                List.of(volume),
                                                Volume::getName)))
                .setOnMainContainer(
                        c ->
                                c.setVolumeMounts(
                                        KubeLists.upsert(
                                                c.getVolumeMounts(),
                                                List.of(mount),
                                                VolumeMount::getMountPath)));
    }

    /** The config ConfigMap's volume, {@value #VOLUME}: one item per file, sorted. */
    public static Volume volume(RenderContext ctx) {
        TreeSet<String> files =
                new TreeSet<>(FlinkConfigFiles.logFiles(ctx.spec().logConfiguration()).keySet());
        files.add(ctx.flinkVersion().configFileName());
        List<KeyToPath> items = new ArrayList<>(files.size());
        for (String file : files) {
            KeyToPath item = new KeyToPath();
            item.setKey(file);
            item.setPath(file);
            items.add(item);
        }
        // Built directly: a VolumeBuilder visits each of the thirty kinds of volume source.
        ConfigMapVolumeSource source = new ConfigMapVolumeSource();
        source.setName(ctx.names().configMap());
        source.setItems(items);
        Volume volume = new Volume();
        volume.setName(VOLUME);
        volume.setConfigMap(source);
        return volume;
    }
}
