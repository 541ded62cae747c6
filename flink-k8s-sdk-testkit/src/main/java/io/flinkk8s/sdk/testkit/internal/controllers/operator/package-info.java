/**
 * The operator stand-in: what the Apache Flink Kubernetes Operator (1.15) does for {@code
 * FlinkDeployment} and {@code FlinkStateSnapshot} resources, played on the in-memory cluster over
 * the testkit's simulated Flink. Each rule names the operator class or the section of the project's
 * operator research ({@code shared/research/flink-operator.md}) it follows. Not API: anything here
 * may change in any release.
 */
package io.flinkk8s.sdk.testkit.internal.controllers.operator;
