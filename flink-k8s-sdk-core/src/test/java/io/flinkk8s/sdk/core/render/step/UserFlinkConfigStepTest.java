package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserFlinkConfigStepTest {

    /** Renders without judging the spec, so that a test may bypass validation. */
    private static Rendering render(Map<String, String> flinkConfiguration) {
        RenderContext ctx =
                RenderFixtures.unjudgedContext(
                        RenderFixtures.statefulHaApplication()
                                .edit()
                                .flinkConfiguration(flinkConfiguration)
                                .build());
        return new UserFlinkConfigStep()
                .apply(ctx, RenderFixtures.inputFor(UserFlinkConfigStep.ID, ctx));
    }

    @Test
    void aDeprecatedAliasOfADerivedKeyReplacesTheSdkValueWithAnAdvisory() {
        Rendering out = render(Map.of("state.checkpoints.dir", "s3://elsewhere"));

        assertThat(out.config().asMap())
                .containsEntry("state.checkpoints.dir", "s3://elsewhere")
                .doesNotContainKey("execution.checkpointing.dir");
        assertThat(out.advisories())
                .containsExactly(
                        new Advisory(
                                "flinkConfiguration['state.checkpoints.dir']",
                                "overrides the value the SDK derives from the spec"
                                        + " ('s3://flink/payments/checkpoints'); 's3://elsewhere'"
                                        + " is used"));
    }

    @Test
    void theSameValueInAnotherNotationIsNoAdvisory() {
        Rendering out = render(Map.of("jobmanager.memory.process.size", "2048m"));

        assertThat(out.config().asMap()).containsEntry("jobmanager.memory.process.size", "2048m");
        assertThat(out.advisories()).isEmpty();
    }

    @Test
    void keysTheSdkDoesNotDeriveAreAddedAsGiven() {
        Rendering out = render(Map.of("state.backend.type", "rocksdb"));

        assertThat(out.config().asMap()).containsEntry("state.backend.type", "rocksdb");
        assertThat(out.advisories()).isEmpty();
    }

    @Test
    void anOwnedKeyIsNeverOverwrittenEvenIfValidationWasBypassed() {
        Rendering out = render(Map.of("rest.port", "9999"));

        assertThat(out.config().asMap()).containsEntry("rest.port", "8081");
        assertThat(out.advisories())
                .extracting(Advisory::path)
                .containsExactly("flinkConfiguration['rest.port']");
    }
}
