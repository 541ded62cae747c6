package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contract every render step keeps (STYLE.md B5/B9): the input is not changed, two runs give
 * equal output, every emitted object has a name, a namespace and the recommended labels, and no
 * object is emitted twice.
 */
public final class StepContract {

    private StepContract() {}

    /** Checks the contract of {@code step} on {@code input} in {@code ctx}. */
    public static void check(RenderStep step, RenderContext ctx, Rendering input) {
        // given
        String before = RenderFixtures.snapshot(input);
        // when
        Rendering first = step.apply(ctx, input.attributedTo(step.id()));
        Rendering second = step.apply(ctx, input.attributedTo(step.id()));
        // then
        assertThat(RenderFixtures.snapshot(input))
                .as("step '%s' must not change its input", step.id())
                .isEqualTo(before);
        assertThat(RenderFixtures.snapshot(second))
                .as("step '%s' must be deterministic", step.id())
                .isEqualTo(RenderFixtures.snapshot(first));
        List<HasMetadata> emitted = first.resources();
        Set<ResourceKey> keys = new HashSet<>();
        for (HasMetadata o : emitted) {
            assertThat(keys.add(ResourceKey.of(o)))
                    .as("emitted once: %s", ResourceKey.of(o))
                    .isTrue();
            assertThat(o.getMetadata().getName()).as("name of %s", o.getKind()).isNotBlank();
            assertThat(o.getMetadata().getNamespace())
                    .as("namespace of %s", ResourceKey.of(o))
                    .isEqualTo(ctx.spec().namespace());
            assertThat(o.getMetadata().getLabels())
                    .as("labels of %s", ResourceKey.of(o))
                    .containsKeys(
                            ResourceLabels.NAME,
                            ResourceLabels.INSTANCE,
                            ResourceLabels.COMPONENT,
                            ResourceLabels.VERSION,
                            ResourceLabels.MANAGED_BY);
        }
    }
}
