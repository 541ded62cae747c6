/**
 * The in-memory Kubernetes + Flink cluster for consumers' unit tests (issue 4). This package is
 * empty until that work lands; the module exists so the build layout is final.
 */
package io.flinkk8s.sdk.testkit;
