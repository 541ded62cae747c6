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
import io.flinkk8s.sdk.core.operator.crd.status.FlinkSessionJobStatus;

/**
 * The Flink Kubernetes Operator's {@code FlinkSessionJob} ({@code sessionjob}): a job the operator
 * submits to the session {@code FlinkDeployment} its spec names.
 */
@Group(OperatorCrds.GROUP)
@Version(OperatorCrds.VERSION)
@Kind("FlinkSessionJob")
@Plural("flinksessionjobs")
@Singular("flinksessionjob")
@ShortNames("sessionjob")
@JsonIgnoreProperties(ignoreUnknown = true)
public final class FlinkSessionJob
        extends CustomResource<FlinkSessionJobSpec, FlinkSessionJobStatus> implements Namespaced {

    /** An empty resource: no metadata, spec or status yet. */
    public FlinkSessionJob() {}
}
