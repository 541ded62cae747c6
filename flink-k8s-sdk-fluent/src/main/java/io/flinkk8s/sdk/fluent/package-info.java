/** The fluent builder DSL over the core model (issue 3). */
package io.flinkk8s.sdk.fluent;
