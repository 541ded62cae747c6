package io.flinkk8s.sdk.core.render.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probes the operator target puts into the pod templates, with native port names. */
class OperatorProbesStepTest {

    private static FlinkDeploymentSpec application(ProbePolicy probes) {
        return RenderFixtures.operatorSamples()
                .get("operator-stateful-ha-application")
                .edit()
                .probes(probes)
                .build();
    }

    private static Rendering run(FlinkDeploymentSpec spec) {
        return new OperatorProbesStep()
                .apply(RenderContext.of(spec), Rendering.empty().withPodDrafts(empty(), empty()));
    }

    private static PodDraft empty() {
        return PodDraft.empty();
    }

    private static Container jobManager(Rendering r) {
        return r.jobManagerPod().mainContainer();
    }

    private static Container taskManager(Rendering r) {
        return r.taskManagerPod().mainContainer();
    }

    @Test
    void defaultProbesUseNativePortNamesAndLeaveTheStartupProbeToTheOperator() {
        Rendering r = run(application(ProbePolicy.defaults()));

        assertThat(jobManager(r).getStartupProbe()).isNull();
        assertThat(jobManager(r).getReadinessProbe().getHttpGet().getPath()).isEqualTo("/config");
        assertThat(jobManager(r).getReadinessProbe().getHttpGet().getPort())
                .isEqualTo(new IntOrString(FlinkPorts.REST_NAME));
        assertThat(jobManager(r).getLivenessProbe().getTcpSocket().getPort())
                .isEqualTo(new IntOrString("jobmanager-rpc"));
        for (Probe p :
                List.of(
                        taskManager(r).getStartupProbe(),
                        taskManager(r).getReadinessProbe(),
                        taskManager(r).getLivenessProbe())) {
            assertThat(p.getTcpSocket().getPort()).isEqualTo(new IntOrString("taskmanager-rpc"));
        }
    }

    @Test
    void keepsTheDefaultTimings() {
        Probe liveness = taskManager(run(application(ProbePolicy.defaults()))).getLivenessProbe();

        assertThat(liveness.getPeriodSeconds()).isEqualTo(15);
        assertThat(liveness.getTimeoutSeconds()).isEqualTo(5);
        assertThat(liveness.getFailureThreshold()).isEqualTo(4);
        assertThat(liveness.getSuccessThreshold()).isEqualTo(1);
    }

    @Test
    void rendersACustomJobManagerStartupProbeWhichTheOperatorThenKeeps() {
        Probe custom =
                new ProbeBuilder()
                        .withNewHttpGet()
                        .withPath("/config")
                        .withPort(new IntOrString("rest"))
                        .endHttpGet()
                        .withPeriodSeconds(2)
                        .withFailureThreshold(300)
                        .build();
        ProbePolicy policy =
                new ProbePolicy(ProbeSpec.custom(custom), null, null, null, null, null);

        assertThat(jobManager(run(application(policy))).getStartupProbe()).isEqualTo(custom);
    }

    @Test
    void leavesOutAJobManagerStartupProbeGivenByFields() {
        ProbePolicy policy =
                new ProbePolicy(
                        ProbeSpec.httpGet("/overview", "rest"), null, null, null, null, null);

        assertThat(jobManager(run(application(policy))).getStartupProbe()).isNull();
    }

    @Test
    void keepsPortNumbersAndRendersNoDisabledProbe() {
        ProbePolicy policy =
                new ProbePolicy(
                        null,
                        ProbeSpec.disabled(),
                        ProbeSpec.tcpSocket("6123"),
                        ProbeSpec.disabled(),
                        ProbeSpec.disabled(),
                        ProbeSpec.tcpSocket("6122"));

        Rendering r = run(application(policy));

        assertThat(jobManager(r).getReadinessProbe()).isNull();
        assertThat(jobManager(r).getLivenessProbe().getTcpSocket().getPort())
                .isEqualTo(new IntOrString(FlinkPorts.JOB_MANAGER_RPC));
        assertThat(taskManager(r).getStartupProbe()).isNull();
        assertThat(taskManager(r).getReadinessProbe()).isNull();
        assertThat(taskManager(r).getLivenessProbe().getTcpSocket().getPort())
                .isEqualTo(new IntOrString(FlinkPorts.TASK_MANAGER_RPC));
    }

    @Test
    void noneRendersNoProbe() {
        Rendering r = run(application(ProbePolicy.none()));

        for (Container c : List.of(jobManager(r), taskManager(r))) {
            assertThat(c.getStartupProbe()).isNull();
            assertThat(c.getReadinessProbe()).isNull();
            assertThat(c.getLivenessProbe()).isNull();
        }
    }
}
