package io.flinkk8s.sdk.core.render.step.networking;

import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels that select every pod of one deployment, JobManagers and TaskManagers, on either
 * target: for an object that selects them all, such as a NetworkPolicy or a PodMonitor.
 */
public final class DeploymentPods {

    /** The label key of the cluster id on the operator's pods. */
    public static final String APP_LABEL = "app";

    /** The label key of the deployment type on the operator's pods. */
    public static final String TYPE_LABEL = "type";

    private DeploymentPods() {}

    /**
     * With target {@code standalone}, {@code app.kubernetes.io/instance} = the name (the
     * deployment's pods are the only ones with it); with target {@code operator}, the labels the
     * operator's pods carry ({@code flink-kubernetes}' {@code Constants}): {@code app} = the
     * cluster id and {@code type}: {@code flink-native-kubernetes}, or {@code
     * flink-standalone-kubernetes} in the operator's standalone mode ({@code operator-hpa}).
     */
    public static Map<String, String> selector(RenderContext ctx) {
        Map<String, String> labels = new TreeMap<>();
        if (ctx.target() == RenderTarget.OPERATOR) {
            boolean standalone =
                    ctx.spec().autoscaling().isEnabled()
                            && ctx.spec().autoscaling().strategy()
                                    == AutoscalingStrategy.OPERATOR_HPA;
            labels.put(APP_LABEL, ctx.names().clusterId());
            labels.put(
                    TYPE_LABEL,
                    standalone ? "flink-standalone-kubernetes" : "flink-native-kubernetes");
            return labels;
        }
        labels.put(
                ResourceLabels.INSTANCE,
                ctx.labels().selector(Component.JOB_MANAGER).get(ResourceLabels.INSTANCE));
        return labels;
    }
}
