package io.flinkk8s.sdk.core.deploy;

import java.util.List;

/**
 * What a bulk call ({@link FlinkDeployer#applyAll}, {@link FlinkDeployer#planAll}) did, one outcome
 * per spec of its input, in input order. One deployment's failure never stops the others: each
 * outcome says for itself what happened.
 *
 * @param outcomes one per input spec, in input order
 */
public record BulkResult(List<BulkOutcome> outcomes) {

    /** Copies the list. */
    public BulkResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every deployment succeeded (none failed, none cancelled). */
    public boolean allSucceeded() {
        return outcomes.stream().allMatch(BulkOutcome::succeeded);
    }

    /** The outcomes with {@code status}, in input order. */
    public List<BulkOutcome> with(BulkOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }

    /** How many outcomes have {@code status}. */
    public int count(BulkOutcome.Status status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** {@code 1000 deployments: 3 APPLIED, 996 UNCHANGED, 1 FAILED}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(outcomes.size() + " deployments:");
        String sep = " ";
        for (BulkOutcome.Status s : BulkOutcome.Status.values()) {
            int n = count(s);
            if (n > 0) {
                sb.append(sep).append(n).append(' ').append(s);
                sep = ", ";
            }
        }
        return sb.toString();
    }
}
