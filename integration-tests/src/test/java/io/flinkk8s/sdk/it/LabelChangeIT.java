package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.JobImpact;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The spec's labels and annotations are the objects' metadata, not the pods' (issue 15's
 * acceptance: a label-only change plans NONE): changing them replaces no pod and restarts no job,
 * on both targets; pod labels and annotations come from the pod template.
 */
class LabelChangeIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<String> podUids() {
        return fixture.cluster.client().pods().inNamespace(NS).list().getItems().stream()
                .map(Pod::getMetadata)
                .map(m -> m.getName() + "/" + m.getUid())
                .sorted()
                .toList();
    }

    private JobID runningJob() {
        return fixture.runtime(NS, "orders").jobs().get(0).id();
    }

    @ParameterizedTest
    @EnumSource(RenderTarget.class)
    void aLabelOrAnnotationOnlyChangePlansNoneAndRollsNoPod(RenderTarget target) {
        // given
        FlinkDeploymentSpec v1 = Specs.orders().withTarget(target);
        deployer.apply(v1).waitUntilRunning(WAIT);
        fixture.cluster.settle();
        List<String> pods = podUids();
        JobID job = runningJob();
        FlinkDeploymentSpec labelled =
                FlinkK8s.from(v1)
                        .addLabel("team", "payments")
                        .addAnnotation("example.com/owner", "payments@example.com")
                        .build();
        // when
        JobImpact planned = deployer.plan(labelled).jobImpact();
        FlinkDeploymentHandle orders = deployer.apply(labelled);
        orders.waitUntilRunning(WAIT);
        fixture.cluster.settle();
        // then
        assertThat(planned.kind()).isEqualTo(JobImpact.Kind.NONE);
        assertThat(planned.reasons())
                .containsExactlyInAnyOrder("labels.team", "annotations['example.com/owner']");
        assertThat(orders.lastApply().orElseThrow().transition()).isEqualTo(Transition.NONE);
        assertThat(podUids()).isEqualTo(pods);
        assertThat(runningJob()).isEqualTo(job);
        HasMetadata owner =
                target == RenderTarget.OPERATOR
                        ? fixture.cluster
                                .client()
                                .genericKubernetesResources(
                                        "flink.apache.org/v1beta1", "FlinkDeployment")
                                .inNamespace(NS)
                                .withName("orders")
                                .get()
                        : fixture.cluster
                                .client()
                                .apps()
                                .deployments()
                                .inNamespace(NS)
                                .withName("orders-jobmanager")
                                .get();
        assertThat(owner.getMetadata().getLabels()).containsEntry("team", "payments");
        assertThat(owner.getMetadata().getAnnotations())
                .containsEntry("example.com/owner", "payments@example.com");
        assertThat(fixture.cluster.client().pods().inNamespace(NS).list().getItems())
                .allSatisfy(p -> assertThat(p.getMetadata().getLabels()).doesNotContainKey("team"));
    }

    @Test
    void podLabelsAndAnnotationsComeFromThePodTemplate() {
        // when
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders())
                        .podTemplate(
                                new PodTemplateSpecBuilder()
                                        .withNewMetadata()
                                        .withLabels(Map.of("team", "payments"))
                                        .withAnnotations(Map.of("example.com/scrape", "true"))
                                        .endMetadata()
                                        .build())
                        .build();
        deployer.apply(spec).waitUntilRunning(WAIT);
        // then
        assertThat(fixture.cluster.client().pods().inNamespace(NS).list().getItems())
                .isNotEmpty()
                .allSatisfy(
                        p -> {
                            assertThat(p.getMetadata().getLabels())
                                    .containsEntry("team", "payments");
                            assertThat(p.getMetadata().getAnnotations())
                                    .containsEntry("example.com/scrape", "true");
                        });
    }
}
