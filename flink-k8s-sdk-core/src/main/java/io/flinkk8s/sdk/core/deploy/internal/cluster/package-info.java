/**
 * What a deployer reads and writes in the cluster: its objects (server-side apply by level, the
 * diff, prune, the replica handover), the state record, the upgrade Lease and the JobManager's REST
 * API, with retries, and the context the engine's parts share.
 *
 * <p>Internal: not API, may change in any release. The base of the engine: it imports no other part
 * of it.
 */
package io.flinkk8s.sdk.core.deploy.internal.cluster;
