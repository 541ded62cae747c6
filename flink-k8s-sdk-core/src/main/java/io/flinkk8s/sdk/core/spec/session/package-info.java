/**
 * The session job: a job submitted to a session cluster that runs elsewhere, the Flink Kubernetes
 * Operator's {@code FlinkSessionJob}. Its serialized form is {@link
 * io.flinkk8s.sdk.core.spec.SpecSerialization}'s, its defaults {@link
 * io.flinkk8s.sdk.core.spec.SpecDefaults}'.
 */
package io.flinkk8s.sdk.core.spec.session;
