package io.flinkk8s.sdk.core.render.step.networking;

import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import java.util.stream.Collectors;

/**
 * The REST Service's exposure on target {@code operator}, as Flink options: Flink's native
 * Kubernetes mode creates the Service {@code <name>-rest} from them.
 *
 * <ul>
 *   <li><b>derives</b>, when {@code networking.restService} is set: {@value #EXPOSED_TYPE_KEY} =
 *       its type ({@code ClusterIP}, {@code NodePort} or {@code LoadBalancer}) and, with
 *       annotations, {@value #ANNOTATIONS_KEY} = {@code key:value,key:value} in key order. The
 *       validator refuses both keys in {@code flinkConfiguration} then, and {@code nodePort} and
 *       {@code loadBalancerSourceRanges} on this target, which Flink cannot set;
 *   <li><b>emits</b>: config entries only.
 * </ul>
 */
public final class OperatorRestServiceStep implements RenderStep {

    /** {@code rest-service}. */
    public static final StepId ID = StepId.of("rest-service");

    /** Flink's option for the REST Service's type ({@code KubernetesConfigOptions}). */
    public static final String EXPOSED_TYPE_KEY = "kubernetes.rest-service.exposed.type";

    /** Flink's option for the REST Service's annotations. */
    public static final String ANNOTATIONS_KEY = "kubernetes.rest-service.annotations";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only when {@code networking.restService} is set. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().networking().restService().isSet();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        RestServiceSpec rest = ctx.spec().networking().restService();
        Rendering out =
                in.mapConfig(c -> c.withValue(EXPOSED_TYPE_KEY, rest.effectiveType().wireValue()));
        if (!rest.annotations().isEmpty()) {
            String annotations =
                    rest.annotations().entrySet().stream()
                            .map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(","));
            out = out.mapConfig(c -> c.withValue(ANNOTATIONS_KEY, annotations));
        }
        return out;
    }
}
