/**
 * The statuses of the Flink Kubernetes Operator's custom resources, as the operator writes them:
 * {@link io.flinkk8s.sdk.core.operator.crd.status.FlinkDeploymentStatus}, {@link
 * io.flinkk8s.sdk.core.operator.crd.status.FlinkSessionJobStatus} and {@link
 * io.flinkk8s.sdk.core.operator.crd.status.FlinkStateSnapshotStatus} with their parts. Fields the
 * types do not name are ignored when read, so a status a newer operator writes still reads.
 */
package io.flinkk8s.sdk.core.operator.crd.status;
