package io.flinkk8s.sdk.core.deploy.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Deployment whose pods the API server refuses is a cause, as a pod's is. */
class PodFailuresTest {

    private static final String REFUSAL =
            "pods \"orders-taskmanager-5d8c-x7k2n\" is forbidden: exceeded quota: team-quota,"
                    + " requested: pods=1, used: pods=2, limited: pods=2";

    private static Deployment deployment(String name, String conditionStatus) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("ReplicaFailure")
                .withStatus(conditionStatus)
                .withReason("FailedCreate")
                .withMessage(REFUSAL)
                .endCondition()
                .endStatus()
                .build();
    }

    @Test
    void aReplicaFailureConditionIsAFailedCreateCauseWhoseDetailLeavesOutThePodName() {
        List<FailureCause> causes =
                PodFailures.ofWorkloads(List.of(deployment("orders-taskmanager", "True")));

        assertThat(causes)
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.reason()).isEqualTo("FailedCreate");
                            assertThat(c.workload()).isEqualTo("orders-taskmanager");
                            assertThat(c.pod()).isNull();
                            assertThat(c.message())
                                    .isEqualTo(
                                            "the API server refuses the pods of Deployment"
                                                    + " orders-taskmanager: "
                                                    + REFUSAL);
                            assertThat(c.detail())
                                    .isEqualTo(
                                            "exceeded quota: team-quota, requested: pods=1,"
                                                    + " used: pods=2, limited: pods=2");
                        });
    }

    @Test
    void aConditionThatIsNotTrueIsNoCause() {
        assertThat(PodFailures.ofWorkloads(List.of(deployment("orders-taskmanager", "False"))))
                .isEmpty();
    }

    @Test
    void theStatusNamesTheRefusedWorkloadBeforeWhatThePodsShow() {
        ResourceNames names = ResourceNames.of("orders");

        StatusAssembly.Pods pods =
                StatusAssembly.pods(
                        names,
                        List.of(
                                deployment(names.jobManagerDeployment(), "False"),
                                deployment(names.taskManagerDeployment(), "True")),
                        List.of());

        assertThat(pods.causes())
                .extracting(FailureCause::reason, FailureCause::workload)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("FailedCreate", "orders-taskmanager"));
    }
}
