package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.flinkk8s.sdk.core.operator.crd.status.FlinkDeploymentStatus;

/**
 * The Flink Kubernetes Operator's {@code FlinkDeployment} ({@code flinkdep}): a Flink cluster, an
 * application cluster when its spec has a {@code job}, a session cluster otherwise. Its scale
 * subresource is {@code spec.taskManager.replicas} / {@code status.taskManager.replicas}.
 *
 * <pre>{@code
 * FlinkDeployment cr = rendered.get(FlinkDeployment.class, "orders");
 * String lifecycle = cr.getStatus() == null ? null : cr.getStatus().lifecycleState();
 * }</pre>
 */
@Group(OperatorCrds.GROUP)
@Version(OperatorCrds.VERSION)
@Kind("FlinkDeployment")
@Plural("flinkdeployments")
@Singular("flinkdeployment")
@ShortNames("flinkdep")
@JsonIgnoreProperties(ignoreUnknown = true)
public final class FlinkDeployment
        extends CustomResource<FlinkDeploymentSpec, FlinkDeploymentStatus> implements Namespaced {

    /** An empty resource: no metadata, spec or status yet. */
    public FlinkDeployment() {}
}
