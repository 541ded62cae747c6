package io.flinkk8s.sdk.core.render.step.security;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.util.List;
import java.util.function.Function;

/**
 * Standalone target: the keystore and truststore of {@code security.tls} in both pods, and the
 * JobManager's REST probes over TLS. Runs after {@code probes}.
 *
 * <ul>
 *   <li><b>merges</b>, by name: the pod volume {@value #VOLUME}, a {@code secret} volume of {@code
 *       tls.secretName} with two items, the keystore's and the truststore's keys, each at its own
 *       name; by mount path: its read-only mount at {@value TlsSpec#MOUNT_PATH} in the main
 *       container;
 *   <li><b>overwrites</b>, with {@code rest}: each JobManager probe that is an {@code httpGet} on
 *       the REST port ({@value FlinkPorts#REST_NAME} or {@value FlinkPorts#REST}): its {@code
 *       scheme} becomes {@code HTTPS} (the kubelet does not verify the certificate); with {@code
 *       restMutualAuth} it becomes a {@code tcpSocket} check of the same port with the same timings
 *       instead, as the kubelet has no client certificate to present;
 *   <li><b>emits</b>: nothing. The Secret's content is read by the containers only.
 * </ul>
 */
public final class TlsPodStep implements RenderStep {

    /** {@code tls-pod}. */
    public static final StepId ID = StepId.of("tls-pod");

    /** The pod volume of the TLS Secret. */
    public static final String VOLUME = "flink-tls";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** Only with {@code security.tls}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().security().tls() != null;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        TlsSpec tls = ctx.spec().security().tls();
        List<Volume> volumes = List.of(volume(tls));
        Rendering out = in;
        for (Component c : List.of(Component.JOB_MANAGER, Component.TASK_MANAGER)) {
            out =
                    out.mapPod(
                            c,
                            draft ->
                                    WritableVolumes.add(
                                            draft,
                                            volumes,
                                            List.of(
                                                    WritableVolumes.mount(
                                                            VOLUME, TlsSpec.MOUNT_PATH, true))));
        }
        if (tls.restEnabled()) {
            boolean mutual = tls.restMutualAuthEnabled();
            out = out.mapPod(Component.JOB_MANAGER, draft -> restProbes(draft, mutual));
        }
        return out;
    }

    private static Volume volume(TlsSpec tls) {
        SecretVolumeSource secret = new SecretVolumeSource();
        secret.setSecretName(tls.secretName());
        secret.setItems(
                List.of(item(tls.effectiveKeystoreKey()), item(tls.effectiveTruststoreKey())));
        Volume volume = new Volume();
        volume.setName(VOLUME);
        volume.setSecret(secret);
        return volume;
    }

    private static KeyToPath item(String key) {
        KeyToPath item = new KeyToPath();
        item.setKey(key);
        item.setPath(key);
        return item;
    }

    private static PodDraft restProbes(PodDraft draft, boolean mutual) {
        Function<Probe, Probe> tls = p -> overTls(p, mutual);
        return draft.setOnMainContainer(
                (Container c) -> {
                    c.setStartupProbe(tls.apply(c.getStartupProbe()));
                    c.setReadinessProbe(tls.apply(c.getReadinessProbe()));
                    c.setLivenessProbe(tls.apply(c.getLivenessProbe()));
                });
    }

    /** The probe over TLS when it is an HTTP GET of the REST port; else as it is. */
    static Probe overTls(Probe probe, boolean mutual) {
        if (probe == null || probe.getHttpGet() == null || !isRestPort(probe.getHttpGet())) {
            return probe;
        }
        ProbeBuilder b = new ProbeBuilder(probe);
        if (mutual) {
            TCPSocketAction tcp = new TCPSocketAction();
            tcp.setPort(probe.getHttpGet().getPort());
            return b.withHttpGet(null).withTcpSocket(tcp).build();
        }
        return b.editHttpGet().withScheme("HTTPS").endHttpGet().build();
    }

    private static boolean isRestPort(HTTPGetAction get) {
        IntOrString port = get.getPort();
        return port != null
                && (FlinkPorts.REST_NAME.equals(port.getStrVal())
                        || Integer.valueOf(FlinkPorts.REST).equals(port.getIntVal()));
    }
}
