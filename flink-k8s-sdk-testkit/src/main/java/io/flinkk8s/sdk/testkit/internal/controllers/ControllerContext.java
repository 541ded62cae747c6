package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.testkit.Metrics;
import io.flinkk8s.sdk.testkit.internal.server.DirectApi;
import java.time.Instant;

/** What a controller may use while it reconciles. */
public interface ControllerContext {

    /** The in-process API (no faults, not in the request log). */
    DirectApi api();

    /** The current virtual time. */
    Instant now();

    /** Asks to run again when the virtual clock reaches {@code at} (now or earlier: next round). */
    void wakeUpAt(Instant at);

    /** The metrics the test set. */
    Metrics metrics();

    /** Records a core/v1 Event about {@code involved}, as controllers do for humans. */
    void recordEvent(HasMetadata involved, String type, String reason, String message);

    /** Records a core/v1 Event about {@code involved} (an object's JSON tree). */
    void recordEvent(JsonNode involved, String type, String reason, String message);
}
