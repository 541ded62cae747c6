package io.flinkk8s.sdk.core.deploy.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.UpgradeStep;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

/**
 * The status view keeps a state record's {@link StateFacts} instead of the record: a status made
 * from the facts is the status made from the record, whatever the record says.
 */
class StateFactsTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final FlinkDeploymentSpec SPEC = Specs.statefulHa();
    private static final SavepointRecord SAVEPOINT =
            new SavepointRecord("s3://sp/savepoint-1", "ab12", T, SavepointRecord.Reason.UPGRADE);
    private static final JobInfo RUNNING =
            new JobInfo("ab12", "orders", JobStatus.RUNNING, null, null, null);

    @Test
    void aStatusFromTheFactsIsTheStatusFromTheRecordWhateverTheRecordSays() {
        StateRecord first = StateRecord.first(SPEC);
        List<StateRecord> records =
                List.of(
                        first,
                        first.withSavepoint(SAVEPOINT).withRestoreSavepoint(SAVEPOINT.path()),
                        first.withSpec(SPEC.withJob(SPEC.job().withState(JobState.SUSPENDED))),
                        first.withUpgrade(
                                new StateRecord.Upgrade(
                                        SPEC,
                                        UpgradeStep.SAVEPOINT_TAKEN,
                                        "ab12",
                                        SAVEPOINT.path(),
                                        "deployer-1",
                                        T,
                                        T)),
                        first.withDeletedAt(T),
                        StateRecord.first(Specs.session()));
        StatusAssembly.Pods none =
                StatusAssembly.pods(ResourceNames.of(SPEC.name()), List.of(), List.of());
        for (StateRecord record : records) {
            for (JobInfo job : java.util.Arrays.asList(RUNNING, null)) {
                DeploymentStatus fromRecord =
                        StatusAssembly.assemble(
                                "streaming", "orders", Optional.of(record), none, job, null);
                DeploymentStatus fromFacts =
                        StatusAssembly.assembleFrom(
                                "streaming",
                                "orders",
                                Optional.of(StateFacts.of(record)),
                                none,
                                job,
                                null);
                assertThat(fromFacts).isEqualTo(fromRecord);
            }
        }
    }

    @Test
    void theFactsTellAnOperatorTargetAndASuspendedJobAsTheRecordDoes() {
        StateRecord operator = StateRecord.first(SPEC.withTarget(RenderTarget.OPERATOR));
        StateRecord suspended =
                StateRecord.first(SPEC.withJob(SPEC.job().withState(JobState.SUSPENDED)));

        assertThat(StateFacts.of(operator).operatorTarget())
                .isEqualTo(OperatorObserver.targets(Optional.of(operator)))
                .isTrue();
        assertThat(StateFacts.of(operator.withDeletedAt(T)).operatorTarget()).isFalse();
        assertThat(StateFacts.of(suspended).suspended())
                .isEqualTo(StatusAssembly.suspended(Optional.of(suspended)))
                .isTrue();
        assertThat(StateFacts.of(StateRecord.first(Specs.session())).application()).isFalse();
    }
}
