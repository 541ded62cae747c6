package io.flinkk8s.sdk.testkit.internal.server;

import io.flinkk8s.sdk.testkit.server.ApiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The faults injected into a dispatcher: fixed {@link FaultRule}s, taken in the order they were
 * added (a limited rule counts down and leaves), then {@link RequestFault}s. Not thread-safe: the
 * dispatcher calls it under its lock.
 */
public final class InjectedFaults {

    private final List<FaultRule> rules = new ArrayList<>();
    private final List<RequestFault> deciders = new ArrayList<>();

    void add(FaultRule rule) {
        rules.add(Objects.requireNonNull(rule, "rule"));
    }

    void add(RequestFault fault) {
        deciders.add(Objects.requireNonNull(fault, "fault"));
    }

    void remove(RequestFault fault) {
        deciders.remove(fault);
    }

    void clear() {
        rules.clear();
        deciders.clear();
    }

    /**
     * The fault that applies to {@code request}, or null: the first matching rule (one use taken
     * from a limited rule), else the first decider that answers a status, as an unlimited rule.
     */
    FaultRule take(ApiRequest request) {
        for (int i = 0; i < rules.size(); i++) {
            FaultRule rule = rules.get(i);
            if (rule.matches(request.verb(), request.resource(), request.subresource())) {
                if (rule.times() > 0) {
                    int left = rule.times() - 1;
                    if (left == 0) {
                        rules.remove(i);
                    } else {
                        rules.set(
                                i,
                                new FaultRule(
                                        rule.verb(),
                                        rule.resource(),
                                        rule.status(),
                                        rule.delay(),
                                        left));
                    }
                }
                return rule;
            }
        }
        for (RequestFault decider : deciders) {
            int status = decider.statusFor(request);
            if (status > 0) {
                return new FaultRule(request.verb(), "*", status, null, -1);
            }
        }
        return null;
    }
}
