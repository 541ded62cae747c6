package io.flinkk8s.sdk.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.ResourceChange.Action;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyPlanTest {

    @Test
    void readsAsASummaryWithOneLinePerWriteAndItsFields() {
        ApplyPlan plan =
                new ApplyPlan(
                        "streaming",
                        "orders",
                        List.of(
                                new ResourceChange(
                                        "ConfigMap",
                                        "orders-flink-config",
                                        Action.UNCHANGED,
                                        List.of()),
                                new ResourceChange(
                                        "Deployment",
                                        "orders-taskmanager",
                                        Action.UPDATE,
                                        List.of(new FieldChange("spec.replicas", "3", "4"))),
                                new ResourceChange(
                                        "Ingress", "orders-rest", Action.PRUNE, List.of())),
                        List.of());

        assertThat(plan.toString().lines().toList())
                .containsExactly(
                        "Plan for streaming/orders: 0 to create, 1 to update, 1 unchanged, 1 to"
                                + " prune",
                        "  ~ Deployment orders-taskmanager",
                        "    spec.replicas: 3 -> 4",
                        "  - Ingress orders-rest");
        assertThat(plan.hasChanges()).isTrue();
    }

    @Test
    void saysWhatHappensToTheJobBeforeTheObjectsWithTheStateItStartsFromAndItsAge() {
        JobImpact impact =
                new JobImpact(
                        JobImpact.Kind.RESUME,
                        List.of("job.state"),
                        new JobImpact.RestoreSource(
                                JobImpact.RestoreSource.Type.SAVEPOINT,
                                "s3://sp/savepoint-1",
                                Instant.parse("2026-01-02T03:04:05Z"),
                                Duration.ofMinutes(185),
                                "state record; taken by SUSPEND"),
                        null,
                        null);
        ApplyPlan plan =
                new ApplyPlan(
                        "streaming",
                        "orders",
                        List.of(
                                new ResourceChange(
                                        "Deployment",
                                        "orders-jobmanager",
                                        Action.UPDATE,
                                        List.of(new FieldChange("spec.replicas", "0", "1")))),
                        List.of(),
                        null,
                        impact);

        assertThat(plan.toString().lines().toList())
                .containsExactly(
                        "Plan for streaming/orders: 0 to create, 1 to update, 0 unchanged, 0 to"
                                + " prune",
                        "  job: RESUME (job.state)",
                        "    job starts from savepoint s3://sp/savepoint-1, taken at"
                                + " 2026-01-02T03:04:05Z, 3 h 5 min old (state record; taken by"
                                + " SUSPEND)",
                        "  ~ Deployment orders-jobmanager",
                        "    spec.replicas: 0 -> 1");
    }

    @Test
    void aRefusedImpactSaysWhyAndWhatIsLost() {
        JobImpact impact =
                new JobImpact(
                        JobImpact.Kind.RECREATE,
                        List.of("target"),
                        JobImpact.RestoreSource.none("the deployment is recreated"),
                        "the standalone application deployment's objects are replaced",
                        "Switching would lose state.");

        assertThat(impact.refused()).isTrue();
        assertThat(impact.toString().lines().toList())
                .containsExactly(
                        "job: RECREATE (target)",
                        "  job starts without state (the deployment is recreated)",
                        "  loses: the standalone application deployment's objects are replaced",
                        "  REFUSED: Switching would lose state.");
    }

    @Test
    void saysWhichSavepointTheJobStartsFromAndWhy() {
        SavepointRecord taken =
                new SavepointRecord(
                        "s3://sp/savepoint-1a2b3c-0123456789ab",
                        "ab12",
                        Instant.parse("2026-01-02T03:04:05Z"),
                        SavepointRecord.Reason.DELETE);
        ApplyPlan plan =
                new ApplyPlan(
                        "streaming",
                        "orders",
                        List.of(),
                        List.of(),
                        new ApplyPlan.JobStart(
                                ApplyPlan.JobStart.Source.STATE_RECORD, taken.path(), taken));

        assertThat(plan.restoreSavepoint()).contains(taken.path());
        assertThat(plan.toString().lines().toList())
                .containsExactly(
                        "Plan for streaming/orders: 0 to create, 0 to update, 0 unchanged, 0 to"
                                + " prune",
                        "  job starts from savepoint s3://sp/savepoint-1a2b3c-0123456789ab (state"
                                + " record; taken by DELETE at 2026-01-02T03:04:05Z)");
    }

    @Test
    void aJobWithoutStateOrWithASavepointStillToTakeHasNoRestoreSavepoint() {
        for (ApplyPlan.JobStart.Source source :
                List.of(ApplyPlan.JobStart.Source.NONE, ApplyPlan.JobStart.Source.NEW_SAVEPOINT)) {
            ApplyPlan plan =
                    new ApplyPlan(
                            "streaming",
                            "orders",
                            List.of(),
                            List.of(),
                            new ApplyPlan.JobStart(source, null, null));

            assertThat(plan.restoreSavepoint()).as("%s", source).isEmpty();
        }
    }

    @Test
    void aPlanOfUnchangedObjectsHasNoChanges() {
        ApplyPlan plan =
                new ApplyPlan(
                        "streaming",
                        "orders",
                        List.of(
                                new ResourceChange(
                                        "Service", "orders-rest", Action.UNCHANGED, List.of())),
                        List.of());

        assertThat(plan.hasChanges()).isFalse();
    }

    @Test
    void aRemovedFieldReadsAsRemoved() {
        assertThat(new FieldChange("data.drop", "2", null))
                .hasToString("data.drop: 2 -> (removed)");
    }
}
