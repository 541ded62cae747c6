package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacStepTest {

    private final RbacStep step = new RbacStep();

    @Test
    void appliesExactlyWhenTheSdkRendersItsServiceAccount() {
        for (var spec : RenderFixtures.samples().values()) {
            RenderContext ctx = RenderFixtures.context(spec);

            assertThat(step.appliesTo(ctx)).isEqualTo(new ServiceAccountStep().appliesTo(ctx));
        }
    }

    @Test
    void grantsOnlyConfigMapVerbsInTheNamespace() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.statefulHaApplication());

        Rendering out = step.apply(ctx, RenderFixtures.inputFor(RbacStep.ID, ctx));

        Role role = (Role) out.resource(new ResourceKey("Role", "payments-flink-ha")).orElseThrow();
        assertThat(role.getMetadata().getNamespace()).isEqualTo("streaming");
        assertThat(role.getRules())
                .extracting(PolicyRule::getApiGroups, PolicyRule::getResources)
                .containsExactly(tuple(List.of(""), List.of("configmaps")));
        assertThat(role.getRules().get(0).getVerbs())
                .containsExactly("get", "list", "watch", "create", "update", "patch", "delete");
    }

    @Test
    void bindsTheRoleToTheSdkServiceAccount() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.statefulHaApplication());

        Rendering out = step.apply(ctx, RenderFixtures.inputFor(RbacStep.ID, ctx));

        RoleBinding binding =
                (RoleBinding)
                        out.resource(new ResourceKey("RoleBinding", "payments-flink-ha"))
                                .orElseThrow();
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo("payments-flink-ha");
        assertThat(binding.getSubjects())
                .extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(tuple("ServiceAccount", "payments-flink", "streaming"));
    }
}
