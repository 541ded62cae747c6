package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import java.time.Duration;

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
        return in.mapPod(
                        Component.JOB_MANAGER,
                        draft ->
                                probes(
                                        draft,
                                        p.jobManagerStartup(),
                                        p.jobManagerReadiness(),
                                        p.jobManagerLiveness()))
                .mapPod(
                        Component.TASK_MANAGER,
                        draft ->
                                probes(
                                        draft,
                                        p.taskManagerStartup(),
                                        p.taskManagerReadiness(),
                                        p.taskManagerLiveness()));
    }

    private static PodDraft probes(
            PodDraft draft, ProbeSpec startup, ProbeSpec readiness, ProbeSpec liveness) {
        // Every probe set here is a new object (a custom one is copied), so a one-level copy of
        // the container is enough.
        return draft.setOnMainContainer(
                c -> {
                    if (!startup.isDisabled()) {
                        c.setStartupProbe(ownProbe(startup));
                    }
                    if (!readiness.isDisabled()) {
                        c.setReadinessProbe(ownProbe(readiness));
                    }
                    if (!liveness.isDisabled()) {
                        c.setLivenessProbe(ownProbe(liveness));
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
