package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import org.junit.jupiter.api.Test;

class PodBaseStepTest {

    private static final RenderContext CTX =
            RenderFixtures.context(RenderFixtures.statefulHaApplication());

    private static Rendering apply(Rendering in) {
        return new PodBaseStep().apply(CTX, in);
    }

    @Test
    void setsImageAndResourcesAsRequestsAndLimits() {
        Container tm =
                apply(RenderFixtures.inputFor(PodBaseStep.ID, CTX))
                        .taskManagerPod()
                        .mainContainer();

        assertThat(tm.getName()).isEqualTo(FlinkPorts.MAIN_CONTAINER);
        assertThat(tm.getImage()).isEqualTo("registry.example.com/payments:1.4.2");
        assertThat(tm.getImagePullPolicy()).isEqualTo("Always");
        assertThat(tm.getResources().getRequests())
                .isEqualTo(tm.getResources().getLimits())
                .containsEntry("cpu", new Quantity("1500m"))
                .containsEntry("memory", new Quantity("4Gi"))
                .containsEntry("ephemeral-storage", new Quantity("10Gi"));
    }

    @Test
    void exposesTheFlinkPortsByName() {
        Rendering out = apply(RenderFixtures.inputFor(PodBaseStep.ID, CTX));

        assertThat(out.jobManagerPod().mainContainer().getPorts())
                .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(
                        tuple("rpc", 6123), tuple("blob-server", 6124), tuple("rest", 8081));
        assertThat(out.taskManagerPod().mainContainer().getPorts())
                .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(tuple("rpc", 6122));
    }

    @Test
    void aTemplatePortWithAFlinkPortNumberIsReplacedOthersAreKept() {
        Rendering in =
                RenderFixtures.inputFor(PodBaseStep.ID, CTX)
                        .mapTaskManagerPod(
                                d ->
                                        d.editMainContainer(
                                                c ->
                                                        c.addNewPort()
                                                                .withName("tm-rpc")
                                                                .withContainerPort(6122)
                                                                .endPort()
                                                                .addNewPort()
                                                                .withName("metrics")
                                                                .withContainerPort(9249)
                                                                .endPort()));

        assertThat(apply(in).taskManagerPod().mainContainer().getPorts())
                .extracting(ContainerPort::getName)
                .containsExactly("rpc", "metrics");
    }

    @Test
    void addsTheSpecEnvAndLabelsTheComponentButLeavesTheSpecsLabelsOffThePods() {
        Rendering out = apply(RenderFixtures.inputFor(PodBaseStep.ID, CTX));

        assertThat(out.jobManagerPod().mainContainer().getEnv())
                .extracting(EnvVar::getName)
                .containsExactly("REGION", "KAFKA_PASSWORD");
        assertThat(out.jobManagerPod().pod().getMetadata().getLabels())
                .containsEntry(ResourceLabels.COMPONENT, "jobmanager")
                .doesNotContainKey("team");
        assertThat(out.taskManagerPod().pod().getMetadata().getAnnotations())
                .doesNotContainKey("example.com/owner");
    }
}
