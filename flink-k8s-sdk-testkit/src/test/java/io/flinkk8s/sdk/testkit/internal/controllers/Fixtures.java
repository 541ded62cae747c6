package io.flinkk8s.sdk.testkit.internal.controllers;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;

/** Small workload fixtures for the testkit's tests. */
public final class Fixtures {

    public static final String NS = "streaming";

    private Fixtures() {}

    public static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("flink:2.1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Deployment withReadinessDelay(Deployment d, int initialDelaySeconds) {
        return new DeploymentBuilder(d)
                .editSpec()
                .editTemplate()
                .editSpec()
                .editFirstContainer()
                .withReadinessProbe(tcpProbe(initialDelaySeconds, 5))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Deployment withImage(Deployment d, String image) {
        return new DeploymentBuilder(d)
                .editSpec()
                .editTemplate()
                .editSpec()
                .editFirstContainer()
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Probe tcpProbe(int initialDelaySeconds, int periodSeconds) {
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withNewPort(8081)
                .endTcpSocket()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withPeriodSeconds(periodSeconds)
                .build();
    }

    public static StatefulSet statefulSet(String name, int replicas, int readinessDelaySeconds) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("flink:2.1")
                .withReadinessProbe(tcpProbe(readinessDelaySeconds, 5))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static HorizontalPodAutoscaler hpa(String target, int min, int max, int cpuPercent) {
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName(target)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName(target)
                .endScaleTargetRef()
                .withMinReplicas(min)
                .withMaxReplicas(max)
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(cpuPercent)
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }

    /**
     * The Deployment with {@code team=payments} and {@code keep=yes} annotations on its pod
     * template and {@code existing=yes} on itself.
     */
    public static Deployment withTemplateAnnotations(Deployment d) {
        return new DeploymentBuilder(d)
                .editMetadata()
                .addToAnnotations("existing", "yes")
                .endMetadata()
                .editSpec()
                .editTemplate()
                .editMetadata()
                .addToAnnotations("team", "payments")
                .addToAnnotations("keep", "yes")
                .endMetadata()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * One update of a {@link #withTemplateAnnotations} Deployment that takes {@code payments} out
     * of the pod template and puts it on the Deployment ({@code owner}): a JSON diff of it is a
     * single {@code move} out of the spec.
     */
    public static Deployment movingTemplateAnnotationToMetadata(Deployment d) {
        return new DeploymentBuilder(d)
                .editMetadata()
                .addToAnnotations("owner", "payments")
                .endMetadata()
                .editSpec()
                .editTemplate()
                .editMetadata()
                .removeFromAnnotations("team")
                .endMetadata()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The Deployment with a CPU request on its container, what a CPU utilization HPA needs. */
    public static Deployment withCpuRequest(Deployment d, String cpu) {
        return new DeploymentBuilder(d)
                .editSpec()
                .editTemplate()
                .editSpec()
                .editFirstContainer()
                .withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity(cpu))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
