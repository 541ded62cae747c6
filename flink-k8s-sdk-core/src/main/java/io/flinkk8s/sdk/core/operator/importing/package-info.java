/**
 * Reading the Flink Kubernetes Operator's custom resources into the SDK's specs: {@link
 * io.flinkk8s.sdk.core.operator.importing.OperatorImport} turns {@code FlinkDeployment} documents
 * (YAML or JSON, one or many per file) into {@code FlinkDeploymentSpec}s and reports, with its
 * path, everything the spec cannot hold.
 */
package io.flinkk8s.sdk.core.operator.importing;
