/**
 * Failure message factories of the testkit's assertions, all in one shape: what was expected, what
 * was found, and the object.
 */
package io.flinkk8s.sdk.testkit.assertions.error;
