package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import org.junit.jupiter.api.Test;

class PodCommandStepTest {

    private final PodCommandStep step = new PodCommandStep();

    @Test
    void applicationJobManagerRunsStandaloneJobWithHostEntryClassJarsAndArgs() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.statefulHaApplication());

        Rendering out = step.apply(ctx, RenderFixtures.inputFor(PodCommandStep.ID, ctx));

        assertThat(out.jobManagerPod().mainContainer().getArgs())
                .containsExactly(
                        "standalone-job",
                        "--host",
                        "$(POD_IP)",
                        "--job-classname",
                        "com.example.Payments",
                        "--jars",
                        "local:///opt/flink/usrlib/payments.jar",
                        "--topic",
                        "payments");
        assertThat(out.taskManagerPod().mainContainer().getArgs()).containsExactly("taskmanager");
    }

    @Test
    void withHighAvailabilityPodIpComesFirstAndReplacesAUserVariableOfThatName() {
        RenderContext ctx =
                RenderFixtures.context(
                        RenderFixtures.session()
                                .edit()
                                .highAvailability(HighAvailabilitySpec.kubernetes("s3://ha"))
                                .build());
        Rendering in =
                RenderFixtures.inputFor(PodCommandStep.ID, ctx)
                        .mapJobManagerPod(
                                d ->
                                        d.editMainContainer(
                                                c ->
                                                        c.addNewEnv()
                                                                .withName("ADDR")
                                                                .withValue("$(POD_IP):6123")
                                                                .endEnv()
                                                                .addNewEnv()
                                                                .withName(FlinkPorts.POD_IP_ENV)
                                                                .withValue("spoofed")
                                                                .endEnv()));

        Rendering out = step.apply(ctx, in);

        assertThat(out.jobManagerPod().mainContainer().getArgs())
                .containsExactly("jobmanager", "$(POD_IP)");
        assertThat(out.jobManagerPod().mainContainer().getEnv())
                .extracting(EnvVar::getName)
                .containsExactly(FlinkPorts.POD_IP_ENV, "ADDR");
        assertThat(out.jobManagerPod().mainContainer().getEnv().get(0).getValue()).isNull();
        assertThat(out.taskManagerPod().mainContainer().getEnv()).isEmpty();
    }

    @Test
    void flink118HasNoJarsArgumentAndAdvisesWhenTheJarIsNotInUsrlib() {
        RenderContext ctx =
                RenderFixtures.context(
                        RenderFixtures.minimalApplication()
                                .edit()
                                .flinkVersion(FlinkVersion.V1_18)
                                .job(JobSpec.ofJar("s3://bucket/orders.jar"))
                                .build());

        Rendering out = step.apply(ctx, RenderFixtures.inputFor(PodCommandStep.ID, ctx));

        assertThat(out.jobManagerPod().mainContainer().getArgs()).containsExactly("standalone-job");
        assertThat(out.advisories()).extracting(Advisory::path).containsExactly("job.jarURI");
    }

    @Test
    void flink118WithTheJarInUsrlibNeedsNoAdvisory() {
        RenderContext ctx =
                RenderFixtures.context(
                        RenderFixtures.minimalApplication()
                                .edit()
                                .flinkVersion(FlinkVersion.V1_18)
                                .build());

        assertThat(step.apply(ctx, RenderFixtures.inputFor(PodCommandStep.ID, ctx)).advisories())
                .isEmpty();
    }
}
