package io.flinkk8s.sdk.testkit.flink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape of a REST answer: every field path in its JSON ({@code jobs[].tasks.running}), so the
 * simulated runtime's answers can be compared with a real cluster's field by field.
 */
final class JsonShapes {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JsonShapes() {}

    /** The field paths of {@code GET <restAddress><path>}'s body. */
    static SortedSet<String> of(URI restAddress, String path) throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(restAddress.resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        SortedSet<String> paths = new TreeSet<>();
        paths.add("HTTP " + response.statusCode());
        collect(RestMapperUtils.getFlexibleObjectMapper().readTree(response.body()), "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, SortedSet<String> paths) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                paths.add(path);
                collect(field.getValue(), path, paths);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, prefix + "[]", paths);
            }
        }
    }
}
