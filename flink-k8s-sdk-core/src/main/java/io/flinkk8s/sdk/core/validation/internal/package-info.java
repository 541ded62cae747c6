/**
 * The rules behind {@code SpecValidator}, not API: {@code Checks} (the walk that gives every
 * violation its field path) and one class of rules per concern ({@code JobRules}, {@code
 * ProbeRules}, ...). A new spec field's rules go here, in the class of its concern or a new one.
 */
package io.flinkk8s.sdk.core.validation.internal;
