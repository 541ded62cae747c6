package io.flinkk8s.sdk.core.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.internal.ShallowCopies;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A JobManager or TaskManager pod being rendered: the pod (metadata and spec, with sidecars and
 * init containers) and, separately, its main container {@value FlinkPorts#MAIN_CONTAINER}. This is
 * Flink's {@code FlinkPod} idea: POD steps decorate the main container without searching for it,
 * and the ASSEMBLE steps put it first in the container list.
 *
 * <p>Immutable: the fabric8 objects are copied on the way in and out, and never changed once a
 * draft holds them. Edits return new drafts, in one of two ways:
 *
 * <ul>
 *   <li>{@link #editPod} and {@link #editMainContainer} hand the edit a fabric8 builder over a deep
 *       copy: any edit is safe;
 *   <li>{@link #setOnMainContainer}, {@link #setOnPodSpec} and {@link #setOnPodMetadata} hand it a
 *       one-level copy (new lists and maps, shared elements and nested objects), many times
 *       cheaper, for edits that only set fields. Drafts share what such edits did not replace.
 * </ul>
 */
public final class PodDraft {

    private final Pod pod;
    private final Container mainContainer;

    private PodDraft(Pod pod, Container mainContainer) {
        this.pod = pod;
        this.mainContainer = mainContainer;
    }

    // Like every draft, never changed and never handed out: safe to share.
    private static final PodDraft EMPTY =
            new PodDraft(
                    new PodBuilder()
                            .withNewMetadata()
                            .endMetadata()
                            .withNewSpec()
                            .endSpec()
                            .build(),
                    new ContainerBuilder().withName(FlinkPorts.MAIN_CONTAINER).build());

    /** An empty pod and a main container that has only its name. */
    public static PodDraft empty() {
        return EMPTY;
    }

    /**
     * A draft from a pod template: its container named {@value FlinkPorts#MAIN_CONTAINER} becomes
     * the main container (a new one when there is none); every other container stays in the pod.
     */
    public static PodDraft fromTemplate(PodTemplateSpec template) {
        PodTemplateSpec t = new PodTemplateSpecBuilder(template).build();
        PodBuilder pod = new PodBuilder().withMetadata(t.getMetadata()).withSpec(t.getSpec());
        if (t.getMetadata() == null) {
            pod.withNewMetadata().endMetadata();
        }
        if (t.getSpec() == null) {
            pod.withNewSpec().endSpec();
        }
        Pod built = pod.build();
        Container main = new ContainerBuilder().withName(FlinkPorts.MAIN_CONTAINER).build();
        List<Container> others = new ArrayList<>();
        for (Container c : built.getSpec().getContainers()) {
            if (FlinkPorts.MAIN_CONTAINER.equals(c.getName())) {
                main = c;
            } else {
                others.add(c);
            }
        }
        built.getSpec().setContainers(others);
        return new PodDraft(built, main);
    }

    /** A copy of the pod, without the main container. */
    public Pod pod() {
        return new PodBuilder(pod).build();
    }

    /** A copy of the main container. */
    public Container mainContainer() {
        return new ContainerBuilder(mainContainer).build();
    }

    /** A draft whose pod is {@code edit} applied to a builder over a copy of this pod. */
    public PodDraft editPod(UnaryOperator<PodBuilder> edit) {
        return new PodDraft(edit.apply(new PodBuilder(pod)).build(), mainContainer);
    }

    /** A draft whose main container is {@code edit} applied to a builder over a copy of it. */
    public PodDraft editMainContainer(UnaryOperator<ContainerBuilder> edit) {
        return new PodDraft(pod, edit.apply(new ContainerBuilder(mainContainer)).build());
    }

    /**
     * A draft whose main container is a one-level copy of this one's with {@code setters} applied:
     * for edits that set fields, at a fraction of the cost of {@link #editMainContainer}, which
     * copies the whole container twice through a builder. The copy's lists and maps are its own;
     * the objects in them and every nested object (resources, security context, probes, ...) are
     * this draft's: replace them (set a new object or a list with new elements), never change them.
     * The built-in steps' contract test notices a step that does.
     */
    public PodDraft setOnMainContainer(Consumer<Container> setters) {
        Container copy = ShallowCopies.container(mainContainer);
        setters.accept(copy);
        return new PodDraft(pod, copy);
    }

    /**
     * A draft whose pod spec (its {@code containers} are the sidecars, without the main container)
     * is a one-level copy of this one's with {@code setters} applied; see {@link
     * #setOnMainContainer} for what may be changed.
     */
    public PodDraft setOnPodSpec(Consumer<PodSpec> setters) {
        PodSpec copy = pod.getSpec() == null ? new PodSpec() : ShallowCopies.podSpec(pod.getSpec());
        setters.accept(copy);
        Pod edited = ShallowCopies.pod(pod);
        edited.setSpec(copy);
        return new PodDraft(edited, mainContainer);
    }

    /**
     * A draft whose pod metadata is a one-level copy of this one's with {@code setters} applied;
     * see {@link #setOnMainContainer} for what may be changed.
     */
    public PodDraft setOnPodMetadata(Consumer<ObjectMeta> setters) {
        ObjectMeta copy =
                pod.getMetadata() == null
                        ? new ObjectMeta()
                        : ShallowCopies.objectMeta(pod.getMetadata());
        setters.accept(copy);
        Pod edited = ShallowCopies.pod(pod);
        edited.setMetadata(copy);
        return new PodDraft(edited, mainContainer);
    }

    /**
     * The pod as a template, like {@link #toTemplate}, without copying what is below the template's
     * metadata and spec: for a workload that an ASSEMBLE step builds and hands over with {@link
     * Rendering#withAdoptedResource}. The metadata and spec are one-level copies whose fields the
     * step may set (labels, service account, ...); the containers, volumes and every other object
     * below them are this draft's and must never be changed.
     */
    public PodTemplateSpec toSharedTemplate() {
        ObjectMeta metadata =
                pod.getMetadata() == null ? null : ShallowCopies.objectMeta(pod.getMetadata());
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : ShallowCopies.podSpec(pod.getSpec());
        List<Container> sidecars = spec.getContainers() == null ? List.of() : spec.getContainers();
        List<Container> containers = new ArrayList<>(1 + sidecars.size());
        containers.add(mainContainer);
        containers.addAll(sidecars);
        spec.setContainers(containers);
        return new PodTemplateSpec(metadata, spec);
    }

    /**
     * The pod as a template, the main container first and then the pod's other containers. The
     * template is a new deep copy that the caller owns and may change.
     */
    public PodTemplateSpec toTemplate() {
        Pod copy = pod();
        List<Container> sidecars = copy.getSpec().getContainers();
        List<Container> containers = new ArrayList<>(1 + sidecars.size());
        containers.add(mainContainer());
        containers.addAll(sidecars);
        copy.getSpec().setContainers(containers);
        // The copy is ours: wrap it rather than copy it again through a template builder.
        return new PodTemplateSpec(copy.getMetadata(), copy.getSpec());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PodDraft other
                && pod.equals(other.pod)
                && mainContainer.equals(other.mainContainer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pod, mainContainer);
    }

    @Override
    public String toString() {
        return "PodDraft[pod=" + pod + ", mainContainer=" + mainContainer + "]";
    }
}
