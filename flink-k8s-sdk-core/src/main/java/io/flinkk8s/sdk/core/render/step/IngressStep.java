package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An Ingress to the JobManager's REST service when {@code ingress} is set, built the way the Flink
 * Kubernetes Operator builds one from the same field (its {@code IngressUtils}), so a spec means
 * the same on both targets.
 *
 * <ul>
 *   <li><b>emits</b>: networking.k8s.io/v1 Ingress {@code ResourceNames.ingress()} with the
 *       JobManager's common labels plus {@code ingress.labels}, {@code ingress.annotations}, {@code
 *       ingressClassName} = {@code ingress.className}, one rule whose host and path come from
 *       {@code ingress.template} ({@code {{name}}} and {@code {{namespace}}} replaced, ignoring
 *       case; an optional {@code http://} or {@code https://} dropped; the host is what precedes
 *       the first {@code /}, without a port, the path the rest) with {@code pathType:
 *       ImplementationSpecific} to {@code ResourceNames.restService()} port 8081 (by number, as the
 *       operator), and {@code ingress.tls};
 *   <li><b>overwrites / merges</b>: nothing.
 * </ul>
 */
public final class IngressStep implements RenderStep {

    /** {@code ingress}. */
    public static final StepId ID = StepId.of("ingress");

    private static final Pattern NAME = Pattern.compile("\\{\\{name}}", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAMESPACE =
            Pattern.compile("\\{\\{namespace}}", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("^https?://", Pattern.CASE_INSENSITIVE);

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only when {@code ingress} is set. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().ingress() != null;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        IngressSpec spec = ctx.spec().ingress();
        ObjectMeta metadata = ctx.metadata(ctx.names().ingress(), Component.JOB_MANAGER);
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.putAll(metadata.getLabels());
        metadata.setLabels(labels);
        if (!spec.annotations().isEmpty()) {
            Map<String, String> annotations =
                    new TreeMap<>(
                            metadata.getAnnotations() == null
                                    ? Map.of()
                                    : metadata.getAnnotations());
            annotations.putAll(spec.annotations());
            metadata.setAnnotations(annotations);
        }
        String[] hostAndPath =
                hostAndPath(spec.template(), ctx.spec().name(), ctx.spec().namespace());
        HTTPIngressPath path =
                new HTTPIngressPathBuilder()
                        .withPath(hostAndPath[1].isEmpty() ? null : hostAndPath[1])
                        .withPathType("ImplementationSpecific")
                        .withNewBackend()
                        .withNewService()
                        .withName(ctx.names().restService())
                        .withNewPort()
                        .withNumber(FlinkPorts.REST)
                        .endPort()
                        .endService()
                        .endBackend()
                        .build();
        IngressRule rule = new IngressRule();
        rule.setHost(hostAndPath[0].isEmpty() ? null : hostAndPath[0]);
        rule.setHttp(new HTTPIngressRuleValue(List.of(path)));
        List<IngressTLS> tls =
                spec.tls().stream()
                        .map(
                                t ->
                                        new IngressTLSBuilder()
                                                .withHosts(t.hosts().isEmpty() ? null : t.hosts())
                                                .withSecretName(t.secretName())
                                                .build())
                        .toList();
        Ingress ingress =
                new IngressBuilder()
                        .withMetadata(metadata)
                        .withNewSpec()
                        .withIngressClassName(spec.className())
                        .withRules(rule)
                        .withTls(tls.isEmpty() ? null : tls)
                        .endSpec()
                        .build();
        return in.withAdoptedResource(ingress);
    }

    /**
     * The host (may be empty) and path (may be empty) of {@code template} for the deployment {@code
     * name} in {@code namespace}, as the operator reads its ingress template.
     */
    public static String[] hostAndPath(String template, String name, String namespace) {
        String t = NAME.matcher(template.trim()).replaceAll(name);
        t = NAMESPACE.matcher(t).replaceAll(namespace);
        t = SCHEME.matcher(t).replaceFirst("");
        int slash = t.indexOf('/');
        String authority = slash < 0 ? t : t.substring(0, slash);
        String path = slash < 0 ? "" : t.substring(slash);
        int at = authority.lastIndexOf('@');
        String host = at < 0 ? authority : authority.substring(at + 1);
        int colon = host.indexOf(':');
        return new String[] {colon < 0 ? host : host.substring(0, colon), path};
    }
}
