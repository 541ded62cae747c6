package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
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
}
