package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's reads: one stored object, and lists filtered by label and field selectors.
 * Called under the dispatcher's lock, as part of a request.
 */
public final class ObjectReads {

    /** A label selector term {@code key=value} (or {@code ==}) the base dispatcher can match. */
    private static final Pattern LABEL_EQUALS =
            Pattern.compile("([a-zA-Z0-9-_./]+)==?([a-zA-Z0-9-_.]+)");

    private final InMemoryApiDispatcher dispatcher;

    ObjectReads(InMemoryApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The stored object at the path (name required), or null. */
    JsonNode stored(RequestPath path) {
        Map.Entry<AttributeSet, String> found = dispatcher.entryAt(path);
        return found == null ? null : Json.parse(found.getValue());
    }

    MockResponse storedResponse(RequestPath path) {
        JsonNode object = stored(path);
        if (object == null) {
            throw InMemoryApiDispatcher.notFound(path);
        }
        return InMemoryApiDispatcher.ok(object);
    }

    /**
     * Stored objects of the path's collection that match its label and field selectors, in storage
     * order, as the API server's own trees: read them, never change them.
     */
    List<JsonNode> listObjects(RequestPath path) {
        Predicate<JsonNode> selection = Selection.of(path);
        List<JsonNode> result = new ArrayList<>();
        // what the base dispatcher's GET of the collection with the selector's key=value terms
        // matches, through the store's index
        List<String> terms = equalityTerms(path);
        AttributeSet query =
                dispatcher.getKey(
                        terms.isEmpty()
                                ? path.collectionPath()
                                : path.collectionPath()
                                        + "?labelSelector="
                                        + URLEncoder.encode(
                                                String.join(",", terms), StandardCharsets.UTF_8));
        List<String> labels = terms.stream().map(t -> "labels:" + t.split("=")[0]).toList();
        for (Map.Entry<AttributeSet, String> e :
                dispatcher
                        .index()
                        .matching(dispatcher.storage(), query, labels, Integer.MAX_VALUE)) {
            JsonNode object = dispatcher.treeOf(e.getValue());
            if (selection.test(object)) {
                result.add(object);
            }
        }
        return result;
    }

    /** The list the base dispatcher answers (a {@code List} of the objects), filtered. */
    private ObjectNode filteredList(RequestPath path) {
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1");
        list.put("kind", "List");
        list.putArray("items").addAll(listObjects(path));
        list.putObject("metadata")
                .put("resourceVersion", String.valueOf(dispatcher.resourceVersion()))
                .put("selfLink", "");
        return list;
    }

    /**
     * The {@code key=value} terms of the path's label selector, which the base dispatcher matches
     * against the labels in its keys, so objects they exclude are neither copied into the list nor
     * parsed; the whole selector is applied to what it answers. None for CRDs: the preloaded ones
     * are stored under keys without their labels.
     */
    private static List<String> equalityTerms(RequestPath path) {
        String selector = path.param("labelSelector");
        List<String> terms = new ArrayList<>();
        if (selector == null || "customresourcedefinitions".equals(path.resource())) {
            return terms;
        }
        for (String term : selector.split(",")) {
            Matcher m = LABEL_EQUALS.matcher(term.trim());
            if (m.matches()) {
                terms.add(m.group(1) + "=" + m.group(2));
            }
        }
        return terms;
    }

    MockResponse listResponse(RequestPath path) {
        return InMemoryApiDispatcher.ok(filteredList(path));
    }

    /**
     * {@code GET pods/:name/log}: the container's log as plain text, its last {@code tailLines}
     * lines when asked; the container may be left out when the pod has only one, as the kubelet
     * allows. {@code previous}, {@code sinceSeconds} and {@code follow} are not honoured: a testkit
     * container has one log, which a crash's lines make.
     */
    MockResponse podLog(RequestPath path, BiFunction<JsonNode, String, String> podLogs) {
        JsonNode pod = stored(path);
        if (pod == null) {
            throw InMemoryApiDispatcher.notFound(path);
        }
        String container = path.param("container");
        List<String> names = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        if (container == null && names.size() == 1) {
            container = names.get(0);
        }
        if (container == null || !names.contains(container)) {
            throw ApiError.badRequest(
                    container == null
                            ? "a container name must be specified for pod "
                                    + path.name()
                                    + ", choose one of: "
                                    + names
                            : "container " + container + " is not valid for pod " + path.name());
        }
        List<String> lines = Objects.toString(podLogs.apply(pod, container), "").lines().toList();
        String tail = path.param("tailLines");
        if (tail != null) {
            int n = Integer.parseInt(tail);
            lines = lines.subList(Math.max(0, lines.size() - n), lines.size());
        }
        return new MockResponse()
                .setResponseCode(200)
                .setBody(lines.isEmpty() ? "" : String.join("\n", lines) + "\n")
                .setHeader("Content-Type", "text/plain");
    }
}
