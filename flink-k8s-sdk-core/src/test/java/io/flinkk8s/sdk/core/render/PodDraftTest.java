package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import org.junit.jupiter.api.Test;

class PodDraftTest {

    private static PodTemplateSpec template() {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                .addNewContainer()
                .withName("log-shipper")
                .endContainer()
                .addNewContainer()
                .withName(FlinkPorts.MAIN_CONTAINER)
                .withImage("from-template")
                .endContainer()
                .endSpec()
                .build();
    }

    @Test
    void theTemplateContainerNamedFlinkMainContainerBecomesTheMainContainer() {
        PodDraft draft = PodDraft.fromTemplate(template());

        assertThat(draft.mainContainer().getImage()).isEqualTo("from-template");
        assertThat(draft.pod().getSpec().getContainers())
                .extracting(Container::getName)
                .containsExactly("log-shipper");
    }

    @Test
    void aTemplateWithoutMainContainerGetsAnEmptyOne() {
        PodDraft draft = PodDraft.fromTemplate(new PodTemplateSpec());

        assertThat(draft.mainContainer().getName()).isEqualTo(FlinkPorts.MAIN_CONTAINER);
        assertThat(draft.pod().getSpec().getContainers()).isEmpty();
    }

    @Test
    void toTemplatePutsTheMainContainerFirst() {
        PodTemplateSpec t = PodDraft.fromTemplate(template()).toTemplate();

        assertThat(t.getSpec().getContainers())
                .extracting(Container::getName)
                .containsExactly(FlinkPorts.MAIN_CONTAINER, "log-shipper");
    }

    @Test
    void editsReturnNewDraftsAndCopiesCannotChangeTheDraft() {
        // given
        PodDraft draft = PodDraft.empty();
        // when
        PodDraft edited = draft.editMainContainer(c -> c.withImage("flink:2"));
        draft.mainContainer().setImage("mutated copy");
        draft.pod().getSpec().setHostname("mutated copy");
        // then
        assertThat(draft.mainContainer().getImage()).isNull();
        assertThat(draft.pod().getSpec().getHostname()).isNull();
        assertThat(edited.mainContainer().getImage()).isEqualTo("flink:2");
        assertThat(edited).isNotEqualTo(draft);
    }

    @Test
    void setOnEditsReturnNewDraftsAndLeaveTheDraftTheyCameFromUnchanged() {
        // given
        PodDraft draft = PodDraft.fromTemplate(template());
        String before = draft.toString();
        // when: set fields, and add to the copies' own lists and maps
        PodDraft edited =
                draft.setOnMainContainer(
                                c -> {
                                    c.setImage("flink:2");
                                    c.getEnv().add(new EnvVar("A", "1", null));
                                })
                        .setOnPodSpec(
                                s -> {
                                    s.setHostname("h");
                                    s.getContainers().clear();
                                })
                        .setOnPodMetadata(m -> m.getLabels().put("x", "y"));
        // then
        assertThat(draft.toString()).isEqualTo(before);
        assertThat(edited.mainContainer().getImage()).isEqualTo("flink:2");
        assertThat(edited.mainContainer().getEnv())
                .extracting(EnvVar::getName)
                .containsExactly("A");
        assertThat(edited.pod().getSpec().getHostname()).isEqualTo("h");
        assertThat(edited.pod().getSpec().getContainers()).isEmpty();
        assertThat(edited.pod().getMetadata().getLabels()).containsEntry("x", "y");
        assertThat(draft.pod().getSpec().getContainers()).hasSize(1);
    }

    @Test
    void aSharedTemplateIsTheTemplateWhoseMetadataAndSpecFieldsAreItsOwn() {
        // given
        PodDraft draft = PodDraft.fromTemplate(template()).setOnPodMetadata(m -> {});
        // when
        PodTemplateSpec shared = draft.toSharedTemplate();
        shared.getSpec().setServiceAccountName("mine");
        shared.getMetadata().getLabels().put("x", "y");
        shared.getSpec().getContainers().remove(1);
        // then
        assertThat(shared.getSpec().getContainers())
                .extracting(Container::getName)
                .containsExactly(FlinkPorts.MAIN_CONTAINER);
        assertThat(draft.toTemplate().getSpec().getServiceAccountName()).isNull();
        assertThat(draft.toTemplate().getMetadata().getLabels()).doesNotContainKey("x");
        assertThat(draft.toTemplate().getSpec().getContainers()).hasSize(2);
    }
}
