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
import io.flinkk8s.sdk.core.operator.crd.status.FlinkStateSnapshotStatus;

/**
 * The Flink Kubernetes Operator's {@code FlinkStateSnapshot} ({@code flinksnp}): one savepoint or
 * checkpoint of a {@code FlinkDeployment}'s or {@code FlinkSessionJob}'s job, or an existing
 * savepoint recorded by path, with its own lifecycle in the status.
 */
@Group(OperatorCrds.GROUP)
@Version(OperatorCrds.VERSION)
@Kind("FlinkStateSnapshot")
@Plural("flinkstatesnapshots")
@Singular("flinkstatesnapshot")
@ShortNames("flinksnp")
@JsonIgnoreProperties(ignoreUnknown = true)
public final class FlinkStateSnapshot
        extends CustomResource<FlinkStateSnapshotSpec, FlinkStateSnapshotStatus>
        implements Namespaced {

    /** An empty resource: no metadata, spec or status yet. */
    public FlinkStateSnapshot() {}
}
