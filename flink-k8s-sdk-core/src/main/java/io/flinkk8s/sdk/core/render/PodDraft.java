package io.flinkk8s.sdk.core.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A JobManager or TaskManager pod being rendered: the pod (metadata and spec, with sidecars and
 * init containers) and, separately, its main container {@value FlinkPorts#MAIN_CONTAINER}. This is
 * Flink's {@code FlinkPod} idea: POD steps decorate the main container without searching for it,
 * and the ASSEMBLE steps put it first in the container list.
 *
 * <p>Immutable: the fabric8 objects are copied on the way in and out, and edits go through fabric8
 * builders that copy ({@link #editPod}, {@link #editMainContainer}).
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
