/**
 * Job transitions: savepoint upgrades, suspension and the finishing of an interrupted operation,
 * each step recorded in the state record under the upgrade Lease. The objects are written through
 * the {@code ObjectWriter} the caller hands in; an operation to start over is returned as a
 * decision, never carried out by calling back.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.flinkk8s.sdk.core.deploy.internal.job;
