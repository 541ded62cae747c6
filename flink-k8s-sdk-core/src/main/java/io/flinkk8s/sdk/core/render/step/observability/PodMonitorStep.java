package io.flinkk8s.sdk.core.render.step.observability;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.networking.DeploymentPods;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus Operator {@code PodMonitor} for the deployment's pods when {@code
 * observability.prometheus.podMonitor} is true, on both targets. The cluster must serve the kind
 * (the Prometheus Operator's CRDs, e.g. from kube-prometheus-stack): applying to one that does not
 * fails before anything is written, naming what to install.
 *
 * <ul>
 *   <li><b>emits</b>: {@value ObjectKind#MONITORING_API_VERSION} {@value
 *       ObjectKind#POD_MONITOR_KIND} {@code ResourceNames.podMonitor()} with the JobManager's
 *       common labels plus {@code podMonitorLabels}, {@code selector.matchLabels} = every pod of
 *       the deployment ({@link DeploymentPods#selector}) and one {@code podMetricsEndpoints} entry:
 *       {@code port} {@value PrometheusSpec#PORT_NAME}, {@code path} {@value PrometheusSpec#PATH};
 *   <li><b>overwrites / merges</b>: nothing.
 * </ul>
 */
public final class PodMonitorStep implements RenderStep {

    /** {@code pod-monitor}. */
    public static final StepId ID = StepId.of("pod-monitor");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only when {@code observability.prometheus} is on and asks for a PodMonitor. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().observability().prometheus().rendersPodMonitor();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        PrometheusSpec prometheus = ctx.spec().observability().prometheus();
        ObjectMeta metadata = ctx.metadata(ctx.names().podMonitor(), Component.JOB_MANAGER);
        Map<String, String> labels = new TreeMap<>(prometheus.podMonitorLabels());
        labels.putAll(metadata.getLabels());
        metadata.setLabels(new LinkedHashMap<>(labels));
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", PrometheusSpec.PORT_NAME);
        endpoint.put("path", PrometheusSpec.PATH);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(
                "selector",
                Map.of("matchLabels", new LinkedHashMap<>(DeploymentPods.selector(ctx))));
        spec.put("podMetricsEndpoints", List.of(endpoint));
        GenericKubernetesResource monitor = new GenericKubernetesResource();
        monitor.setApiVersion(ObjectKind.MONITORING_API_VERSION);
        monitor.setKind(ObjectKind.POD_MONITOR_KIND);
        monitor.setMetadata(metadata);
        monitor.setAdditionalProperty("spec", spec);
        return in.withAdoptedResource(monitor);
    }
}
