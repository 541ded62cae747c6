package io.flinkk8s.sdk.core.deploy.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.JobImpact.RestoreSource;
import io.flinkk8s.sdk.core.deploy.internal.job.RestoreChoice.Choice;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.policy.StaleStateAction;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestoreChoiceTest {

    private static final Instant T = Instant.parse("2026-01-02T03:00:00Z");

    private static RestoreSource savepoint(Duration age) {
        return new RestoreSource(
                RestoreSource.Type.SAVEPOINT, "s3://sp/sp-1", T.minus(age), age, "state record");
    }

    private static RestoreSource checkpoint(Duration age) {
        return new RestoreSource(
                RestoreSource.Type.CHECKPOINT, "s3://cp/chk-7", T.minus(age), age, "Flink");
    }

    private static RestorePolicy policy(RestoreFrom from, Duration maxAge, StaleStateAction when) {
        return new RestorePolicy(from, maxAge, when);
    }

    @Test
    void latestSavepointOnlyNeverPicksANewerCheckpoint() {
        Choice choice =
                RestoreChoice.judge(
                        policy(RestoreFrom.LATEST_SAVEPOINT, null, null),
                        savepoint(Duration.ofHours(2)),
                        checkpoint(Duration.ofMinutes(1)),
                        "the upgrade");
        assertThat(choice).isEqualTo(new Choice(savepoint(Duration.ofHours(2)), null));
    }

    @Test
    void checkpointOrSavepointPicksTheNewerOne() {
        Choice choice =
                RestoreChoice.judge(
                        policy(RestoreFrom.LATEST_CHECKPOINT_OR_SAVEPOINT, null, null),
                        savepoint(Duration.ofHours(2)),
                        checkpoint(Duration.ofMinutes(1)),
                        "the upgrade");
        assertThat(choice.path()).isEqualTo("s3://cp/chk-7");
    }

    @Test
    void aStateOlderThanMaxAgeIsRefusedSayingWhichAndWhatToDo() {
        Choice choice =
                RestoreChoice.judge(
                        policy(RestoreFrom.LATEST_SAVEPOINT, Duration.ofHours(1), null),
                        savepoint(Duration.ofMinutes(90)),
                        null,
                        "the resume");
        assertThat(choice.refusal())
                .isEqualTo(
                        "the restore policy refuses the resume: savepoint s3://sp/sp-1 is 1 h 30"
                                + " min old, over restore.maxAge 1 h (restore.whenTooOld: refuse)."
                                + " To go on, take a newer savepoint, raise restore.maxAge, or set"
                                + " restore.whenTooOld to start-without-state to start the job"
                                + " without state.");
    }

    @Test
    void aStateOfUnknownAgeCannotBeShownToBeWithinMaxAge() {
        RestoreSource unknownAge =
                new RestoreSource(RestoreSource.Type.SAVEPOINT, "s3://sp/x", null, null, null);
        Choice choice =
                RestoreChoice.judge(
                        policy(RestoreFrom.LATEST_SAVEPOINT, Duration.ofHours(1), null),
                        unknownAge,
                        null,
                        "the resume");
        assertThat(choice.refusal()).contains("savepoint s3://sp/x has no known age");
    }

    @Test
    void anAllowedFallbackStartsWithoutStateAndSaysWhy() {
        Choice choice =
                RestoreChoice.judge(
                        policy(
                                RestoreFrom.LATEST_SAVEPOINT,
                                Duration.ofHours(1),
                                StaleStateAction.START_WITHOUT_STATE),
                        savepoint(Duration.ofDays(3)),
                        null,
                        "the resume");
        assertThat(choice.refused()).isFalse();
        assertThat(choice.path()).isNull();
        assertThat(choice.source().origin())
                .isEqualTo(
                        "restore policy: savepoint s3://sp/sp-1 is 3 d 0 h old, over"
                                + " restore.maxAge 1 h and restore.whenTooOld is"
                                + " start-without-state; it stays in the savepoint history");
    }

    @Test
    void fromNoneStartsWithoutStateAndNamesTheSavepointKept() {
        Choice choice =
                RestoreChoice.judge(
                        policy(RestoreFrom.NONE, null, null),
                        savepoint(Duration.ZERO),
                        null,
                        "the upgrade");
        assertThat(choice.source())
                .isEqualTo(
                        RestoreSource.none(
                                "restore.from is none; savepoint s3://sp/sp-1 stays in the"
                                        + " savepoint history"));
    }

    @Test
    void aSavepointThisApplyTakesIsNeverTooOld() {
        Choice choice =
                RestoreChoice.newSavepoint(
                        policy(RestoreFrom.LATEST_SAVEPOINT, Duration.ofSeconds(1), null),
                        "s3://sp");
        assertThat(choice.source().type()).isEqualTo(RestoreSource.Type.NEW_SAVEPOINT);
        assertThat(choice.refused()).isFalse();
    }
}
