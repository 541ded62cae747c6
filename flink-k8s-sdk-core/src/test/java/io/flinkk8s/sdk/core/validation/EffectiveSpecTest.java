package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.testing.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EffectiveSpecTest {

    @Test
    void holdsTheSpecWithItsDefaultsAndTheSpecAsWritten() {
        FlinkDeploymentSpec written = Specs.minimalApplication();

        EffectiveSpec effective = EffectiveSpec.of(written);

        assertThat(effective.asWritten()).isSameAs(written);
        assertThat(effective.spec()).isEqualTo(SpecDefaults.apply(written));
        assertThat(effective.namespace()).isEqualTo(SpecDefaults.NAMESPACE);
        assertThat(effective.name()).isEqualTo("orders");
    }

    @Test
    void anInvalidSpecIsRefusedWithEveryViolation() {
        FlinkDeploymentSpec invalid =
                Specs.statefulHa()
                        .edit()
                        .name("Orders")
                        .taskManager(new TaskManagerSpec(0, 2, null, null))
                        .build();

        assertThatThrownBy(() -> EffectiveSpec.of(invalid))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(Violation::path)
                                        .contains("name", "taskManager.replicas"));
    }

    @Test
    void aLastAppliedSpecGetsItsDefaultsWithoutBeingJudgedAgain() {
        // given: a spec a newer rule would refuse, as an earlier SDK version may have applied it
        FlinkDeploymentSpec applied = Specs.statefulHa().edit().name("Orders").build();

        EffectiveSpec effective = EffectiveSpec.ofApplied(applied);

        assertThat(effective.spec()).isEqualTo(SpecDefaults.apply(applied));
        assertThat(effective.asWritten()).isSameAs(applied);
    }

    @Test
    void aJobStartedFromASavepointKeepsTheRestAndIsJudgedByThePathRule() {
        EffectiveSpec effective = EffectiveSpec.of(Specs.statefulHa());

        EffectiveSpec started = effective.withJobStartingFrom("s3://flink/savepoint-1");

        assertThat(started.spec().job().initialSavepointPath()).isEqualTo("s3://flink/savepoint-1");
        assertThat(started.spec().withJob(effective.spec().job())).isEqualTo(effective.spec());
        assertThat(started.asWritten()).isSameAs(effective.asWritten());
        assertThatThrownBy(() -> effective.withJobStartingFrom("savepoints/relative"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("job.initialSavepointPath: must be");
    }

    @Test
    void aSessionClusterHasNoJobToStart() {
        EffectiveSpec session = EffectiveSpec.of(Specs.session());

        assertThat(session.withJobStartingFrom("s3://flink/savepoint-1")).isSameAs(session);
    }

    @Test
    void aTaskManagerCountIsJudgedByTheRulesItEnters() {
        // given: parallelism 6 on TaskManagers of 2 slots
        EffectiveSpec effective = EffectiveSpec.of(Specs.statefulHa());

        assertThat(effective.withTaskManagerReplicas(5).spec().taskManager().replicas())
                .isEqualTo(5);
        assertThatThrownBy(() -> effective.withTaskManagerReplicas(0))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("taskManager.replicas: must be >= 1, was 0");
        assertThatThrownBy(() -> effective.withTaskManagerReplicas(2))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("job.parallelism: must be <= taskManager.replicas");
    }

    /**
     * Defaults are applied in one place per kind of spec, so that no part of the SDK can work on a
     * spec it forgot to default: everything after the entry points takes an {@link EffectiveSpec}
     * (or, for a session job, an {@link EffectiveSessionJob}).
     */
    @Test
    void theDefaultsAreAppliedInOnePlaceOfTheMainCode() throws IOException {
        assertThat(mainSourcesCalling(Pattern.compile("SpecDefaults\\s*\\.\\s*apply\\s*\\(")))
                .containsExactlyInAnyOrder(
                        "io/flinkk8s/sdk/core/validation/EffectiveSpec.java",
                        "io/flinkk8s/sdk/core/validation/EffectiveSessionJob.java");
    }

    /**
     * A spec is judged once per call: only where it enters (the public entry points of rendering
     * and the deployer, and a handle's operations, which make their own specs) is an {@link
     * EffectiveSpec} made; the validator runs for nothing else; everything after takes the judged
     * spec, so an apply cannot judge its spec twice. The one exception is the fleet: it judges
     * every cluster's form of the spec before it touches any cluster, and each cluster's deployer
     * then judges the spec it is given again (a second pass over a valid spec, by design). The
     * deployer's engine judges what its apply and bulk calls are given, and judges a spec it judged
     * last for the same deployment (that object or an equal one) no more (a sweep over the same
     * specs).
     */
    @Test
    void specsAreJudgedOnlyWhereTheyEnter() throws IOException {
        assertThat(mainSourcesCalling(Pattern.compile("EffectiveSpec\\s*\\.\\s*of\\s*\\(")))
                .containsExactly(
                        "io/flinkk8s/sdk/core/deploy/FlinkDeployer.java",
                        "io/flinkk8s/sdk/core/deploy/fleet/Fleet.java",
                        "io/flinkk8s/sdk/core/deploy/internal/DeployerEngine.java",
                        "io/flinkk8s/sdk/core/deploy/internal/DeploymentOperations.java",
                        "io/flinkk8s/sdk/core/render/RenderContext.java",
                        "io/flinkk8s/sdk/core/render/Renderer.java");
        assertThat(mainSourcesCalling(Pattern.compile("SpecValidator\\s*\\.\\s*\\w+\\s*\\(")))
                .containsExactly("io/flinkk8s/sdk/core/validation/EffectiveSpec.java");
    }

    /** The core's main sources (relative paths) that call what {@code call} matches. */
    private static List<String> mainSourcesCalling(Pattern call) throws IOException {
        Path root = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> call.matcher(withoutComments(read(f))).find())
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(file.toString(), e);
        }
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
