package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.status.UpgradeStep;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateRecordTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void survivesItsJsonForm() {
        StateRecord record =
                StateRecord.first(Specs.statefulHa())
                        .withRestoreSavepoint("s3://sp/savepoint-1")
                        .withSavepoint(
                                new SavepointRecord(
                                        "s3://sp/savepoint-1",
                                        "ab12",
                                        T,
                                        SavepointRecord.Reason.UPGRADE))
                        .withUpgrade(
                                new StateRecord.Upgrade(
                                        Specs.statefulHa().withImage("orders:2"),
                                        UpgradeStep.SAVEPOINT_TAKEN,
                                        "ab12",
                                        "s3://sp/savepoint-1",
                                        "deployer-1",
                                        T,
                                        T.plusSeconds(5)))
                        .withApplied(
                                List.of(
                                        new ObjectRef(
                                                "v1", "Service", "streaming", "orders-rest")));

        StateRecord read = StateRecord.fromJson(record.toJson(), "streaming", "42");

        assertThat(read).isEqualTo(record.withResourceVersion("42"));
    }

    @Test
    void aHeldTaskManagerCountSurvivesItsJsonFormAndTheRecordsOtherChanges() {
        // given
        StateRecord held = StateRecord.first(Specs.statefulHa()).withHeldTaskManagers(6);
        // when
        StateRecord changed =
                held.withSpec(Specs.statefulHa().withImage("orders:2"))
                        .withRestoreSavepoint("s3://sp/savepoint-2")
                        .withApplied(List.of())
                        .withSavepoint(
                                new SavepointRecord("sp", null, T, SavepointRecord.Reason.MANUAL))
                        .withDeletedAt(null)
                        .withResourceVersion("7");
        StateRecord read = StateRecord.fromJson(changed.toJson(), "streaming", "7");
        // then
        assertThat(changed.heldTaskManagers()).isEqualTo(6);
        assertThat(read).isEqualTo(changed);
        assertThat(changed.toJson()).contains("\"heldTaskManagers\" : 6");
    }

    @Test
    void aRecordWithoutAHeldCountReadsAsHoldingNone() {
        String json = StateRecord.first(Specs.statefulHa()).toJson();

        assertThat(json).doesNotContain("heldTaskManagers");
        assertThat(StateRecord.fromJson(json, "streaming", "1").heldTaskManagers()).isNull();
    }

    @Test
    void keepsTheLatestSavepointsOnly() {
        StateRecord record = StateRecord.first(Specs.minimalApplication());
        for (int i = 0; i < StateRecord.HISTORY + 5; i++) {
            record =
                    record.withSavepoint(
                            new SavepointRecord("sp-" + i, null, T, SavepointRecord.Reason.MANUAL));
        }

        assertThat(record.savepoints()).hasSize(StateRecord.HISTORY);
        assertThat(record.latestSavepoint().path()).isEqualTo("sp-" + (StateRecord.HISTORY + 4));
    }

    @Test
    void theHashTellsSpecsApart() {
        assertThat(StateRecord.hash(Specs.statefulHa()))
                .isEqualTo(StateRecord.hash(Specs.statefulHa()))
                .isNotEqualTo(StateRecord.hash(Specs.statefulHa().withImage("orders:2")));
    }
}
