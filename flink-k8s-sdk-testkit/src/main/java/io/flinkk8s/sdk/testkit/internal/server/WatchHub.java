package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.flinkk8s.sdk.testkit.internal.json.FieldSelectors;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import io.flinkk8s.sdk.testkit.internal.json.LabelSelectors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The watch endpoint: every change is kept in a bounded history by resource version, so a watch
 * that names a {@code resourceVersion} gets exactly the events after it (or {@code 410 Gone} when
 * they were dropped), and a watch without one gets the current objects as {@code ADDED} first.
 * Label selectors of every kind and field selectors are honoured.
 */
public final class WatchHub {

    private static final int HISTORY = 10_000;

    private record Change(
            long rv, String group, String resource, JsonNode before, JsonNode after) {}

    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final Deque<Change> history = new ArrayDeque<>();
    private long evictedUpTo;

    /**
     * Records a change and sends it to every open watch it concerns. Called under the write lock.
     */
    void publish(String group, String resource, JsonNode before, JsonNode after, long rv) {
        Change change = new Change(rv, group, resource, before, after);
        history.addLast(change);
        if (history.size() > HISTORY) {
            evictedUpTo = history.removeFirst().rv();
        }
        for (Watch w : watches) {
            w.offer(change);
        }
    }

    /** Opens a watch; {@code current} lists the matching stored objects for a watch from now. */
    MockResponse open(RequestPath path, List<JsonNode> current) {
        Watch watch = new Watch(path);
        String rv = path.param("resourceVersion");
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            current.stream().filter(watch::matches).forEach(o -> watch.send("ADDED", o));
        } else {
            long from = Long.parseLong(rv);
            if (from < evictedUpTo) {
                watch.sendGone(from);
            } else {
                history.stream().filter(c -> c.rv() > from).forEach(watch::offer);
            }
        }
        watches.add(watch);
        return new MockResponse().withWebSocketUpgrade(watch);
    }

    /** Closes every open watch, as an API server restart or a load balancer timeout would. */
    void dropAll() {
        for (Watch w : watches) {
            w.close();
        }
        watches.clear();
    }

    /** How many watches are open. */
    int openCount() {
        return watches.size();
    }

    private final class Watch extends WebSocketListener {
        private final RequestPath path;
        private final Predicate<Map<String, String>> labels;
        private final Predicate<JsonNode> fields;
        private final List<String> pending = new ArrayList<>();
        private WebSocket socket;
        private boolean closed;

        Watch(RequestPath path) {
            this.path = path;
            String labelSelector = path.param("labelSelector");
            String fieldSelector = path.param("fieldSelector");
            this.labels = labelSelector == null ? l -> true : LabelSelectors.parse(labelSelector);
            this.fields = fieldSelector == null ? o -> true : FieldSelectors.parse(fieldSelector);
        }

        boolean matches(JsonNode object) {
            if (object == null) {
                return false;
            }
            JsonNode metadata = object.path("metadata");
            if (path.namespace() != null
                    && !path.namespace().equals(metadata.path("namespace").asText())) {
                return false;
            }
            if (path.name() != null && !path.name().equals(metadata.path("name").asText())) {
                return false;
            }
            Map<String, String> objectLabels = new java.util.HashMap<>();
            metadata.path("labels")
                    .fields()
                    .forEachRemaining(e -> objectLabels.put(e.getKey(), e.getValue().asText()));
            return labels.test(objectLabels) && fields.test(object);
        }

        void offer(Change change) {
            if (!change.group().equals(path.group())
                    || !change.resource().equals(path.resource())) {
                return;
            }
            boolean before = matches(change.before());
            boolean after = matches(change.after());
            if (before && after) {
                send("MODIFIED", change.after());
            } else if (before) {
                send("DELETED", change.after() == null ? change.before() : change.after());
            } else if (after) {
                send("ADDED", change.after());
            }
        }

        void send(String type, JsonNode object) {
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            event.put("type", type);
            event.set("object", object);
            send(Json.write(event));
        }

        void sendGone(long from) {
            ObjectNode status = JsonNodeFactory.instance.objectNode();
            status.put("kind", "Status")
                    .put("apiVersion", "v1")
                    .put("status", "Failure")
                    .put("reason", "Expired")
                    .put("code", 410)
                    .put("message", "too old resource version: " + from + " (" + evictedUpTo + ")");
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            event.put("type", "ERROR");
            event.set("object", status);
            send(Json.write(event));
        }

        private synchronized void send(String message) {
            if (closed) {
                return;
            }
            if (socket == null) {
                pending.add(message);
            } else {
                socket.send(message);
            }
        }

        @Override
        public synchronized void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            if (closed) {
                socket.close(1000, "watch dropped");
                return;
            }
            pending.forEach(socket::send);
            pending.clear();
        }

        synchronized void close() {
            closed = true;
            if (socket != null) {
                socket.close(1000, "watch dropped");
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            watches.remove(this);
            close();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            watches.remove(this);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            watches.remove(this);
        }
    }
}
