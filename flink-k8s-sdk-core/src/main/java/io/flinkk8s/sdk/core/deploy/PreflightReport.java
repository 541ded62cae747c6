package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.error.PreflightFinding;
import java.util.List;

/**
 * What {@link FlinkDeployer#preflight} found would make an apply of a spec fail, before anything is
 * written: errors (the apply or the deployment's lifecycle would fail) and warnings (the preflight
 * could not tell, e.g. it may not read an object). Empty for a spec the cluster is ready for.
 *
 * @param namespace the spec's namespace
 * @param name the spec's name
 * @param findings errors first, then warnings; within each in the order of the checks
 */
public record PreflightReport(String namespace, String name, List<PreflightFinding> findings) {

    /** Copies the findings. */
    public PreflightReport {
        findings = List.copyOf(findings);
    }

    /** The findings of severity error: each would make the apply fail. */
    public List<PreflightFinding> errors() {
        return findings.stream().filter(PreflightFinding::isError).toList();
    }

    /** The findings of severity warning. */
    public List<PreflightFinding> warnings() {
        return findings.stream().filter(f -> !f.isError()).toList();
    }

    /** Whether there is no error (warnings may remain). */
    public boolean passed() {
        return findings.stream().noneMatch(PreflightFinding::isError);
    }

    /** Whether there is no finding at all. */
    public boolean isClean() {
        return findings.isEmpty();
    }

    /** One line per finding under a header, or a line saying nothing was found. */
    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("Preflight of ").append(namespace).append('/').append(name);
        if (findings.isEmpty()) {
            return sb.append(": nothing found that would make the apply fail").toString();
        }
        sb.append(": ")
                .append(errors().size())
                .append(" error(s), ")
                .append(warnings().size())
                .append(" warning(s)");
        findings.forEach(f -> sb.append(System.lineSeparator()).append("  ").append(f));
        return sb.toString();
    }
}
