package io.flinkk8s.sdk.testkit.internal.server.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Requests as the Kubernetes integration tests send them with client-go's REST client, through the
 * fabric8 client's HTTP client against the in-memory cluster: a method, a path, a content type and
 * a body, answered with the status code and the JSON body.
 */
final class ApiCalls {

    static final String APPLY = "application/apply-patch+yaml";
    static final String MERGE = "application/merge-patch+json";
    static final String STRATEGIC = "application/strategic-merge-patch+json";
    static final String JSON_PATCH = "application/json-patch+json";
    static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final java.util.Set<String> CONTROL_PLANE =
            java.util.Set.of("default-scheduler", "kube-controller-manager");

    private final KubernetesClient client;

    ApiCalls(KubernetesClient client) {
        this.client = client;
    }

    /** A status code and the answer's JSON (a null node when the answer had no body). */
    record Answer(int code, JsonNode body) {

        /** {@code metadata.resourceVersion} of the answered object. */
        String resourceVersion() {
            return body.path("metadata").path("resourceVersion").asText();
        }

        /**
         * The answered object's {@code metadata.managedFields}, without the entries of the
         * in-memory control plane (its scheduler and controllers write pods and workloads; the
         * Kubernetes integration tests run an API server alone).
         */
        List<JsonNode> managedFields() {
            List<JsonNode> entries = new ArrayList<>();
            for (JsonNode entry : body.path("metadata").path("managedFields")) {
                if (!CONTROL_PLANE.contains(entry.path("manager").asText())) {
                    entries.add(entry);
                }
            }
            return entries;
        }

        /** The causes of a {@code Status} answer. */
        List<JsonNode> causes() {
            List<JsonNode> causes = new ArrayList<>();
            body.path("details").path("causes").forEach(causes::add);
            return causes;
        }
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    Answer apply(String path, String manager, String body) {
        return send("PATCH", withParam(path, "fieldManager", manager), APPLY, body);
    }

    Answer forceApply(String path, String manager, String body) {
        return send(
                "PATCH",
                withParam(withParam(path, "fieldManager", manager), "force", "true"),
                APPLY,
                body);
    }

    Answer patch(String path, String contentType, String body) {
        return send("PATCH", path, contentType, body);
    }

    Answer put(String path, String body) {
        return send("PUT", path, JSON, body);
    }

    Answer post(String path, String body) {
        return send("POST", path, JSON, body);
    }

    static String withParam(String path, String key, String value) {
        return path + (path.contains("?") ? "&" : "?") + key + "=" + value;
    }

    Answer send(String method, String path, String contentType, String body) {
        HttpClient http = client.getHttpClient();
        String base = client.getMasterUrl().toString().replaceAll("/$", "");
        HttpRequest.Builder builder = http.newHttpRequestBuilder().uri(base + path);
        if (body != null) {
            builder.method(method, contentType, body);
        } else if (!method.equals("GET")) {
            builder.method(method, JSON, "");
        }
        try {
            HttpResponse<String> response =
                    http.sendAsync(builder.build(), String.class).get(60, TimeUnit.SECONDS);
            String text = response.body();
            JsonNode json =
                    text == null || text.isBlank() ? NullNode.getInstance() : MAPPER.readTree(text);
            return new Answer(response.code(), json);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
