/**
 * The in-memory API server: {@link io.flinkk8s.sdk.testkit.internal.server.InMemoryApiDispatcher}
 * (fabric8's CRUD mock dispatcher with server-side apply, field ownership, immutable fields, full
 * label selectors, resumable watches, status and scale subresources), its HTTP endpoint, request
 * log, injected faults, and the direct API the controllers use. Not API: anything here may change
 * in any release.
 */
package io.flinkk8s.sdk.testkit.internal.server;
