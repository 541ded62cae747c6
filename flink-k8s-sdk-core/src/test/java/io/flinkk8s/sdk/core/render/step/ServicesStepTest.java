package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import org.junit.jupiter.api.Test;

class ServicesStepTest {

    private static Service service(RenderContext ctx, String name) {
        Rendering out =
                new ServicesStep().apply(ctx, RenderFixtures.inputFor(ServicesStep.ID, ctx));
        return (Service) out.resource(new ResourceKey("Service", name)).orElseThrow();
    }

    @Test
    void rpcServiceExposesRpcAndBlobByNameAndIsHeadlessOnlyWithHighAvailability() {
        RenderContext plain = RenderFixtures.context(RenderFixtures.minimalApplication());
        RenderContext ha = RenderFixtures.context(RenderFixtures.statefulHaApplication());

        Service rpc = service(plain, plain.names().rpcService());

        assertThat(rpc.getSpec().getPorts())
                .extracting(ServicePort::getName, ServicePort::getPort, ServicePort::getTargetPort)
                .containsExactly(
                        tuple("rpc", 6123, new IntOrString("rpc")),
                        tuple("blob-server", 6124, new IntOrString("blob-server")));
        assertThat(rpc.getSpec().getClusterIP()).isNull();
        assertThat(rpc.getSpec().getSelector())
                .isEqualTo(plain.labels().selector(Component.JOB_MANAGER));
        assertThat(service(ha, ha.names().rpcService()).getSpec().getClusterIP()).isEqualTo("None");
    }

    @Test
    void restServiceIsClusterIpOnTheNamedRestPort() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.minimalApplication());

        Service rest = service(ctx, ctx.names().restService());

        assertThat(rest.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(rest.getSpec().getPorts())
                .extracting(ServicePort::getName, ServicePort::getPort, ServicePort::getTargetPort)
                .containsExactly(tuple("rest", 8081, new IntOrString("rest")));
        assertThat(rest.getMetadata().getLabels())
                .containsEntry(ResourceLabels.COMPONENT, "jobmanager");
    }
}
