package io.flinkk8s.sdk.core.error;

import java.util.List;

/**
 * A preflight run before an apply ({@code DeployOptions.preflightBeforeApply}) found what would
 * make it fail; nothing was written. The message lists every finding of severity error, one per
 * line, each with the object and what to do:
 *
 * <pre>
 * Preflight of streaming/orders failed (2 errors); nothing was written:
 *   ERROR [NAMESPACE] Namespace streaming: the namespace does not exist. Create it ...
 *   ERROR [RBAC] Role streaming/delete persistentvolumeclaims: ...
 * </pre>
 */
public class PreflightFailedException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final transient List<PreflightFinding> findings;

    /**
     * An exception for the deployment {@code namespace/name} and the {@code findings} (at least one
     * error) that refused its apply.
     */
    public PreflightFailedException(
            String namespace, String name, List<PreflightFinding> findings) {
        super(message(namespace, name, findings));
        this.findings = List.copyOf(findings);
    }

    /** The findings, errors first; every error of the preflight is here. */
    public List<PreflightFinding> findings() {
        return findings;
    }

    private static String message(String namespace, String name, List<PreflightFinding> findings) {
        long errors = findings.stream().filter(PreflightFinding::isError).count();
        StringBuilder sb =
                new StringBuilder("Preflight of ")
                        .append(namespace)
                        .append('/')
                        .append(name)
                        .append(" failed (")
                        .append(errors)
                        .append(errors == 1 ? " error" : " errors")
                        .append("); nothing was written:");
        for (PreflightFinding f : findings) {
            sb.append(System.lineSeparator()).append("  ").append(f);
        }
        return sb.toString();
    }
}
