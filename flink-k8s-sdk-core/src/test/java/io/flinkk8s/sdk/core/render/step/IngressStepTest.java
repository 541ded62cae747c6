package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressTls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngressStepTest {

    private final IngressStep step = new IngressStep();

    private static FlinkDeploymentSpec withIngress(IngressSpec ingress) {
        return RenderFixtures.minimalApplication().edit().ingress(ingress).build();
    }

    private Ingress render(FlinkDeploymentSpec spec) {
        RenderContext ctx = RenderFixtures.context(spec);
        Rendering out = step.apply(ctx, RenderFixtures.inputFor(IngressStep.ID, ctx));
        return (Ingress)
                out.resource(new ResourceKey("Ingress", ctx.names().ingress())).orElseThrow();
    }

    @Test
    void aHostTemplateRoutesTheWholeHostToTheRestService() {
        FlinkDeploymentSpec spec =
                withIngress(IngressSpec.of("{{name}}.{{NAMESPACE}}.flink.example.com"));
        RenderContext ctx = RenderFixtures.context(spec);

        Ingress ingress = render(spec);

        IngressRule rule = ingress.getSpec().getRules().get(0);
        HTTPIngressPath path = rule.getHttp().getPaths().get(0);
        assertThat(rule.getHost())
                .isEqualTo(spec.name() + "." + ctx.spec().namespace() + ".flink.example.com");
        assertThat(path.getPath()).isNull();
        assertThat(path.getPathType()).isEqualTo("ImplementationSpecific");
        assertThat(path.getBackend().getService().getName()).isEqualTo(ctx.names().restService());
        assertThat(path.getBackend().getService().getPort().getNumber()).isEqualTo(8081);
        assertThat(ingress.getMetadata().getLabels())
                .containsAllEntriesOf(ctx.labels().common(Component.JOB_MANAGER));
    }

    @Test
    void aPathTemplateRoutesThatPathOnAnyHostWithTheClassAnnotationsLabelsAndTls() {
        FlinkDeploymentSpec spec =
                withIngress(
                        new IngressSpec(
                                "/{{namespace}}/{{name}}(/|$)(.*)",
                                "nginx",
                                Map.of("nginx.ingress.kubernetes.io/rewrite-target", "/$2"),
                                Map.of("team", "shop"),
                                List.of(
                                        new IngressTls(
                                                List.of("flink.example.com"), "flink-tls"))));
        RenderContext ctx = RenderFixtures.context(spec);

        Ingress ingress = render(spec);

        IngressRule rule = ingress.getSpec().getRules().get(0);
        assertThat(rule.getHost()).isNull();
        assertThat(rule.getHttp().getPaths().get(0).getPath())
                .isEqualTo("/" + ctx.spec().namespace() + "/" + spec.name() + "(/|$)(.*)");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/rewrite-target", "/$2");
        assertThat(ingress.getMetadata().getLabels()).containsEntry("team", "shop");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("flink-tls");
        assertThat(ingress.getSpec().getTls().get(0).getHosts())
                .containsExactly("flink.example.com");
    }

    @Test
    void aSchemeAndAPortInTheTemplateAreNotPartOfTheHost() {
        assertThat(
                        IngressStep.hostAndPath(
                                "https://{{name}}.example.com:8443/ui", "orders", "shop"))
                .containsExactly("orders.example.com", "/ui");
    }

    @Test
    void withoutIngressTheStepDoesNotApply() {
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.minimalApplication())))
                .isFalse();
    }
}
