package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodTemplatesTest {

    private static PodTemplateSpec base() {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                .withNodeSelector(Map.of("pool", "flink"))
                .addNewToleration("NoSchedule", "base", "Exists", null, null)
                .addNewContainer()
                .withName("main")
                .withArgs("base")
                .withNewResources()
                .addToLimits("cpu", new Quantity("4"))
                .addToLimits("nvidia.com/gpu", new Quantity("1"))
                .endResources()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/a")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/b")
                .endVolumeMount()
                .endContainer()
                .addNewContainer()
                .withName("sidecar")
                .endContainer()
                .endSpec()
                .build();
    }

    private static PodTemplateSpec overlay() {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                .addNewToleration("NoSchedule", "overlay", "Exists", null, null)
                .addNewContainer()
                .withName("main")
                .withArgs("overlay")
                .withNewResources()
                .addToLimits("cpu", new Quantity("1"))
                .endResources()
                .addNewVolumeMount()
                .withName("conf")
                .withMountPath("/b")
                .endVolumeMount()
                .endContainer()
                .addNewContainer()
                .withName("another")
                .endContainer()
                .endSpec()
                .build();
    }

    @Test
    void objectsMergeFieldByFieldAndTheOverlayWins() {
        Container main = PodTemplates.merge(base(), overlay()).getSpec().getContainers().get(0);

        assertThat(main.getResources().getLimits())
                .containsEntry("cpu", new Quantity("1"))
                .containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(main.getArgs()).containsExactly("overlay");
    }

    @Test
    void namedListsMergeByKeyBaseOrderFirst() {
        PodTemplateSpec merged = PodTemplates.merge(base(), overlay());

        assertThat(merged.getSpec().getContainers())
                .extracting(Container::getName)
                .containsExactly("main", "sidecar", "another");
        assertThat(merged.getSpec().getContainers().get(0).getVolumeMounts())
                .extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .containsExactly(tuple("data", "/a"), tuple("conf", "/b"));
    }

    @Test
    void otherListsAreReplacedAndUnsetFieldsKept() {
        PodTemplateSpec merged = PodTemplates.merge(base(), overlay());

        assertThat(merged.getSpec().getTolerations()).hasSize(1);
        assertThat(merged.getSpec().getTolerations().get(0).getKey()).isEqualTo("overlay");
        assertThat(merged.getSpec().getNodeSelector()).containsEntry("pool", "flink");
    }

    @Test
    void neitherInputIsChanged() {
        PodTemplateSpec base = base();
        PodTemplateSpec overlay = overlay();

        PodTemplates.merge(base, overlay);

        assertThat(base).isEqualTo(base());
        assertThat(overlay).isEqualTo(overlay());
        assertThat(PodTemplates.merge(null, overlay)).isEqualTo(overlay()).isNotSameAs(overlay);
    }
}
