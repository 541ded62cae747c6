package io.flinkk8s.sdk.core.deploy.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The revision history's part of the state record's JSON ({@code "revisions"}, oldest first): each
 * revision's number, spec hash, spec (the SDK's serialized form), image, time, field manager, start
 * and ending. A record written before revisions existed has none, and reads as an empty history.
 */
final class RevisionCodec {

    private RevisionCodec() {}

    /** Writes {@code revisions} into {@code array}. */
    static void write(ArrayNode array, List<Revision> revisions) {
        for (Revision r : revisions) {
            ObjectNode n = array.addObject();
            n.put("number", r.number());
            n.put("specSha256", r.specHash());
            n.set("spec", StateRecord.specNode(r.spec()));
            StateRecord.putNullable(n, "image", r.image());
            n.put("appliedAt", r.appliedAt().toString());
            n.put("fieldManager", r.fieldManager());
            ObjectNode start = n.putObject("startedFrom");
            start.put("kind", r.startedFrom().kind().name());
            StateRecord.putNullable(start, "path", r.startedFrom().path());
            if (r.rollbackOf() != null) {
                n.put("rollbackOf", r.rollbackOf().intValue());
            }
            Revision.Ending e = r.ending();
            if (e != null) {
                ObjectNode end = n.putObject("ending");
                end.put("kind", e.kind().name());
                end.put("at", e.at().toString());
                if (e.byRevision() != null) {
                    end.put("byRevision", e.byRevision().intValue());
                }
                StateRecord.putNullable(end, "savepoint", e.savepoint());
                StateRecord.putNullable(end, "cause", e.cause());
            }
        }
    }

    /** Reads what {@link #write} wrote; a missing array is an empty history. */
    static List<Revision> read(JsonNode array) {
        List<Revision> result = new ArrayList<>();
        for (JsonNode n : array) {
            JsonNode start = n.path("startedFrom");
            JsonNode end = n.path("ending");
            Revision.Ending ending =
                    end.isObject()
                            ? new Revision.Ending(
                                    Revision.Ending.Kind.valueOf(end.path("kind").asText()),
                                    Instant.parse(end.path("at").asText()),
                                    integer(end, "byRevision"),
                                    StateRecord.text(end, "savepoint"),
                                    StateRecord.text(end, "cause"))
                            : null;
            result.add(
                    new Revision(
                            n.path("number").asInt(),
                            n.path("specSha256").asText(),
                            StateRecord.spec(n.get("spec")),
                            StateRecord.text(n, "image"),
                            Instant.parse(n.path("appliedAt").asText()),
                            n.path("fieldManager").asText(),
                            new Revision.Start(
                                    Revision.Start.Kind.valueOf(start.path("kind").asText()),
                                    StateRecord.text(start, "path")),
                            integer(n, "rollbackOf"),
                            ending));
        }
        return result;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isInt() ? v.intValue() : null;
    }
}
