/**
 * JSON trees of API objects for the in-memory API server: parsing, merge and JSON patches, field
 * paths, label and field selectors, and API errors as Kubernetes {@code Status} answers. Not API:
 * anything here may change in any release.
 */
package io.flinkk8s.sdk.testkit.internal.json;
