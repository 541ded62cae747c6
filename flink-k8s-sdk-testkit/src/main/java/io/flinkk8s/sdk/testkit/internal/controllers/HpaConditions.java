package io.flinkk8s.sdk.testkit.internal.controllers;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An HPA's status conditions as the controller edits them during one sync: Kubernetes'
 * setConditionInList, which starts from the conditions the HPA has, replaces a condition of the
 * same type in place (a new transition time only when its status changes) and appends new types.
 */
final class HpaConditions {

    private final List<HorizontalPodAutoscalerCondition> conditions = new ArrayList<>();
    private final Instant now;

    HpaConditions(HorizontalPodAutoscaler hpa, Instant now) {
        this.now = now;
        if (hpa.getStatus() != null && hpa.getStatus().getConditions() != null) {
            hpa.getStatus()
                    .getConditions()
                    .forEach(
                            c ->
                                    conditions.add(
                                            new HorizontalPodAutoscalerConditionBuilder(c)
                                                    .build()));
        }
    }

    /** Sets a condition of {@code type}. */
    void set(String type, boolean status, String reason, String message) {
        String value = status ? "True" : "False";
        for (int i = 0; i < conditions.size(); i++) {
            HorizontalPodAutoscalerCondition c = conditions.get(i);
            if (c.getType().equals(type)) {
                conditions.set(
                        i,
                        new HorizontalPodAutoscalerConditionBuilder()
                                .withType(type)
                                .withStatus(value)
                                .withReason(reason)
                                .withMessage(message)
                                .withLastTransitionTime(
                                        value.equals(c.getStatus())
                                                ? c.getLastTransitionTime()
                                                : now.toString())
                                .build());
                return;
            }
        }
        conditions.add(
                new HorizontalPodAutoscalerConditionBuilder()
                        .withType(type)
                        .withStatus(value)
                        .withReason(reason)
                        .withMessage(message)
                        .withLastTransitionTime(now.toString())
                        .build());
    }

    List<HorizontalPodAutoscalerCondition> list() {
        return List.copyOf(conditions);
    }
}
