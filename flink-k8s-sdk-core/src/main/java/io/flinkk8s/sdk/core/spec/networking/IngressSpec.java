package io.flinkk8s.sdk.core.spec.networking;

import io.flinkk8s.sdk.core.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * An Ingress to the JobManager's REST service (the Flink web UI and REST API), with the Flink
 * Kubernetes Operator's field names and template rules: the operator target writes it into the
 * {@code FlinkDeployment} ({@code spec.ingress}), where the operator creates the Ingress; the
 * standalone target renders the Ingress itself, the way the operator would.
 *
 * <p>{@code template} is a host, a path or both, with the placeholders {@code {{name}}} and {@code
 * {{namespace}}}: {@code {{name}}.{{namespace}}.flink.example.com} routes the host's {@code /};
 * {@code /{{namespace}}/{{name}}(/|$)(.*)} routes that path on any host (pair a regex path with a
 * rewrite annotation of the Ingress controller, e.g. nginx's {@code rewrite-target: /$2}).
 *
 * @param template the host and/or path; required
 * @param className may be null: the cluster's default Ingress class
 * @param annotations the Ingress's annotations, never null
 * @param labels the Ingress's labels (added to the SDK's), never null
 * @param tls the Ingress's TLS entries, never null
 */
public record IngressSpec(
        String template,
        String className,
        Map<String, String> annotations,
        Map<String, String> labels,
        List<IngressTls> tls) {

    /** Normalises only: sorted copies of the maps, a copy of the list, empty for null. */
    public IngressSpec {
        annotations = Copies.sortedMap(annotations);
        labels = Copies.sortedMap(labels);
        tls = Copies.list(tls);
    }

    /** An Ingress for {@code template}, nothing else set. */
    public static IngressSpec of(String template) {
        return new IngressSpec(template, null, null, null, null);
    }
}
