/**
 * The Flink Kubernetes Operator's custom resources as Java types: {@link
 * io.flinkk8s.sdk.core.operator.crd.FlinkDeployment}, {@link
 * io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob} and {@link
 * io.flinkk8s.sdk.core.operator.crd.FlinkStateSnapshot} ({@code flink.apache.org/v1beta1}), with
 * their specs here and their statuses in {@code status}. The operator-target render steps build
 * them, the deployer and the status view read their status, and the import reads manifests into
 * them.
 *
 * <p>Field names, nesting and JSON types follow the operator's API ({@code
 * flink-kubernetes-operator-api}) of release 1.15 plus the {@code resources} field of 1.16; a test
 * checks them, field by field, against the operator's own CRDs. Values the operator keeps as enums
 * ({@code mode}, {@code upgradeMode}, {@code state}, the status states) are strings here, so that a
 * value a newer operator writes reads without error; their Javadoc lists the values.
 *
 * <p>The CRDs of these types are generated at build time by fabric8's CRD generator and carried in
 * the core jar under {@code META-INF/fabric8/}; {@link
 * io.flinkk8s.sdk.core.operator.crd.OperatorCrds} loads them.
 *
 * <p>The types are immutable records; fabric8's {@code CustomResource} base of the three resources
 * is not (its metadata, spec and status have setters), so the SDK hands out copies of those.
 */
package io.flinkk8s.sdk.core.operator.crd;
