package io.flinkk8s.sdk.core.deploy.internal.job;

import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.List;

/**
 * What a job transition needs of the apply around it: the objects of a spec, written with the job
 * starting from a savepoint. The transitions record each step in the state record themselves; this
 * writes only the objects.
 *
 * <p>Internal: not API, may change in any release.
 */
@FunctionalInterface
public interface ObjectWriter {

    /**
     * Renders {@code effective} with its job starting from {@code savepointPath} (without state
     * when null) and the TaskManager count {@code state} keeps, compares it with the cluster and
     * applies the difference.
     *
     * @return the plan carried out and the objects now applied
     */
    Applied applyFrom(EffectiveSpec effective, String savepointPath, StateRecord state);

    /**
     * What an apply of objects did.
     *
     * @param plan the plan carried out
     * @param objects every object the spec rendered, now in the cluster
     */
    record Applied(ApplyPlan plan, List<ObjectRef> objects) {}
}
