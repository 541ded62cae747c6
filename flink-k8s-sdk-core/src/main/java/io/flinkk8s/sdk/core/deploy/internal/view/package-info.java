/**
 * The watch-based status view: its informers and their lifecycle, the index of a status per
 * deployment, the scheduler of Flink reads, and the facade that answers queries.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.flinkk8s.sdk.core.deploy.internal.view;
