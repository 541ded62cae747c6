package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

class RenderingTest {

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .addToData("k", "v")
                .build();
    }

    @Test
    void everyOperationReturnsACopyAndLeavesTheOriginalUnchanged() {
        // given
        Rendering empty = Rendering.empty();
        // when
        Rendering changed =
                empty.withConfig(TaskManagerOptions.NUM_TASK_SLOTS, 2)
                        .withPodDrafts(PodDraft.empty(), PodDraft.empty())
                        .mapJobManagerPod(d -> d.editMainContainer(c -> c.withImage("flink:2")))
                        .withResource(configMap("a"))
                        .withAdvisory(new Advisory("x", "y"));
        // then
        assertThat(empty.config().isEmpty()).isTrue();
        assertThat(empty.hasPodDrafts()).isFalse();
        assertThat(empty.resources()).isEmpty();
        assertThat(empty.advisories()).isEmpty();
        assertThat(changed.config().get(TaskManagerOptions.NUM_TASK_SLOTS)).contains(2);
        assertThat(changed.jobManagerPod().mainContainer().getImage()).isEqualTo("flink:2");
        assertThat(changed.taskManagerPod().mainContainer().getImage()).isNull();
        assertThat(changed.resourceKeys()).containsExactly(new ResourceKey("ConfigMap", "a"));
    }

    @Test
    void emittedObjectsAreCopiedInAndOut() {
        // given
        ConfigMap mine = configMap("a");
        Rendering r = Rendering.empty().withResource(mine);
        // when
        mine.getData().put("k", "changed after emitting");
        HasMetadata handedOut = r.resources().get(0);
        ((ConfigMap) handedOut).getData().put("k", "changed by a reader");
        // then
        assertThat(((ConfigMap) r.resources().get(0)).getData()).containsEntry("k", "v");
    }

    @Test
    void anAdoptedObjectIsKeptAsItIsAndHandedOutOnlyAsCopies() {
        // given
        ConfigMap mine = configMap("a");
        Rendering r = Rendering.empty().withAdoptedResource(mine);
        // when
        HasMetadata handedOut = r.resources().get(0);
        ((ConfigMap) handedOut).getData().put("k", "changed by a reader");
        // then
        assertThat(r.emittedObjects()).singleElement().isSameAs(mine);
        assertThat(((ConfigMap) r.resource(ResourceKey.of(mine)).orElseThrow()).getData())
                .containsEntry("k", "v");
    }

    @Test
    void anAdoptedObjectOfAKindAndNameEmittedBeforeIsRejectedLikeAnyOther() {
        Rendering r =
                Rendering.empty()
                        .attributedTo(StepId.of("first"))
                        .withResource(configMap("a"))
                        .attributedTo(StepId.of("second"));

        assertThatThrownBy(() -> r.withAdoptedResource(configMap("a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'first'")
                .hasMessageContaining("'second'");
    }

    @Test
    void aSecondObjectOfTheSameKindAndNameNamesBothSteps() {
        Rendering first =
                Rendering.empty().attributedTo(StepId.of("services")).withResource(configMap("a"));

        assertThatThrownBy(
                        () -> first.attributedTo(StepId.of("my-step")).withResource(configMap("a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SDK bug")
                .hasMessageContaining("'my-step'")
                .hasMessageContaining("'services'")
                .hasMessageContaining("ConfigMap/a");
    }

    @Test
    void podDraftsAreUnavailableBeforeThePodPhase() {
        Rendering configurePhase = Rendering.empty().attributedTo(StepId.of("flink-config"));

        assertThatThrownBy(configurePhase::jobManagerPod)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'flink-config'")
                .hasMessageContaining("POD phase");
    }

    @Test
    void recordsWhichStepEmittedAnObject() {
        Rendering r =
                Rendering.empty().attributedTo(StepId.of("services")).withResource(configMap("a"));

        assertThat(r.emitterOf(new ResourceKey("ConfigMap", "a"))).contains(StepId.of("services"));
    }
}
