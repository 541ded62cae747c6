/**
 * The in-memory cluster's HTTP side: the API server's Vert.x endpoint on the loopback interface and
 * the cluster's own plain-HTTP clients of it. Not API: anything here may change in any release.
 */
package io.flinkk8s.sdk.testkit.internal.http;
