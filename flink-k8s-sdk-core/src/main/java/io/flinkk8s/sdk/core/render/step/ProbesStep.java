package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The startup, readiness and liveness probes of the JobManager and TaskManager main containers,
 * from {@code probes} (see {@code ProbePolicy} for the defaults and why they check what they
 * check).
 *
 * <ul>
 *   <li><b>overwrites</b>: each enabled probe on the main container ({@code startupProbe}, {@code
 *       readinessProbe}, {@code livenessProbe}): an {@code httpGet}, {@code tcpSocket} or {@code
 *       exec} handler with the port by name or number as given, and {@code initialDelaySeconds},
 *       {@code periodSeconds}, {@code timeoutSeconds}, {@code successThreshold}, {@code
 *       failureThreshold}; a {@code custom} probe as given;
 *   <li><b>overwrites</b>, with {@code security.tls.rest}: the JobManager's HTTP GET probes of the
 *       REST port get {@code scheme: HTTPS}, or with {@code restMutualAuth} become {@code
 *       tcpSocket} checks of the same port with the same timings (the kubelet has no client
 *       certificate);
 *   <li><b>merges</b>: a probe turned off ({@code enabled: false}) leaves the pod template's probe
 *       of that kind in place, if it has one;
 *   <li><b>emits</b>: nothing; it only edits the pod drafts.
 * </ul>
 */
public final class ProbesStep implements RenderStep {

    /** {@code probes}. */
    public static final StepId ID = StepId.of("probes");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        ProbePolicy p = ctx.spec().probes();
        TlsSpec tls = ctx.spec().security().tls();
        UnaryOperator<Probe> rest =
                tls == null || !tls.restEnabled()
                        ? UnaryOperator.identity()
                        : probe -> overTls(probe, tls.restMutualAuthEnabled());
        return in.mapPod(
                        Component.JOB_MANAGER,
                        draft ->
                                probes(
                                        draft,
                                        p.jobManagerStartup(),
                                        p.jobManagerReadiness(),
                                        p.jobManagerLiveness(),
                                        rest))
                .mapPod(
                        Component.TASK_MANAGER,
                        draft ->
                                probes(
                                        draft,
                                        p.taskManagerStartup(),
                                        p.taskManagerReadiness(),
                                        p.taskManagerLiveness(),
                                        UnaryOperator.identity()));
    }

    private static PodDraft probes(
            PodDraft draft,
            ProbeSpec startup,
            ProbeSpec readiness,
            ProbeSpec liveness,
            UnaryOperator<Probe> rest) {
        // Every probe set here is a new object (a custom one is copied), so a one-level copy of
        // the container is enough.
        return draft.setOnMainContainer(
                c -> {
                    if (!startup.isDisabled()) {
                        c.setStartupProbe(rest.apply(ownProbe(startup)));
                    }
                    if (!readiness.isDisabled()) {
                        c.setReadinessProbe(rest.apply(ownProbe(readiness)));
                    }
                    if (!liveness.isDisabled()) {
                        c.setLivenessProbe(rest.apply(ownProbe(liveness)));
                    }
                });
    }

    /** {@link #probe}, with a custom probe copied so the rendering never shares the spec's. */
    private static Probe ownProbe(ProbeSpec p) {
        return p.custom() != null ? new ProbeBuilder(p.custom()).build() : probe(p);
    }

    /**
     * The Kubernetes probe of an effective (defaults applied) probe spec, for steps that put probes
     * on other pods (the operator target's {@code probes} step).
     */
    public static Probe probe(ProbeSpec p) {
        if (p.custom() != null) {
            return p.custom();
        }
        ProbeBuilder b =
                new ProbeBuilder()
                        .withInitialDelaySeconds(seconds(p.initialDelay()))
                        .withPeriodSeconds(seconds(p.period()))
                        .withTimeoutSeconds(seconds(p.timeout()))
                        .withSuccessThreshold(p.successThreshold())
                        .withFailureThreshold(p.failureThreshold());
        return switch (p.type()) {
            case HTTP_GET ->
                    b.withNewHttpGet()
                            .withPath(p.path())
                            .withPort(port(p.port()))
                            .endHttpGet()
                            .build();
            case TCP_SOCKET -> b.withNewTcpSocket().withPort(port(p.port())).endTcpSocket().build();
            case EXEC -> b.withNewExec().withCommand(p.command()).endExec().build();
        };
    }

    /**
     * With {@code security.tls.rest}: the probe over TLS when it is an HTTP GET of the REST port
     * ({@value FlinkPorts#REST_NAME} or {@value FlinkPorts#REST}), else as it is: {@code scheme:
     * HTTPS} (the kubelet does not verify the certificate), or with mutual authentication a {@code
     * tcpSocket} check of the same port with the same timings, as the kubelet has no client
     * certificate to present.
     */
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

    /** A port by number when the text is digits, else by name. */
    static IntOrString port(String port) {
        return port.chars().allMatch(Character::isDigit)
                ? new IntOrString(Integer.parseInt(port))
                : new IntOrString(port);
    }

    private static Integer seconds(Duration d) {
        return d == null ? null : Math.toIntExact(d.toSeconds());
    }
}
