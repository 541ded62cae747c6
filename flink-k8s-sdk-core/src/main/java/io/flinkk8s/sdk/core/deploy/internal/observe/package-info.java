/**
 * Status and waits of one deployment: its workloads, pods, Warning Events and job for the
 * standalone target, its {@code FlinkDeployment}'s status for the operator target, and the one
 * place a lifecycle is decided.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.flinkk8s.sdk.core.deploy.internal.observe;
