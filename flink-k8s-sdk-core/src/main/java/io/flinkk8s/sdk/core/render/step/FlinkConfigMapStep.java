package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.observability.LogLevels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ConfigMap with Flink's configuration and logging files, mounted by {@link
 * FlinkConfigMountStep}.
 *
 * <ul>
 *   <li><b>emits</b>: ConfigMap {@code ResourceNames.configMap()} with
 *       <ul>
 *         <li>the config file of the Flink version ({@code config.yaml} for 2.x, {@code
 *             flink-conf.yaml} for 1.x) written from the final config draft: for 2.x each entry by
 *             Flink's own writer, for 1.x as {@code key: value} lines with the 1.x names of keys
 *             that 2.x renamed ({@code state.checkpoints.dir}, {@code state.savepoints.dir});
 *             sorted by key;
 *         <li>{@code log4j-console.properties}: the SDK's default (console plus Flink's rolling log
 *             file, reloaded every 30 s) unless {@code logConfiguration} provides one, with the
 *             levels of {@code observability.logging} merged in;
 *         <li>every other {@code logConfiguration} file as given;
 *       </ul>
 *   <li><b>overwrites / merges</b>: nothing; it reads the config draft, which is final by now.
 * </ul>
 *
 * The workload steps annotate their pods with {@value #CONFIG_HASH_ANNOTATION}, the SHA-256 of the
 * config file, so that a configuration change rolls the pods.
 */
public final class FlinkConfigMapStep implements RenderStep {

    /** {@code flink-config-map}. */
    public static final StepId ID = StepId.of("flink-config-map");

    /** The pod annotation holding the SHA-256 of the rendered Flink config file. */
    public static final String CONFIG_HASH_ANNOTATION = "flinkk8s.io/config-sha256";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ASSEMBLE;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        Map<String, String> data = new TreeMap<>(LogLevels.logFiles(ctx.spec()));
        data.put(ctx.flinkVersion().configFileName(), in.config().fileContent(ctx.flinkVersion()));
        ConfigMap configMap = new ConfigMap();
        configMap.setMetadata(ctx.metadata(ctx.names().configMap(), Component.CONFIG));
        configMap.setData(new LinkedHashMap<>(data));
        return in.withAdoptedResource(configMap);
    }
}
