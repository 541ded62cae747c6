package io.flinkk8s.sdk.core.render.step;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.FlinkConfigDraft;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The user's {@code flinkConfiguration}, on top of everything the other CONFIGURE steps derived. It
 * is a step of its own, listed last among the built-in CONFIGURE steps, so that a user value wins
 * over every derived key whichever step derived it.
 *
 * <ul>
 *   <li><b>overwrites</b>: a key the SDK derives ({@link ManagedConfigKeys#derived()}), matched
 *       with its deprecated aliases: the SDK's entry is removed and the user's written under the
 *       user's key; when the values differ, an {@link Advisory} at {@code
 *       flinkConfiguration['key']} says so;
 *   <li><b>never overwrites</b>: a key the SDK owns ({@link ManagedConfigKeys#owned()}, and {@link
 *       ManagedConfigKeys#ownedByPolicies} such as {@code scheduler-mode} in reactive mode); the
 *       validator rejects such a spec, so this only happens with validation bypassed, and then the
 *       user value is dropped with an advisory rather than break the rendered Services;
 *   <li><b>merges</b>: every other key is added as given;
 *   <li><b>emits</b>: config entries and advisories.
 * </ul>
 */
public final class UserFlinkConfigStep implements RenderStep {

    /** {@code user-flink-config}. */
    public static final StepId ID = StepId.of("user-flink-config");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only when the spec has a {@code flinkConfiguration}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return !ctx.spec().flinkConfiguration().isEmpty();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        Rendering out = in;
        for (Map.Entry<String, String> e : ctx.spec().flinkConfiguration().entrySet()) {
            out = overlay(ctx, out, e.getKey(), e.getValue());
        }
        return out;
    }

    private static Rendering overlay(RenderContext ctx, Rendering in, String key, String value) {
        String path = "flinkConfiguration['" + key + "']";
        if (ManagedConfigKeys.ownedOption(key, ctx.spec().autoscaling().usesReactiveMode())
                .isPresent()) {
            return in.withAdvisory(
                    new Advisory(
                            path,
                            "ignored: the SDK sets this key itself because the rendered objects"
                                    + " depend on it; remove it from flinkConfiguration"));
        }
        ConfigOption<?> derived = ManagedConfigKeys.derivedOption(key).orElse(null);
        if (derived == null) {
            return in.mapConfig(c -> c.withValue(key, value));
        }
        Optional<Map.Entry<String, String>> previous = entryOf(in.config(), derived);
        Rendering out = in.mapConfig(c -> c.without(derived).withValue(key, value));
        if (previous.isPresent() && !sameValue(derived, previous.get(), key, value)) {
            out =
                    out.withAdvisory(
                            new Advisory(
                                    path,
                                    "overrides the value the SDK derives from the spec ('"
                                            + previous.get().getValue()
                                            + "'); '"
                                            + value
                                            + "' is used"));
        }
        return out;
    }

    private static Optional<Map.Entry<String, String>> entryOf(
            FlinkConfigDraft config, ConfigOption<?> option) {
        for (String k : ManagedConfigKeys.allKeys(option)) {
            Optional<String> v = config.value(k);
            if (v.isPresent()) {
                return Optional.of(Map.entry(k, v.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether two written values mean the same to Flink, e.g. {@code 1600m} and {@code 1600 mb}.
     */
    private static boolean sameValue(
            ConfigOption<?> option, Map.Entry<String, String> sdk, String key, String value) {
        try {
            Object a = Configuration.fromMap(Map.of(sdk.getKey(), sdk.getValue())).get(option);
            Object b = Configuration.fromMap(Map.of(key, value)).get(option);
            return a.equals(b);
        } catch (IllegalArgumentException notParsable) {
            return false;
        }
    }
}
