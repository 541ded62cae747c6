/**
 * The structural schemas of custom resources as the API server applies them: pruning of unknown
 * fields, defaults, and validation with Kubernetes' causes.
 */
package io.flinkk8s.sdk.testkit.internal.schema;
