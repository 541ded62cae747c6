/**
 * The render steps of {@code scheduling}: {@link
 * io.flinkk8s.sdk.core.render.step.scheduling.SchedulingStep} for target standalone and {@link
 * io.flinkk8s.sdk.core.render.step.scheduling.OperatorSchedulingStep} for target operator, which
 * differ only in the labels the TaskManager pods carry.
 */
package io.flinkk8s.sdk.core.render.step.scheduling;
