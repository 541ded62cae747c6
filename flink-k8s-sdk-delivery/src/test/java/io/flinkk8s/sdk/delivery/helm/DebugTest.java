package io.flinkk8s.sdk.delivery.helm;

import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import org.junit.jupiter.api.Test;

class DebugTest {
    @Test
    void print() {
        var spec = HelmChartTest.orders(RenderTarget.OPERATOR);
        HelmChart chart = HelmChart.of(spec);
        System.out.println(chart);
        chart.files().forEach((k, v) -> System.out.println("=== " + k + "\n" + v));
        var tm = spec.taskManager();
        var s2 =
                spec.withTaskManager(
                        tm.withResource(
                                tm.resource()
                                        .withMemory(
                                                io.flinkk8s.sdk.core.spec.quantity.Memory.parse(
                                                        "2624Mi"))));
        System.out.println(YamlExporter.toYaml(Renderer.defaults().render(s2)));
    }
}
