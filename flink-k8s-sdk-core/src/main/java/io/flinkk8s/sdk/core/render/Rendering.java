package io.flinkk8s.sdk.core.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.internal.KubeCopies;
import io.flinkk8s.sdk.core.naming.Component;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.ConfigOption;

/**
 * The state the steps of a {@link RenderPipeline} pass along: the Flink config draft, the
 * JobManager and TaskManager pod drafts, the objects emitted so far (in emission order, keyed by
 * {@link ResourceKey}) and the advisories. Immutable: every operation returns a copy, and fabric8
 * objects are copied on the way in (unless a step hands one over, {@link #withAdoptedResource}) and
 * on the way out.
 *
 * <p>The pod drafts exist only from the POD phase on; CONFIGURE steps are handed a rendering
 * without them.
 */
public final class Rendering {

    private static final Rendering EMPTY =
            new Rendering(FlinkConfigDraft.empty(), null, null, new Emitted[0], List.of(), null);

    private final FlinkConfigDraft config;
    private final PodDraft jobManagerPod;
    private final PodDraft taskManagerPod;
    // In emission order; never changed: an emission copies this short array.
    private final Emitted[] resources;
    private final List<Advisory> advisories;
    private final StepId currentStep;

    /** An object, its key and the step that emitted it (null when emitted outside a pipeline). */
    private record Emitted(ResourceKey key, HasMetadata object, StepId step) {}

    private Rendering(
            FlinkConfigDraft config,
            PodDraft jobManagerPod,
            PodDraft taskManagerPod,
            Emitted[] resources,
            List<Advisory> advisories,
            StepId currentStep) {
        this.config = config;
        this.jobManagerPod = jobManagerPod;
        this.taskManagerPod = taskManagerPod;
        this.resources = resources;
        this.advisories = advisories;
        this.currentStep = currentStep;
    }

    /** Nothing rendered yet: an empty config draft, no pod drafts, no objects, no advisories. */
    public static Rendering empty() {
        return EMPTY;
    }

    /** The Flink configuration so far. */
    public FlinkConfigDraft config() {
        return config;
    }

    /** A copy with {@code option} set to {@code value} in the config draft. */
    public <T> Rendering withConfig(ConfigOption<T> option, T value) {
        return mapConfig(c -> c.with(option, value));
    }

    /** A copy whose config draft is {@code edit} applied to this one. */
    public Rendering mapConfig(UnaryOperator<FlinkConfigDraft> edit) {
        FlinkConfigDraft edited = Objects.requireNonNull(edit.apply(config), "edited config");
        return new Rendering(
                edited, jobManagerPod, taskManagerPod, resources, advisories, currentStep);
    }

    /** Whether the pod drafts exist, i.e. this rendering is past the CONFIGURE phase. */
    public boolean hasPodDrafts() {
        return jobManagerPod != null && taskManagerPod != null;
    }

    /**
     * The JobManager pod draft.
     *
     * @throws IllegalStateException when called before the POD phase (a step in the wrong phase)
     */
    public PodDraft jobManagerPod() {
        return podDraft(Component.JOB_MANAGER);
    }

    /**
     * The TaskManager pod draft.
     *
     * @throws IllegalStateException when called before the POD phase (a step in the wrong phase)
     */
    public PodDraft taskManagerPod() {
        return podDraft(Component.TASK_MANAGER);
    }

    /**
     * The pod draft of {@code component}, {@link Component#JOB_MANAGER} or {@link
     * Component#TASK_MANAGER}.
     *
     * @throws IllegalStateException when called before the POD phase (a step in the wrong phase)
     */
    public PodDraft podDraft(Component component) {
        if (!hasPodDrafts()) {
            throw new IllegalStateException(
                    "SDK bug or misplaced step"
                            + (currentStep == null ? "" : " '" + currentStep + "'")
                            + ": pod drafts exist only from the POD phase on; a CONFIGURE step"
                            + " must not read or edit pods");
        }
        return switch (component) {
            case JOB_MANAGER -> jobManagerPod;
            case TASK_MANAGER -> taskManagerPod;
            default ->
                    throw new IllegalArgumentException(
                            "only JOB_MANAGER and TASK_MANAGER have pods, was " + component);
        };
    }

    /** A copy whose JobManager pod draft is {@code edit} applied to this one. */
    public Rendering mapJobManagerPod(UnaryOperator<PodDraft> edit) {
        return mapPod(Component.JOB_MANAGER, edit);
    }

    /** A copy whose TaskManager pod draft is {@code edit} applied to this one. */
    public Rendering mapTaskManagerPod(UnaryOperator<PodDraft> edit) {
        return mapPod(Component.TASK_MANAGER, edit);
    }

    /** A copy whose pod draft of {@code component} is {@code edit} applied to this one. */
    public Rendering mapPod(Component component, UnaryOperator<PodDraft> edit) {
        PodDraft edited = Objects.requireNonNull(edit.apply(podDraft(component)), "edited pod");
        return component == Component.JOB_MANAGER
                ? new Rendering(config, edited, taskManagerPod, resources, advisories, currentStep)
                : new Rendering(config, jobManagerPod, edited, resources, advisories, currentStep);
    }

    /** A copy with both pod drafts replaced; the pipeline starts the POD phase with empty ones. */
    public Rendering withPodDrafts(PodDraft jobManager, PodDraft taskManager) {
        return new Rendering(
                config,
                Objects.requireNonNull(jobManager, "jobManager"),
                Objects.requireNonNull(taskManager, "taskManager"),
                resources,
                advisories,
                currentStep);
    }

    /** A copy without pod drafts, as a CONFIGURE step sees it. */
    public Rendering withoutPodDrafts() {
        return new Rendering(config, null, null, resources, advisories, currentStep);
    }

    /**
     * A copy with {@code object} (copied) added after the objects emitted so far.
     *
     * @throws IllegalStateException when an object of the same kind and name was emitted before;
     *     that is an SDK bug (two steps claim one object), and the message names both steps
     */
    public Rendering withResource(HasMetadata object) {
        return add(object, KubeCopies.copy(object));
    }

    /**
     * A copy with {@code object} itself (not a copy) added after the objects emitted so far: for a
     * step that built {@code object} and hands it over, cheaper than {@link #withResource} for
     * large objects such as workloads. Neither the step nor anyone else may change {@code object}
     * or anything it refers to afterwards; a rendering only ever hands out copies of it. It may
     * share parts with a pod draft (see {@link PodDraft#toSharedTemplate}), which never changes
     * either.
     *
     * @throws IllegalStateException when an object of the same kind and name was emitted before, as
     *     {@link #withResource} does
     */
    public Rendering withAdoptedResource(HasMetadata object) {
        return add(object, object);
    }

    private Rendering add(HasMetadata object, HasMetadata kept) {
        ResourceKey key = ResourceKey.of(object);
        Emitted earlier = emitted(key);
        if (earlier != null) {
            throw new IllegalStateException(
                    "SDK bug: step '"
                            + currentStep
                            + "' emitted "
                            + key
                            + ", which step '"
                            + earlier.step()
                            + "' already emitted; each object must have exactly one owner step");
        }
        Emitted[] copy = Arrays.copyOf(resources, resources.length + 1);
        copy[resources.length] = new Emitted(key, kept, currentStep);
        return new Rendering(config, jobManagerPod, taskManagerPod, copy, advisories, currentStep);
    }

    private Emitted emitted(ResourceKey key) {
        for (Emitted e : resources) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    /** Copies of the emitted objects, in emission order. */
    public List<HasMetadata> resources() {
        List<HasMetadata> copies = new ArrayList<>(resources.length);
        for (Emitted e : resources) {
            copies.add(KubeCopies.copy(e.object()));
        }
        return Collections.unmodifiableList(copies);
    }

    /** The emitted objects themselves, for {@link RenderedResources}, which never changes them. */
    List<HasMetadata> emittedObjects() {
        List<HasMetadata> objects = new ArrayList<>(resources.length);
        for (Emitted e : resources) {
            objects.add(e.object());
        }
        return objects;
    }

    /** The keys of the emitted objects, in emission order. */
    public Set<ResourceKey> resourceKeys() {
        Set<ResourceKey> keys = new LinkedHashSet<>();
        for (Emitted e : resources) {
            keys.add(e.key());
        }
        return Collections.unmodifiableSet(keys);
    }

    /** A copy of the object emitted under {@code key}, if any. */
    public Optional<HasMetadata> resource(ResourceKey key) {
        Emitted e = emitted(key);
        return e == null ? Optional.empty() : Optional.of(KubeCopies.copy(e.object()));
    }

    /** The step that emitted the object under {@code key}, if it was emitted in a pipeline. */
    public Optional<StepId> emitterOf(ResourceKey key) {
        Emitted e = emitted(key);
        return e == null ? Optional.empty() : Optional.ofNullable(e.step());
    }

    /** The advisories so far, in the order they were added. */
    public List<Advisory> advisories() {
        return advisories;
    }

    /** A copy with {@code advisory} added. */
    public Rendering withAdvisory(Advisory advisory) {
        List<Advisory> copy = new ArrayList<>(advisories);
        copy.add(Objects.requireNonNull(advisory, "advisory"));
        return new Rendering(
                config,
                jobManagerPod,
                taskManagerPod,
                resources,
                Collections.unmodifiableList(copy),
                currentStep);
    }

    /**
     * A copy in which {@code step} is the step at work, so that a duplicate object names both
     * steps. The pipeline calls this before each step (and with null after the last); a step test
     * may too.
     */
    public Rendering attributedTo(StepId step) {
        return new Rendering(config, jobManagerPod, taskManagerPod, resources, advisories, step);
    }

    /** The step at work, if any. */
    public Optional<StepId> currentStep() {
        return Optional.ofNullable(currentStep);
    }

    /** Renderings are equal when config, pod drafts, objects and advisories are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Rendering other
                && config.equals(other.config)
                && Objects.equals(jobManagerPod, other.jobManagerPod)
                && Objects.equals(taskManagerPod, other.taskManagerPod)
                && objects().equals(other.objects())
                && advisories.equals(other.advisories);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, jobManagerPod, taskManagerPod, objects(), advisories);
    }

    private Map<ResourceKey, HasMetadata> objects() {
        Map<ResourceKey, HasMetadata> objects = new LinkedHashMap<>();
        for (Emitted e : resources) {
            objects.put(e.key(), e.object());
        }
        return objects;
    }

    @Override
    public String toString() {
        return "Rendering[config="
                + config.asMap().keySet()
                + ", podDrafts="
                + hasPodDrafts()
                + ", resources="
                + resourceKeys()
                + ", advisories="
                + advisories
                + "]";
    }
}
