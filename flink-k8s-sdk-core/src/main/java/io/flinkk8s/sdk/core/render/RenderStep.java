package io.flinkk8s.sdk.core.render;

/**
 * One concern of rendering, such as the pod security context or the Services. A step is a pure
 * function: it reads the {@link RenderContext} and the {@link Rendering} handed to it and returns a
 * new {@link Rendering}; it never mutates its input, and never reads the environment, files, a
 * clock or a cluster. Edit fabric8 objects only through {@code new XBuilder(existing)}, or by
 * setting fields on the one-level copies {@link PodDraft#setOnMainContainer} and its siblings hand
 * out, never changing an object such a copy shares.
 *
 * <p>Each step's class Javadoc says what it owns, what it overwrites, what it merges and what it
 * emits. Built-in steps live in {@code io.flinkk8s.sdk.core.render.step}; callers add, drop or
 * replace steps through {@link RenderPipeline}.
 */
public interface RenderStep {

    /** The stable id used to drop or replace this step, e.g. {@code pod-security}. */
    StepId id();

    /** When this step runs; see {@link Phase} for what a step of each phase may touch. */
    Phase phase();

    /**
     * Whether this step has anything to do for {@code ctx}, e.g. only with high availability. A
     * named condition keeps {@link #apply} free of early returns. Defaults to {@code true}.
     */
    default boolean appliesTo(RenderContext ctx) {
        return true;
    }

    /**
     * The rendering after this step: a new value; {@code in} is left untouched.
     *
     * @param ctx the effective spec and the names and labels derived from it
     * @param in what earlier steps produced
     */
    Rendering apply(RenderContext ctx, Rendering in);
}
