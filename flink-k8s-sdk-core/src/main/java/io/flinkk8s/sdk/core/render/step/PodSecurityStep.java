package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.flinkk8s.sdk.core.internal.ShallowCopies;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Security contexts that pass the Kubernetes {@code restricted} Pod Security Standard, unless
 * {@code security.podSecurity} is {@code none}. A pod passes only if every container does, so the
 * container fields are set on the main container, the sidecars and the init containers alike.
 *
 * <ul>
 *   <li><b>overwrites</b>, pod {@code securityContext}: {@code runAsNonRoot: true}, {@code
 *       runAsUser}, {@code runAsGroup} and {@code fsGroup} from {@code security} (9999, the
 *       official image's {@code flink} user, by default), {@code seccompProfile.type:
 *       RuntimeDefault};
 *   <li><b>overwrites</b>, every container's {@code securityContext}: {@code
 *       allowPrivilegeEscalation: false}, {@code capabilities.drop: [ALL]}, {@code runAsNonRoot:
 *       true}, {@code seccompProfile.type: RuntimeDefault};
 *   <li><b>merges</b>: every other security field of the pod template is kept (e.g. {@code
 *       readOnlyRootFilesystem}, {@code capabilities.add}); it is the template author's job to keep
 *       those within the standard;
 *   <li><b>emits</b>: nothing; it only edits the pod drafts.
 * </ul>
 */
public final class PodSecurityStep implements RenderStep {

    /** {@code pod-security}. */
    public static final StepId ID = StepId.of("pod-security");

    static final String RUNTIME_DEFAULT = "RuntimeDefault";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** Unless {@code security.podSecurity} is {@code none}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().security().podSecurity() != PodSecurity.NONE;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        Rendering out = in;
        for (Component c : StepSupport.POD_COMPONENTS) {
            out = out.mapPod(c, draft -> restrict(ctx.spec().security(), draft));
        }
        return out;
    }

    private static PodDraft restrict(SecuritySpec security, PodDraft draft) {
        return draft.setOnMainContainer(c -> c.setSecurityContext(restrict(c.getSecurityContext())))
                .setOnPodSpec(
                        spec -> {
                            spec.setContainers(restrictAll(spec.getContainers()));
                            spec.setInitContainers(restrictAll(spec.getInitContainers()));
                            spec.setSecurityContext(restrict(security, spec.getSecurityContext()));
                        });
    }

    private static PodSecurityContext restrict(SecuritySpec security, PodSecurityContext given) {
        if (given == null) {
            // Built directly: nothing to keep, and builders cost more than the objects.
            PodSecurityContext restricted = new PodSecurityContext();
            restricted.setRunAsNonRoot(true);
            restricted.setRunAsUser(security.runAsUser());
            restricted.setRunAsGroup(security.runAsGroup());
            restricted.setFsGroup(security.fsGroup());
            restricted.setSeccompProfile(runtimeDefault());
            return restricted;
        }
        return new PodSecurityContextBuilder(given)
                .withRunAsNonRoot(true)
                .withRunAsUser(security.runAsUser())
                .withRunAsGroup(security.runAsGroup())
                .withFsGroup(security.fsGroup())
                .editOrNewSeccompProfile()
                .withType(RUNTIME_DEFAULT)
                .endSeccompProfile()
                .build();
    }

    private static List<Container> restrictAll(List<Container> containers) {
        List<Container> restricted = new ArrayList<>(containers == null ? 0 : containers.size());
        if (containers != null) {
            for (Container c : containers) {
                Container copy = ShallowCopies.container(c);
                copy.setSecurityContext(restrict(c.getSecurityContext()));
                restricted.add(copy);
            }
        }
        return restricted;
    }

    private static SecurityContext restrict(SecurityContext given) {
        if (given == null) {
            // Built directly: nothing to keep, and three builders cost more than the objects.
            Capabilities capabilities = new Capabilities();
            capabilities.setDrop(new ArrayList<>(List.of("ALL")));
            SecurityContext restricted = new SecurityContext();
            restricted.setAllowPrivilegeEscalation(false);
            restricted.setRunAsNonRoot(true);
            restricted.setCapabilities(capabilities);
            restricted.setSeccompProfile(runtimeDefault());
            return restricted;
        }
        return new SecurityContextBuilder(given)
                .withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(true)
                .editOrNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .editOrNewSeccompProfile()
                .withType(RUNTIME_DEFAULT)
                .endSeccompProfile()
                .build();
    }

    private static SeccompProfile runtimeDefault() {
        SeccompProfile seccomp = new SeccompProfile();
        seccomp.setType(RUNTIME_DEFAULT);
        return seccomp;
    }
}
