package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.RenderContext;
import java.util.LinkedHashMap;
import java.util.List;

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
        // Built directly, as the steps build their objects: fabric8's builders cost more than the
        // objects, and every built-in step's output is one render's own.
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setNamespace(ctx.spec().namespace());
        metadata.setLabels(new LinkedHashMap<>(ctx.labels().common(component)));
        // A spec's maps are sorted already (it copies them into sorted maps).
        metadata.setAnnotations(new LinkedHashMap<>(ctx.spec().annotations()));
        return metadata;
    }
}
