/**
 * The fluent builder DSL over the core model: {@link io.flinkk8s.sdk.fluent.FlinkK8s} is the one
 * entry point, with one final builder per core record. The DSL sets no defaults and judges nothing;
 * {@code build()} hands both to core, so a fluent spec and a YAML spec behave the same.
 */
package io.flinkk8s.sdk.fluent;
