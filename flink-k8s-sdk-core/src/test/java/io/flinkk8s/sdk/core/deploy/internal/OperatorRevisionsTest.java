package io.flinkk8s.sdk.core.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.internal.cluster.RevisionLog;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.deploy.status.Revision.Start;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.operator.crd.status.FlinkDeploymentStatus;
import io.flinkk8s.sdk.core.operator.crd.status.JobStatus;
import io.flinkk8s.sdk.core.operator.crd.status.ReconciliationStatus;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperatorRevisionsTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final String SP = "s3://flink/orders/savepoints/savepoint-1";
    private static final FlinkDeploymentSpec V1 =
            Specs.statefulHa().withTarget(RenderTarget.OPERATOR);
    private static final FlinkDeploymentSpec V2 = V1.withImage("registry.example.com/orders:2");

    /** Revision 1 started without state, revision 2 by the operator's upgrade. */
    private static StateRecord upgradedByTheOperator(
            FlinkDeploymentSpec v1, FlinkDeploymentSpec v2) {
        StateRecord one =
                RevisionLog.applied(
                        StateRecord.first(v1),
                        Start.of(Start.Kind.NONE),
                        null,
                        null,
                        null,
                        T,
                        "flink-k8s-sdk",
                        10);
        return RevisionLog.applied(
                one.withSpec(v2),
                Start.of(Start.Kind.BY_OPERATOR),
                null,
                null,
                null,
                T.plusSeconds(60),
                "flink-k8s-sdk",
                10);
    }

    private static FlinkDeployment live(String reconciliation, String job, String upgradePath) {
        FlinkDeployment d = new FlinkDeployment();
        d.setStatus(
                new FlinkDeploymentStatus(
                        new JobStatus("orders", "0a", job, null, null, upgradePath, null, null),
                        null,
                        2L,
                        "STABLE",
                        new ReconciliationStatus(1L, null, null, reconciliation),
                        "READY",
                        null,
                        null,
                        null));
        return d;
    }

    @Test
    void aFinishedOperatorSavepointUpgradeIsTheCurrentStartAndThePreviousRevisionsEnd() {
        StateRecord learned =
                OperatorRevisions.learned(
                        upgradedByTheOperator(V1, V2), live("DEPLOYED", "RUNNING", SP));

        Revision one = learned.revisions().get(0);
        Revision two = learned.revisions().get(1);
        assertThat(two.startedFrom()).isEqualTo(new Start(Start.Kind.SAVEPOINT, SP));
        assertThat(one.endSavepoint()).contains(SP);
        assertThat(one.ending().byRevision()).isEqualTo(2);
    }

    @Test
    void anUpgradeTheOperatorHasNotFinishedTeachesNothing() {
        StateRecord state = upgradedByTheOperator(V1, V2);

        assertThat(OperatorRevisions.learned(state, live("UPGRADING", "RUNNING", SP)))
                .isEqualTo(state);
        assertThat(OperatorRevisions.learned(state, live("DEPLOYED", "RECONCILING", SP)))
                .isEqualTo(state);
        assertThat(OperatorRevisions.learned(state, null)).isEqualTo(state);
    }

    @Test
    void theOperatorsLastStateMarkerIsNoSavepoint() {
        StateRecord state = upgradedByTheOperator(V1, V2);

        assertThat(
                        OperatorRevisions.learned(
                                state,
                                live("DEPLOYED", "RUNNING", OperatorRevisions.LAST_STATE_MARKER)))
                .isEqualTo(state);
    }

    @Test
    void anUpgradeModeOtherThanSavepointTeachesNothing() {
        FlinkDeploymentSpec lastState =
                V2.withJob(V2.job().withUpgradeMode(UpgradeMode.LAST_STATE));
        StateRecord state = upgradedByTheOperator(V1, lastState);

        assertThat(OperatorRevisions.learned(state, live("DEPLOYED", "RUNNING", SP)))
                .isEqualTo(state);
    }
}
