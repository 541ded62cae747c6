/**
 * The in-memory API server's request log: every request clients made ({@link
 * io.flinkk8s.sdk.testkit.server.RequestLog}, from {@code cluster.requests()}), each an {@link
 * io.flinkk8s.sdk.testkit.server.ApiRequest} with its {@link
 * io.flinkk8s.sdk.testkit.server.ApiVerb}. The server itself is not API.
 */
package io.flinkk8s.sdk.testkit.server;
