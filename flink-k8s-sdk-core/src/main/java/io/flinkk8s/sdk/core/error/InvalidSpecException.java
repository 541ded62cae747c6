package io.flinkk8s.sdk.core.error;

import java.util.List;

/**
 * A spec broke one or more rules; nothing was rendered or sent to a cluster. The message lists
 * every violation, one per line, under a header:
 *
 * <pre>
 * Invalid FlinkDeploymentSpec "orders" (2 violations):
 *   taskManager.replicas: must be &gt;= 1, was 0
 *   job.jarURI: must be set in application mode
 * </pre>
 */
public class InvalidSpecException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** An exception for {@code violations} (at least one) of the spec called {@code specName}. */
    public InvalidSpecException(String specName, List<Violation> violations) {
        this("FlinkDeploymentSpec", specName, violations);
    }

    /**
     * An exception for {@code violations} (at least one) of the spec of type {@code specKind} (e.g.
     * {@code FlinkSessionJobSpec}) called {@code specName}.
     */
    public InvalidSpecException(String specKind, String specName, List<Violation> violations) {
        super(message(specKind, specName, violations));
        this.violations = List.copyOf(violations);
    }

    /** The violations, in the validator's order. */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(String specKind, String specName, List<Violation> violations) {
        StringBuilder sb =
                new StringBuilder("Invalid ")
                        .append(specKind)
                        .append(specName == null ? "" : " \"" + specName + "\"")
                        .append(" (")
                        .append(violations.size())
                        .append(violations.size() == 1 ? " violation" : " violations")
                        .append("):");
        for (Violation v : violations) {
            sb.append(System.lineSeparator()).append("  ").append(v);
        }
        return sb.toString();
    }
}
