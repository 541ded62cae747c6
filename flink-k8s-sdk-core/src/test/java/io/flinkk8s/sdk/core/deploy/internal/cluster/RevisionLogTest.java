package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.deploy.status.Revision.Ending;
import io.flinkk8s.sdk.core.deploy.status.Revision.Start;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionLogTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final Start FROM_SP1 = new Start(Start.Kind.SAVEPOINT, "s3://sp/savepoint-1");

    private static StateRecord applied(StateRecord state, FlinkDeploymentSpec spec, Start start) {
        return RevisionLog.applied(
                state.withSpec(spec), start, null, null, null, T, "flink-k8s-sdk", 10);
    }

    private static StateRecord threeRevisions() {
        StateRecord one =
                applied(
                        StateRecord.first(Specs.statefulHa()),
                        Specs.statefulHa(),
                        Start.of(Start.Kind.NONE));
        StateRecord two = applied(one, Specs.statefulHa().withImage("orders:2"), FROM_SP1);
        return RevisionLog.applied(
                two.withSpec(Specs.statefulHa().withImage("orders:3")),
                new Start(Start.Kind.SAVEPOINT, "s3://sp/savepoint-3"),
                "s3://sp/savepoint-2",
                1,
                null,
                T.plusSeconds(60),
                "other-manager",
                10);
    }

    @Test
    void revisionsSurviveTheStateRecordsJsonForm() {
        StateRecord record =
                RevisionLog.ended(threeRevisions(), Ending.Kind.FAILED, T, null, "image pull");

        StateRecord read = StateRecord.fromJson(record.toJson(), "streaming", "9");

        assertThat(read).isEqualTo(record.withResourceVersion("9"));
        assertThat(read.revisions()).hasSize(3);
    }

    @Test
    void aRecordWrittenBeforeRevisionsExistedReadsAsAnEmptyHistory() {
        String json =
                StateRecord.first(Specs.statefulHa())
                        .toJson()
                        .replaceAll("(?s),\\s*\"revisions\" : \\[ \\]", "");
        assertThat(json).doesNotContain("revisions");

        assertThat(StateRecord.fromJson(json, "streaming", "1").revisions()).isEmpty();
    }

    @Test
    void aNewSpecEndsTheCurrentRevisionAtTheSavepointItsSuccessorStartedFrom() {
        StateRecord record = threeRevisions();

        assertThat(record.revisions())
                .extracting(Revision::number, Revision::image, Revision::fieldManager)
                .containsExactly(
                        tuple(1, Specs.statefulHa().image(), "flink-k8s-sdk"),
                        tuple(2, "orders:2", "flink-k8s-sdk"),
                        tuple(3, "orders:3", "other-manager"));
        assertThat(record.revisions().get(0).ending())
                .isEqualTo(new Ending(Ending.Kind.SUPERSEDED, T, 2, "s3://sp/savepoint-1", null));
        // a rollback's predecessor ends at the savepoint taken from its job, not the start's
        assertThat(record.revisions().get(1).ending())
                .isEqualTo(
                        new Ending(
                                Ending.Kind.ROLLED_BACK,
                                T.plusSeconds(60),
                                3,
                                "s3://sp/savepoint-2",
                                null));
        assertThat(record.revisions().get(2).rollbackOf()).isEqualTo(1);
        assertThat(record.revisions().get(2).current()).isTrue();
    }

    @Test
    void theSameSpecAddsNoRevisionUnlessItsRevisionWasDeleted() {
        StateRecord record = threeRevisions();

        assertThat(applied(record, record.spec(), FROM_SP1)).isEqualTo(record);
        StateRecord deleted = RevisionLog.ended(record, Ending.Kind.DELETED, T, null, null);
        assertThat(applied(deleted, record.spec(), FROM_SP1).revisions())
                .extracting(Revision::number)
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void theOldestRevisionsAreDroppedBeyondTheLimit() {
        StateRecord record = threeRevisions();

        StateRecord next =
                RevisionLog.applied(
                        record.withSpec(Specs.statefulHa().withImage("orders:4")),
                        FROM_SP1,
                        null,
                        null,
                        null,
                        T,
                        "flink-k8s-sdk",
                        2);

        assertThat(next.revisions()).extracting(Revision::number).containsExactly(3, 4);
    }

    @Test
    void theOldestRevisionsAreDroppedToKeepTheRecordUnderAConfigMapsSize() {
        // specs of about 200 KB each: the record holds the current one and three revisions
        StateRecord record = StateRecord.first(Specs.statefulHa());
        for (int i = 1; i <= 6; i++) {
            Map<String, String> config = new HashMap<>();
            config.put("pipeline.name", "x".repeat(200_000) + i);
            record = applied(record, Specs.statefulHa().withFlinkConfiguration(config), FROM_SP1);
        }

        int size = record.toJson().length();
        assertThat(size).isLessThanOrEqualTo(RevisionLog.MAX_RECORD_CHARS);
        assertThat(record.revisions()).extracting(Revision::number).endsWith(6);
        assertThat(record.revisions()).extracting(Revision::number).containsExactly(4, 5, 6);
    }
}
