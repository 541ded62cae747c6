/**
 * Helpers of the core that are not API: copies, canonical forms, wire values, Flink value formats,
 * the table of object kinds. They import no other package of the SDK.
 *
 * <p>Internal: not API. Nothing here is covered by compatibility promises; it may change in any
 * release.
 */
package io.flinkk8s.sdk.core.internal;
