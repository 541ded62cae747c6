package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkConfigMountStepTest {

    private final FlinkConfigMountStep step = new FlinkConfigMountStep();

    @Test
    void mountsEveryFileOfTheConfigMapAtTheConfDir() {
        RenderContext ctx =
                RenderFixtures.context(
                        RenderFixtures.minimalApplication()
                                .edit()
                                .logConfiguration(Map.of("logback-console.xml", "<configuration/>"))
                                .build());

        PodDraft tm =
                step.apply(ctx, RenderFixtures.inputFor(FlinkConfigMountStep.ID, ctx))
                        .taskManagerPod();

        Volume volume = tm.pod().getSpec().getVolumes().get(0);
        assertThat(volume.getName()).isEqualTo(FlinkConfigMountStep.VOLUME);
        assertThat(volume.getConfigMap().getName()).isEqualTo("orders-flink-config");
        assertThat(volume.getConfigMap().getItems())
                .extracting(KeyToPath::getKey)
                .containsExactly("config.yaml", "log4j-console.properties", "logback-console.xml");
        assertThat(tm.mainContainer().getVolumeMounts())
                .extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .containsExactly(tuple(FlinkConfigMountStep.VOLUME, FlinkPorts.CONF_DIR));
    }

    @Test
    void replacesATemplateMountAtTheConfDirAndKeepsOthers() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.minimalApplication());
        Rendering in =
                RenderFixtures.inputFor(FlinkConfigMountStep.ID, ctx)
                        .mapJobManagerPod(
                                d ->
                                        d.editMainContainer(
                                                c ->
                                                        c.addNewVolumeMount()
                                                                .withName("own-conf")
                                                                .withMountPath(FlinkPorts.CONF_DIR)
                                                                .endVolumeMount()
                                                                .addNewVolumeMount()
                                                                .withName("artifacts")
                                                                .withMountPath("/opt/flink/usrlib")
                                                                .endVolumeMount()));

        PodDraft jm = step.apply(ctx, in).jobManagerPod();

        assertThat(jm.mainContainer().getVolumeMounts())
                .extracting(VolumeMount::getName)
                .containsExactly(FlinkConfigMountStep.VOLUME, "artifacts");
    }
}
