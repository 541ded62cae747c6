/**
 * The part of a spec that only the Flink Kubernetes Operator target reads: which operator release
 * renders for ({@link io.flinkk8s.sdk.core.spec.operator.OperatorVersion}) and the operator's
 * Kubernetes mode ({@link io.flinkk8s.sdk.core.spec.operator.OperatorMode}).
 */
package io.flinkk8s.sdk.core.spec.operator;
