package io.flinkk8s.sdk.core.deploy.status;

/**
 * Where an upgrade in progress stands, as recorded in the deployment's state record before each
 * step is taken, so that a deployer in another JVM can tell how far it got.
 */
public enum UpgradeStep {
    /** The upgrade is claimed and stop-with-savepoint was requested; the old job may still run. */
    SAVEPOINT_IN_PROGRESS,
    /** The savepoint is taken and recorded; the new spec is being applied from it. */
    SAVEPOINT_TAKEN,
    /** The new spec is applied; the deployer waits for its job to run. */
    DEPLOYING,
    /** The new version did not become ready; the previous spec is being applied again. */
    ROLLING_BACK
}
