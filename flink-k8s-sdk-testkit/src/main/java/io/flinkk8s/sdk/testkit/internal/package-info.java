/** Helpers of the testkit that are not API: they may change in any release without notice. */
package io.flinkk8s.sdk.testkit.internal;
