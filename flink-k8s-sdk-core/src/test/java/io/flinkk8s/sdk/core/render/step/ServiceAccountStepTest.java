package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import org.junit.jupiter.api.Test;

class ServiceAccountStepTest {

    private final ServiceAccountStep step = new ServiceAccountStep();

    @Test
    void appliesOnlyWithHighAvailabilityAndNoUserAccount() {
        RenderContext own =
                RenderFixtures.context(
                        RenderFixtures.statefulHaApplication()
                                .edit()
                                .serviceAccount("mine")
                                .build());

        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.statefulHaApplication())))
                .isTrue();
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.minimalApplication())))
                .isFalse();
        assertThat(step.appliesTo(own)).isFalse();
    }

    @Test
    void emitsTheSdkServiceAccountWithRbacLabels() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.statefulHaApplication());

        Rendering out = step.apply(ctx, RenderFixtures.inputFor(ServiceAccountStep.ID, ctx));

        var account =
                out.resource(new ResourceKey("ServiceAccount", "payments-flink")).orElseThrow();
        assertThat(account.getMetadata().getNamespace()).isEqualTo("streaming");
        assertThat(account.getMetadata().getLabels())
                .containsEntry(ResourceLabels.COMPONENT, "rbac");
    }
}
