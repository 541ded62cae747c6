package io.flinkk8s.sdk.core.render.step;

import io.flinkk8s.sdk.core.naming.Component;
import java.util.List;

/** What several built-in steps share: the components that have pods. */
final class StepSupport {

    /** The components with a pod draft, JobManager first. */
    static final List<Component> POD_COMPONENTS =
            List.of(Component.JOB_MANAGER, Component.TASK_MANAGER);

    private StepSupport() {}
}
