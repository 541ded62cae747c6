package io.flinkk8s.sdk.core.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.error.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void buildsPathsWithDotsForFieldsIndexesForItemsAndQuotedKeysForEntries() {
        // given
        Checks checks = new Checks();
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("taskmanager.numberOfTaskSlots", "two");
        entries.put("it's", "x");

        // when
        checks.report("name", "must be set", null);
        checks.at("taskManager", () -> checks.at("resource", () -> checks.report("cpu", "m", "0")));
        checks.eachItem("env", List.of("A", "B"), (item, i) -> checks.report("name", "m", item));
        checks.eachEntry("flinkConfiguration", entries, (key, value) -> checks.report("m", value));

        // then
        assertThat(checks.violations())
                .extracting(Violation::path)
                .containsExactly(
                        "name",
                        "taskManager.resource.cpu",
                        "env[0].name",
                        "env[1].name",
                        "flinkConfiguration['taskmanager.numberOfTaskSlots']",
                        "flinkConfiguration['it\\'s']");
    }

    @Test
    void leavesTheStackBalancedSoThatLaterReportsAreAtTheTopLevel() {
        Checks checks = new Checks();

        checks.at("job", () -> checks.report("parallelism", "must be >= 1", 0));
        checks.report("checkpointing", "m", null);

        assertThat(checks.violations())
                .extracting(Violation::path)
                .containsExactly("job.parallelism", "checkpointing");
    }

    @Test
    void atLeastReportsTheRejectedValueAsGivenAndSaysWhetherItPassed() {
        Checks checks = new Checks();

        boolean low = checks.atLeast("replicas", 0, 1);
        boolean ok = checks.atLeast("taskSlots", 1, 1);

        assertThat(low).isFalse();
        assertThat(ok).isTrue();
        assertThat(checks.violations())
                .containsExactly(new Violation("replicas", "must be >= 1", 0));
    }

    @Test
    void writesAMapEntryForMessagesTheWayPathsWriteIt() {
        assertThat(Checks.entryPath("flinkConfiguration", "state.savepoints.dir"))
                .isEqualTo("flinkConfiguration['state.savepoints.dir']");
    }
}
