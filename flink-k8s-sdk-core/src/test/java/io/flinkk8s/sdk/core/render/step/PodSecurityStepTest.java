package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodSecurityStepTest {

    private final PodSecurityStep step = new PodSecurityStep();

    private static Rendering withSidecarAndInitContainer(Rendering in) {
        return in.mapJobManagerPod(
                d ->
                        d.editPod(
                                        p ->
                                                p.editSpec()
                                                        .addNewContainer()
                                                        .withName("sidecar")
                                                        .endContainer()
                                                        .addNewInitContainer()
                                                        .withName("init")
                                                        .endInitContainer()
                                                        .endSpec())
                                .editMainContainer(
                                        c ->
                                                c.withNewSecurityContext()
                                                        .withReadOnlyRootFilesystem(true)
                                                        .endSecurityContext()));
    }

    @Test
    void everyContainerGetsTheRestrictedFieldsAndKeepsItsOthers() {
        // given
        RenderContext ctx = RenderFixtures.context(RenderFixtures.minimalApplication());
        Rendering in =
                withSidecarAndInitContainer(RenderFixtures.inputFor(PodSecurityStep.ID, ctx));
        // when
        PodDraft jm = step.apply(ctx, in).jobManagerPod();
        // then
        Pod pod = jm.pod();
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(9999L);
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType())
                .isEqualTo("RuntimeDefault");
        assertThat(jm.mainContainer().getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        for (Container c :
                List.of(
                        jm.mainContainer(),
                        pod.getSpec().getContainers().get(0),
                        pod.getSpec().getInitContainers().get(0))) {
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation())
                    .as(c.getName())
                    .isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(c.getSecurityContext().getSeccompProfile().getType())
                    .isEqualTo("RuntimeDefault");
        }
    }

    @Test
    void usesTheUserAndGroupsOfTheSpec() {
        RenderContext ctx =
                RenderFixtures.context(
                        RenderFixtures.minimalApplication()
                                .edit()
                                .security(new SecuritySpec(null, 1000L, 2000L, 3000L))
                                .build());

        var pod =
                step.apply(ctx, RenderFixtures.inputFor(PodSecurityStep.ID, ctx))
                        .taskManagerPod()
                        .pod()
                        .getSpec()
                        .getSecurityContext();

        assertThat(pod.getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getRunAsGroup()).isEqualTo(2000L);
        assertThat(pod.getFsGroup()).isEqualTo(3000L);
    }

    @Test
    void doesNotApplyWithPodSecurityNone() {
        RenderContext ctx =
                RenderFixtures.context(
                        RenderFixtures.minimalApplication()
                                .edit()
                                .security(new SecuritySpec(PodSecurity.NONE, null, null, null))
                                .build());

        assertThat(step.appliesTo(ctx)).isFalse();
    }
}
