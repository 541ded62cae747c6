package io.flinkk8s.sdk.core.render.step.observability;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus reporter's port on the JobManager and TaskManager pods when {@code
 * observability.prometheus} is on, on both targets (on target {@code operator} in the pod
 * templates, whose main container Flink's native mode keeps the ports of).
 *
 * <ul>
 *   <li><b>merges</b>: a container port {@value PrometheusSpec#PORT_NAME} = {@code
 *       observability.prometheus.port} (TCP) into the main container, replacing a port of that name
 *       the pod template had; and, unless {@code scrapeAnnotations} is false, the pod annotations
 *       {@value #SCRAPE}: {@code "true"}, {@value #PORT}: the port and {@value #PATH}: {@value
 *       PrometheusSpec#PATH}, the convention of Prometheus' Kubernetes service discovery examples
 *       and of most Helm charts;
 *   <li><b>emits</b>: nothing; it only edits the pod drafts.
 * </ul>
 */
public final class MetricsPortStep implements RenderStep {

    /** {@code metrics-port}. */
    public static final StepId ID = StepId.of("metrics-port");

    /** The annotation that asks Prometheus to scrape a pod. */
    public static final String SCRAPE = "prometheus.io/scrape";

    /** The annotation naming the port to scrape. */
    public static final String PORT = "prometheus.io/port";

    /** The annotation naming the path to scrape. */
    public static final String PATH = "prometheus.io/path";

    private static final List<Component> PODS =
            List.of(Component.JOB_MANAGER, Component.TASK_MANAGER);

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    /** Only when {@code observability.prometheus} is on. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().observability().prometheus().isEnabled();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        PrometheusSpec prometheus = ctx.spec().observability().prometheus();
        Rendering out = in;
        for (Component c : PODS) {
            out = out.mapPod(c, draft -> decorate(draft, prometheus));
        }
        return out;
    }

    private static PodDraft decorate(PodDraft draft, PrometheusSpec prometheus) {
        int number = prometheus.effectivePort();
        PodDraft out =
                draft.setOnMainContainer(
                        container -> {
                            List<ContainerPort> ports =
                                    new ArrayList<>(
                                            container.getPorts() == null
                                                    ? List.of()
                                                    : container.getPorts());
                            ports.removeIf(p -> PrometheusSpec.PORT_NAME.equals(p.getName()));
                            ContainerPort port = new ContainerPort();
                            port.setName(PrometheusSpec.PORT_NAME);
                            port.setContainerPort(number);
                            port.setProtocol("TCP");
                            ports.add(port);
                            container.setPorts(ports);
                        });
        if (!prometheus.rendersScrapeAnnotations()) {
            return out;
        }
        return out.setOnPodMetadata(
                m -> {
                    Map<String, String> annotations =
                            new LinkedHashMap<>(
                                    m.getAnnotations() == null ? Map.of() : m.getAnnotations());
                    annotations.put(SCRAPE, "true");
                    annotations.put(PORT, String.valueOf(number));
                    annotations.put(PATH, PrometheusSpec.PATH);
                    m.setAnnotations(annotations);
                });
    }
}
