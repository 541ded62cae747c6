package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import java.util.List;
import java.util.Map;

/**
 * The Ingress the operator creates to a {@link FlinkDeployment}'s REST service, as the operator's
 * {@code IngressSpec}.
 *
 * @param template host and/or path with the placeholders {@code {{name}}} and {@code
 *     {{namespace}}}, e.g. {@code {{name}}.{{namespace}}.flink.example.com} or {@code
 *     /{{namespace}}/{{name}}(/|$)(.*)}
 * @param className the Ingress class
 * @param annotations the Ingress's annotations
 * @param labels the Ingress's labels
 * @param tls the Ingress's TLS entries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"template", "className", "annotations", "labels", "tls"})
public record IngressSpec(
        String template,
        String className,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> labels,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<IngressTLS> tls) {

    /** Copies the maps (sorted) and the TLS entries; null stays null. */
    public IngressSpec {
        annotations = ConfigTrees.sortedCopy(annotations);
        labels = ConfigTrees.sortedCopy(labels);
        tls = copy(tls);
    }

    /** The TLS entries (copies); may be null. */
    @Override
    public List<IngressTLS> tls() {
        return copy(tls);
    }

    private static List<IngressTLS> copy(List<IngressTLS> tls) {
        return tls == null
                ? null
                : tls.stream().map(t -> new IngressTLSBuilder(t).build()).toList();
    }
}
