package io.flinkk8s.sdk.core.render;

/**
 * When a {@link RenderStep} runs. The pipeline runs the phases in declaration order and, within a
 * phase, the steps in pipeline order. It enforces the boundaries: a step never sees what a later
 * phase writes, and never changes what an earlier phase has finished.
 */
public enum Phase {
    /**
     * Adds Flink configuration entries. Steps are handed a {@link Rendering} without pod drafts and
     * may change nothing but the config draft and advisories.
     */
    CONFIGURE,
    /**
     * Decorates the JobManager and TaskManager pod drafts. The config draft is final from here on.
     */
    POD,
    /**
     * Turns the drafts into workloads and writes the ConfigMap from the final config draft. The pod
     * drafts are final from here on.
     */
    ASSEMBLE,
    /** Adds the objects that accompany the workloads: Services, RBAC, and later HPA, PDB, etc. */
    ACCOMPANY
}
