package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.RenderContext;
import java.util.List;
import java.util.TreeMap;

/** What several built-in steps share: object metadata and the components that have pods. */
final class StepSupport {

    /** The components with a pod draft, JobManager first. */
    static final List<Component> POD_COMPONENTS =
            List.of(Component.JOB_MANAGER, Component.TASK_MANAGER);

    private StepSupport() {}

    /**
     * Metadata every rendered object carries: {@code name}, the spec's namespace, the common labels
     * of {@code component} and the spec's annotations.
     */
    static ObjectMeta metadata(RenderContext ctx, String name, Component component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(ctx.spec().namespace())
                .withLabels(ctx.labels().common(component))
                .withAnnotations(new TreeMap<>(ctx.spec().annotations()))
                .build();
    }
}
