/**
 * Where the pods of a deployment run: {@link io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy}
 * with node selection, tolerations, priority, scheduler and the spreading of TaskManagers.
 */
package io.flinkk8s.sdk.core.spec.scheduling;
