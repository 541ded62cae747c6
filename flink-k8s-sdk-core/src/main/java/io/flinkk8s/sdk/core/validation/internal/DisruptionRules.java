package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for {@code disruption}: each {@code maxUnavailable} is what a PodDisruptionBudget accepts,
 * a number of pods or a percentage of at most 100.
 */
public final class DisruptionRules {

    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,9})(%?)");

    private DisruptionRules() {}

    public static void disruption(Checks checks, DisruptionPolicy disruption) {
        checks.at(
                "disruption",
                () -> {
                    maxUnavailable(
                            checks,
                            "jobManagerMaxUnavailable",
                            disruption.jobManagerMaxUnavailable());
                    maxUnavailable(
                            checks,
                            "taskManagerMaxUnavailable",
                            disruption.taskManagerMaxUnavailable());
                });
    }

    private static void maxUnavailable(Checks checks, String field, String value) {
        if (value == null) {
            return;
        }
        Matcher m = AMOUNT.matcher(value.trim());
        if (!m.matches()) {
            checks.report(
                    field, "must be a number of pods (1) or a percentage (50%) of them", value);
        } else if (!m.group(2).isEmpty() && Integer.parseInt(m.group(1)) > 100) {
            checks.report(field, "must be a percentage of at most 100%", value);
        }
    }
}
