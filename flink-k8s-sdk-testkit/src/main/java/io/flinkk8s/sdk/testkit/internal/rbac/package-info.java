/**
 * The in-memory API server's answers to SelfSubjectAccessReviews ({@code authorization.k8s.io/v1}):
 * every permission allowed unless a test denied it. Not API: anything here may change in any
 * release. Imports {@code json}, no other part of the engine.
 */
package io.flinkk8s.sdk.testkit.internal.rbac;
