package io.flinkk8s.sdk.core.deploy.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.SessionJobStatus;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.core.operator.crd.status.FlinkSessionJobStatus;
import io.flinkk8s.sdk.core.operator.crd.status.JobStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionJobObserverTest {

    private static final String JOB_ID = "0123456789abcdef0123456789abcdef";

    private static FlinkSessionJob resource(long generation, Long observed, String lifecycle) {
        FlinkSessionJob cr = new FlinkSessionJob();
        cr.setMetadata(
                new ObjectMetaBuilder()
                        .withName("clicks")
                        .withNamespace("streaming")
                        .withGeneration(generation)
                        .build());
        cr.setStatus(
                new FlinkSessionJobStatus(
                        new JobStatus(
                                "clicks",
                                JOB_ID,
                                "RUNNING",
                                null,
                                null,
                                "s3://sp/savepoint-1",
                                null,
                                null),
                        null,
                        observed,
                        lifecycle,
                        null));
        return cr;
    }

    @Test
    void aStableStatusOfTheCurrentGenerationIsRunningWithItsJob() {
        SessionJobStatus status =
                SessionJobObserver.status(
                        "streaming", "clicks", Optional.of(resource(2, 2L, "STABLE")));

        assertThat(status.lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(status.job().id()).isEqualTo(JOB_ID);
        assertThat(status.upgradeSavepointPath()).isEqualTo("s3://sp/savepoint-1");
        assertThat(status.message()).isEqualTo("operator: lifecycle STABLE, job RUNNING");
    }

    @Test
    void aStatusOfAnOlderGenerationIsUpgradingNotRunning() {
        SessionJobStatus status =
                SessionJobObserver.status(
                        "streaming", "clicks", Optional.of(resource(3, 2L, "STABLE")));

        assertThat(status.lifecycle()).isEqualTo(Lifecycle.UPGRADING);
        assertThat(status.message()).contains("generation 3 not reconciled yet");
    }

    @Test
    void aMissingResourceIsDeleted() {
        SessionJobStatus status =
                SessionJobObserver.status("streaming", "clicks", Optional.empty());

        assertThat(status.lifecycle()).isEqualTo(Lifecycle.DELETED);
        assertThat(status.job()).isNull();
        assertThat(status.message()).isEqualTo("no FlinkSessionJob streaming/clicks");
    }

    @Test
    void aSuspendedSessionJobIsSuspended() {
        SessionJobStatus status =
                SessionJobObserver.status(
                        "streaming", "clicks", Optional.of(resource(2, 2L, "SUSPENDED")));

        assertThat(status.lifecycle()).isEqualTo(Lifecycle.SUSPENDED);
    }
}
