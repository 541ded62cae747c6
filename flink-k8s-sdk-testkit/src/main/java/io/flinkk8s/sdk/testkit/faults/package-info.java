/** Faults a test injects into the in-memory cluster: pods, nodes, API errors, latency, watches. */
package io.flinkk8s.sdk.testkit.faults;
