package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkConfigMapStepTest {

    private static ConfigMap render(RenderContext ctx) {
        Rendering out =
                new FlinkConfigMapStep()
                        .apply(ctx, RenderFixtures.inputFor(FlinkConfigMapStep.ID, ctx));
        return (ConfigMap)
                out.resource(new ResourceKey("ConfigMap", ctx.names().configMap())).orElseThrow();
    }

    @Test
    void writesTheConfigFileFromTheFinalDraftAndTheDefaultLogConfig() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.statefulHaApplication());

        ConfigMap cm = render(ctx);

        assertThat(cm.getMetadata().getLabels())
                .containsEntry(ResourceLabels.COMPONENT, "flink-config");
        assertThat(cm.getData()).containsOnlyKeys("config.yaml", "log4j-console.properties");
        assertThat(cm.getData().get("config.yaml"))
                .startsWith("blob.server.port: '6124'\n")
                .contains("execution.checkpointing.num-retained: '3'\n")
                .contains("high-availability.type: kubernetes\n");
        assertThat(cm.getData().get("log4j-console.properties"))
                .contains("rootLogger.appenderRef.console.ref = ConsoleAppender")
                .contains("monitorInterval = 30");
    }

    @Test
    void theSpecsLogConfigurationReplacesTheDefaultAndAddsFiles() {
        RenderContext ctx =
                RenderFixtures.context(
                        RenderFixtures.minimalApplication()
                                .edit()
                                .logConfiguration(
                                        Map.of(
                                                "log4j-console.properties",
                                                        "rootLogger.level = WARN\n",
                                                "logback-console.xml", "<configuration/>"))
                                .build());

        ConfigMap cm = render(ctx);

        assertThat(cm.getData())
                .containsEntry("log4j-console.properties", "rootLogger.level = WARN\n")
                .containsEntry("logback-console.xml", "<configuration/>")
                .containsKey("config.yaml");
    }
}
