package io.flinkk8s.sdk.core.render.step.security;

import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.FlinkConfigMountStep;
import io.flinkk8s.sdk.core.spec.KeyReference;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Standalone target: the main container's filesystem when Flink needs a writable copy of its
 * configuration ({@link FlinkConfigMountStep#copiesConfiguration}: {@code
 * security.secretConfiguration} or {@code security.tls} is set, their options ({@code
 * SecuritySpec.secretOptions()}: TLS adds each channel's keystore, key and truststore passwords)
 * merged into the copy from mounted Secret keys, or {@code security.readOnlyRootFilesystem} is on,
 * as the image's entrypoint rewrites the file). Stands in for {@code flink-config-mount}, which
 * then does not apply.
 *
 * <ul>
 *   <li><b>overwrites</b> the main container's {@code command}: {@code /bin/sh -c <script>
 *       docker-entrypoint.sh}, whose script copies the ConfigMap's files from {@value
 *       #CONFIG_MAP_DIR} to {@value FlinkPorts#CONF_DIR}, appends one {@code key: value} line per
 *       file of {@value #SECRETS_DIR} to the Flink config file (a single-quoted YAML scalar for
 *       Flink 2.x's {@code config.yaml}; the raw value for 1.x's {@code flink-conf.yaml}, whose
 *       parser has no quoting and ends a value at {@code #}), then runs the official image's
 *       entrypoint {@value #ENTRYPOINT} with the container's {@code args}, which stay {@code
 *       pod-command}'s. An image whose entrypoint is elsewhere needs this step replaced;
 *   <li><b>overwrites</b>, with a read-only root filesystem: the main container's {@code
 *       securityContext.readOnlyRootFilesystem} ({@code true}); its other fields are kept;
 *   <li><b>merges</b>, by name: pod volumes {@value FlinkConfigMountStep#VOLUME} (the config
 *       ConfigMap), {@value #WRITABLE_VOLUME} (an {@code emptyDir}), with secret configuration
 *       {@value #SECRETS_VOLUME} (a {@code projected} volume of one Secret source per Secret, each
 *       key at the path of its Flink option), with {@code security.tls} {@value #TLS_VOLUME} (a
 *       {@code secret} volume of {@code tls.secretName} with two items, the keystore's and the
 *       truststore's keys, each at its own name), and with a read-only root filesystem an {@code
 *       emptyDir} per path Flink writes ({@code /tmp}, {@code /opt/flink/log}, {@code
 *       /opt/flink/artifacts});
 *   <li><b>merges</b>, by mount path: the ConfigMap read-only at {@value #CONFIG_MAP_DIR}, {@value
 *       #WRITABLE_VOLUME} at {@value FlinkPorts#CONF_DIR}, {@value #SECRETS_VOLUME} read-only at
 *       {@value #SECRETS_DIR}, {@value #TLS_VOLUME} read-only at {@value TlsSpec#MOUNT_PATH}, and
 *       the writable paths;
 *   <li><b>emits</b>: nothing. The Secret values are read by the container only: they are in no
 *       object the SDK writes.
 * </ul>
 */
public final class ContainerFilesystemStep implements RenderStep {

    /** {@code container-filesystem}. */
    public static final StepId ID = StepId.of("container-filesystem");

    /** The official image's entrypoint, which the script runs last. */
    public static final String ENTRYPOINT = "/docker-entrypoint.sh";

    /** Where the config ConfigMap is mounted instead of the conf dir. */
    public static final String CONFIG_MAP_DIR = "/opt/flink/conf-configmap";

    /** Where the secret configuration's Secret keys are mounted, one file per Flink option. */
    public static final String SECRETS_DIR = "/opt/flink/conf-secrets";

    /** The {@code emptyDir} at the conf dir. */
    public static final String WRITABLE_VOLUME = "flink-config-writable";

    /** The projected volume of the secret configuration's Secret keys. */
    public static final String SECRETS_VOLUME = "flink-config-secrets";

    /** The volume of {@code security.tls}'s Secret: its keystore and truststore. */
    public static final String TLS_VOLUME = "flink-tls";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** When there is secret configuration or the root filesystem is read-only. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return FlinkConfigMountStep.copiesConfiguration(ctx);
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        SecuritySpec security = ctx.spec().security();
        Map<String, KeyReference> secrets = security.secretOptions();
        boolean readOnly = Boolean.TRUE.equals(security.readOnlyRootFilesystem());
        List<String> command =
                List.of(
                        "/bin/sh",
                        "-c",
                        script(
                                ctx.flinkVersion().configFileName(),
                                ctx.flinkVersion().isAtLeast2(),
                                !secrets.isEmpty()),
                        "docker-entrypoint.sh");
        List<Volume> volumes = new ArrayList<>();
        volumes.add(FlinkConfigMountStep.volume(ctx));
        volumes.add(WritableVolumes.emptyDir(WRITABLE_VOLUME));
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(WritableVolumes.mount(FlinkConfigMountStep.VOLUME, CONFIG_MAP_DIR, true));
        mounts.add(WritableVolumes.mount(WRITABLE_VOLUME, FlinkPorts.CONF_DIR, false));
        if (!secrets.isEmpty()) {
            volumes.add(secretsVolume(secrets));
            mounts.add(WritableVolumes.mount(SECRETS_VOLUME, SECRETS_DIR, true));
        }
        TlsSpec tls = security.tls();
        if (tls != null) {
            volumes.add(tlsVolume(tls));
            mounts.add(WritableVolumes.mount(TLS_VOLUME, TlsSpec.MOUNT_PATH, true));
        }
        if (readOnly) {
            volumes.addAll(WritableVolumes.emptyDirs(WritableVolumes.PATHS));
            mounts.addAll(WritableVolumes.mounts(WritableVolumes.PATHS));
        }
        Rendering out = in;
        for (Component c : List.of(Component.JOB_MANAGER, Component.TASK_MANAGER)) {
            out =
                    out.mapPod(
                            c,
                            draft -> {
                                PodDraft edited =
                                        WritableVolumes.add(draft, volumes, mounts)
                                                .setOnMainContainer(
                                                        main ->
                                                                main.setCommand(
                                                                        new ArrayList<>(command)));
                                return readOnly ? WritableVolumes.readOnlyRoot(edited) : edited;
                            });
        }
        return out;
    }

    /**
     * The container's start: copy the ConfigMap's files, append the secret options, run the
     * entrypoint with the container's args. No {@code $(NAME)} of an env var appears in it, so
     * Kubernetes' expansion of command and args leaves it as it is.
     */
    static String script(String configFile, boolean yaml, boolean withSecrets) {
        String conf = FlinkPorts.CONF_DIR + "/" + configFile;
        StringBuilder s = new StringBuilder();
        s.append("set -e\n");
        s.append("cp ")
                .append(CONFIG_MAP_DIR)
                .append("/* ")
                .append(FlinkPorts.CONF_DIR)
                .append("/\n");
        if (withSecrets) {
            s.append("for f in ").append(SECRETS_DIR).append("/*; do\n");
            s.append("  [ -f \"$f\" ] || continue\n");
            if (yaml) {
                s.append("  v=`sed \"s/'/''/g\" \"$f\"`\n");
                s.append("  printf \"%s: '%s'\\n\" \"${f##*/}\" \"$v\" >> ")
                        .append(conf)
                        .append('\n');
            } else {
                s.append("  v=`cat \"$f\"`\n");
                s.append("  printf '%s: %s\\n' \"${f##*/}\" \"$v\" >> ").append(conf).append('\n');
            }
            s.append("done\n");
        }
        s.append("exec ").append(ENTRYPOINT).append(" \"$@\"\n");
        return s.toString();
    }

    /** A {@code secret} volume of the TLS Secret with its two stores, each at its own key. */
    private static Volume tlsVolume(TlsSpec tls) {
        SecretVolumeSource secret = new SecretVolumeSource();
        secret.setSecretName(tls.secretName());
        List<KeyToPath> items = new ArrayList<>();
        for (String key : List.of(tls.effectiveKeystoreKey(), tls.effectiveTruststoreKey())) {
            KeyToPath item = new KeyToPath();
            item.setKey(key);
            item.setPath(key);
            items.add(item);
        }
        secret.setItems(items);
        Volume volume = new Volume();
        volume.setName(TLS_VOLUME);
        volume.setSecret(secret);
        return volume;
    }

    /** One Secret source per Secret, in the order of the first option that names it. */
    private static Volume secretsVolume(Map<String, KeyReference> secrets) {
        Map<String, List<KeyToPath>> itemsBySecret = new LinkedHashMap<>();
        secrets.forEach(
                (option, ref) -> {
                    KeyToPath item = new KeyToPath();
                    item.setKey(ref.key());
                    item.setPath(option);
                    itemsBySecret.computeIfAbsent(ref.name(), n -> new ArrayList<>()).add(item);
                });
        List<VolumeProjection> sources = new ArrayList<>();
        itemsBySecret.forEach(
                (name, items) -> {
                    SecretProjection secret = new SecretProjection();
                    secret.setName(name);
                    secret.setItems(items);
                    VolumeProjection source = new VolumeProjection();
                    source.setSecret(secret);
                    sources.add(source);
                });
        ProjectedVolumeSource projected = new ProjectedVolumeSource();
        projected.setSources(sources);
        Volume volume = new Volume();
        volume.setName(SECRETS_VOLUME);
        volume.setProjected(projected);
        return volume;
    }
}
