package io.flinkk8s.sdk.core.render.step.storage;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flinkk8s.sdk.core.internal.KubeLists;
import io.flinkk8s.sdk.core.internal.ObjectStores;
import io.flinkk8s.sdk.core.internal.Quantities;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalStateSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalVolumeType;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import io.flinkk8s.sdk.core.spec.storage.PersistentVolumeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The plugins, credentials and volumes of {@code storage} in the JobManager and TaskManager pods,
 * for both targets (the operator target writes the pod drafts into the {@code FlinkDeployment}'s
 * pod templates).
 *
 * <ul>
 *   <li><b>merges</b>, with {@code objectStore}, main container env {@value #PLUGINS_ENV}: the jars
 *       of the directories' schemes ({@code flink-s3-fs-presto-2.1.0.jar}, ...), added to those of
 *       a value already on the main container (the template's or the spec's {@code env}), {@code
 *       ;}-separated, as the official image's entrypoint reads them;
 *   <li><b>merges</b>, with {@code objectStore.credentialsSecret}: an {@code envFrom} of the whole
 *       Secret on the main container; with {@code credentialsFile} instead a read-only Secret
 *       volume {@value #CREDENTIALS_VOLUME} mounted at {@value #CREDENTIALS_PATH} and env {@code
 *       GOOGLE_APPLICATION_CREDENTIALS} pointing at the file;
 *   <li><b>merges</b> volumes and mounts (one of the template's with the same name or path is
 *       replaced in place, the others go first), with {@code volume}: volume {@value #STATE_VOLUME}
 *       of the claim {@code ResourceNames.stateVolumeClaim()} at its {@code mountPath}; with {@code
 *       localState}: volume {@value #LOCAL_VOLUME}, an {@code emptyDir} (with {@code sizeLimit} =
 *       {@code size}) or a generic ephemeral volume ({@code ReadWriteOnce}, {@code
 *       storageClassName}, {@code size} requested) at its {@code mountPath};
 *   <li><b>emits</b>: nothing; {@link PersistentVolumeClaimStep} emits the claim.
 * </ul>
 */
public final class StorageStep implements RenderStep {

    /** {@code storage}. */
    public static final StepId ID = StepId.of("storage");

    /** The official image's variable naming the plugin jars of {@code /opt/flink/opt} to enable. */
    public static final String PLUGINS_ENV = "ENABLE_BUILT_IN_PLUGINS";

    /** The variable the GCS plugin reads the service account file's path from. */
    public static final String GOOGLE_CREDENTIALS_ENV = "GOOGLE_APPLICATION_CREDENTIALS";

    /** The pod volume of the state claim. */
    public static final String STATE_VOLUME = "flink-state";

    /** The pod volume of the local state. */
    public static final String LOCAL_VOLUME = "flink-local";

    /** The pod volume of a credentials file. */
    public static final String CREDENTIALS_VOLUME = "object-store-credentials";

    /** Where a credentials file's Secret is mounted. */
    public static final String CREDENTIALS_PATH = "/flink-credentials";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** Only when {@code storage} is set. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().storage().isEnabled();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        List<Volume> volumes = volumes(ctx);
        List<VolumeMount> mounts = mounts(ctx.spec());
        List<String> jars = pluginJars(ctx.spec());
        ObjectStoreSpec o = ctx.spec().storage().objectStore();
        Rendering out = in;
        for (Component c : List.of(Component.JOB_MANAGER, Component.TASK_MANAGER)) {
            out = out.mapPod(c, draft -> decorate(draft, volumes, mounts, jars, o));
        }
        return out;
    }

    private static PodDraft decorate(
            PodDraft draft,
            List<Volume> volumes,
            List<VolumeMount> mounts,
            List<String> jars,
            ObjectStoreSpec o) {
        return draft.setOnPodSpec(
                        spec ->
                                spec.setVolumes(
                                        prepend(spec.getVolumes(), volumes, Volume::getName)))
                .setOnMainContainer(
                        c -> {
                            c.setVolumeMounts(
                                    prepend(
                                            c.getVolumeMounts(),
                                            mounts,
                                            VolumeMount::getMountPath));
                            c.setEnv(withEnv(c.getEnv(), jars, o));
                            if (o != null
                                    && o.credentialsSecret() != null
                                    && o.credentialsFile() == null) {
                                c.setEnvFrom(withEnvFrom(c, o.credentialsSecret()));
                            }
                        });
    }

    private static List<Volume> volumes(RenderContext ctx) {
        FlinkDeploymentSpec spec = ctx.spec();
        List<Volume> volumes = new ArrayList<>();
        ObjectStoreSpec o = spec.storage().objectStore();
        if (o != null && o.credentialsSecret() != null && o.credentialsFile() != null) {
            volumes.add(
                    new VolumeBuilder()
                            .withName(CREDENTIALS_VOLUME)
                            .withNewSecret()
                            .withSecretName(o.credentialsSecret())
                            .endSecret()
                            .build());
        }
        if (spec.storage().volume() != null) {
            volumes.add(
                    new VolumeBuilder()
                            .withName(STATE_VOLUME)
                            .withNewPersistentVolumeClaim()
                            .withClaimName(ctx.names().stateVolumeClaim())
                            .endPersistentVolumeClaim()
                            .build());
        }
        LocalStateSpec local = spec.storage().localState();
        if (local != null && local.type() == LocalVolumeType.EPHEMERAL) {
            volumes.add(
                    new VolumeBuilder()
                            .withName(LOCAL_VOLUME)
                            .withNewEphemeral()
                            .withNewVolumeClaimTemplate()
                            .withNewSpec()
                            .withAccessModes("ReadWriteOnce")
                            .withStorageClassName(local.storageClassName())
                            .withNewResources()
                            .addToRequests("storage", Quantities.parse(local.size()))
                            .endResources()
                            .endSpec()
                            .endVolumeClaimTemplate()
                            .endEphemeral()
                            .build());
        } else if (local != null) {
            volumes.add(
                    new VolumeBuilder()
                            .withName(LOCAL_VOLUME)
                            .withNewEmptyDir()
                            .withSizeLimit(
                                    local.size() == null ? null : Quantities.parse(local.size()))
                            .endEmptyDir()
                            .build());
        }
        return volumes;
    }

    private static List<VolumeMount> mounts(FlinkDeploymentSpec spec) {
        List<VolumeMount> mounts = new ArrayList<>();
        ObjectStoreSpec o = spec.storage().objectStore();
        if (o != null && o.credentialsSecret() != null && o.credentialsFile() != null) {
            mounts.add(mount(CREDENTIALS_VOLUME, CREDENTIALS_PATH, true));
        }
        PersistentVolumeSpec volume = spec.storage().volume();
        if (volume != null) {
            mounts.add(mount(STATE_VOLUME, volume.mountPath(), false));
        }
        LocalStateSpec local = spec.storage().localState();
        if (local != null) {
            mounts.add(mount(LOCAL_VOLUME, local.mountPath(), false));
        }
        return mounts;
    }

    private static VolumeMount mount(String name, String path, boolean readOnly) {
        return new VolumeMountBuilder()
                .withName(name)
                .withMountPath(path)
                .withReadOnly(readOnly ? true : null)
                .build();
    }

    /** The plugin jars of the spec's object store directories; empty without an object store. */
    static List<String> pluginJars(FlinkDeploymentSpec spec) {
        ObjectStoreSpec o = spec.storage().objectStore();
        if (o == null) {
            return List.of();
        }
        return ObjectStores.pluginJars(
                ObjectStores.schemes(stateDirs(spec)), o.s3Plugin().artifact(), o.pluginVersion());
    }

    /** The checkpoint, savepoint and HA directories of {@code spec}, each may be null. */
    static List<String> stateDirs(FlinkDeploymentSpec spec) {
        return Arrays.asList(
                spec.checkpointing().checkpointDir(),
                spec.checkpointing().savepointDir(),
                spec.highAvailability().storageDir());
    }

    /**
     * {@code ours} in {@code given}: each in place of the item with the same key, the others before
     * everything else, so that the steps that append (the config mount) give the same pod in any
     * order.
     */
    private static <T> List<T> prepend(List<T> given, List<T> ours, Function<T, ?> key) {
        List<T> result = new ArrayList<>();
        List<T> rest = KubeLists.upsert(given, List.of(), key);
        for (T item : ours) {
            Object k = key.apply(item);
            boolean replaced = false;
            for (int i = 0; i < rest.size(); i++) {
                if (Objects.equals(key.apply(rest.get(i)), k)) {
                    rest.set(i, item);
                    replaced = true;
                }
            }
            if (!replaced) {
                result.add(item);
            }
        }
        result.addAll(rest);
        return result;
    }

    private static List<EnvVar> withEnv(List<EnvVar> given, List<String> jars, ObjectStoreSpec o) {
        List<EnvVar> ours = new ArrayList<>();
        if (!jars.isEmpty()) {
            Set<String> plugins = new LinkedHashSet<>();
            if (given != null) {
                given.stream()
                        .filter(e -> PLUGINS_ENV.equals(e.getName()) && e.getValue() != null)
                        .flatMap(e -> Arrays.stream(e.getValue().split(";")))
                        .map(String::trim)
                        .filter(jar -> !jar.isEmpty())
                        .forEach(plugins::add);
            }
            plugins.addAll(jars);
            ours.add(new EnvVar(PLUGINS_ENV, String.join(";", plugins), null));
        }
        if (o != null && o.credentialsSecret() != null && o.credentialsFile() != null) {
            ours.add(
                    new EnvVar(
                            GOOGLE_CREDENTIALS_ENV,
                            CREDENTIALS_PATH + "/" + o.credentialsFile(),
                            null));
        }
        return KubeLists.upsert(given, ours, EnvVar::getName);
    }

    private static List<EnvFromSource> withEnvFrom(Container c, String secret) {
        List<EnvFromSource> envFrom =
                c.getEnvFrom() == null ? new ArrayList<>() : new ArrayList<>(c.getEnvFrom());
        boolean present =
                envFrom.stream()
                        .anyMatch(
                                e ->
                                        e.getSecretRef() != null
                                                && secret.equals(e.getSecretRef().getName()));
        if (!present) {
            envFrom.add(new EnvFromSourceBuilder().withNewSecretRef(secret, null).build());
        }
        return envFrom;
    }
}
