package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link FailureCause} as a core/v1 Warning Event on the workload that shows it (the
 * JobManager or TaskManager Deployment), where {@code kubectl describe deployment} and {@code
 * kubectl get events} show it next to the kubelet's and the scheduler's. One Event per cause: its
 * name is the workload's and a hash of the cause's reason and detail, so a cause seen again (by a
 * later wait, by another replica of the caller) finds its Event already written and writes nothing;
 * a changed cause (another exit reason, another image) is a new Event.
 *
 * <p>Events are advice: one that cannot be written (no permission, the API server does not answer)
 * is logged and the caller goes on.
 */
final class CauseEvents {

    /** The component named as the Events' source and reporting controller. */
    static final String COMPONENT = "flink-k8s-sdk";

    private static final Logger LOG = LoggerFactory.getLogger(CauseEvents.class);
    private static final int CONFLICT = 409;
    private static final int MAX_MESSAGE = 1024;

    private final DeployerContext ctx;
    private final String namespace;

    CauseEvents(DeployerContext ctx, String namespace) {
        this.ctx = ctx;
        this.namespace = namespace;
    }

    /** Writes {@code cause} as an Event on its workload, unless it was written before. */
    void record(FailureCause cause) {
        try {
            Deployment workload =
                    ctx.client()
                            .apps()
                            .deployments()
                            .inNamespace(namespace)
                            .withName(cause.workload())
                            .get();
            if (workload == null) {
                return;
            }
            ctx.client()
                    .v1()
                    .events()
                    .inNamespace(namespace)
                    .resource(event(workload, cause))
                    .create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != CONFLICT) {
                LOG.warn(
                        "Could not write the Event {} on Deployment {}/{} ({}); the cause is in"
                                + " the error and the status all the same",
                        cause.reason(),
                        namespace,
                        cause.workload(),
                        e.getMessage());
            }
        }
    }

    private Event event(Deployment workload, FailureCause cause) {
        String now = ctx.options().clock().instant().toString();
        String message =
                cause.message().length() <= MAX_MESSAGE
                        ? cause.message()
                        : cause.message().substring(0, MAX_MESSAGE - 3) + "...";
        return new EventBuilder()
                .withNewMetadata()
                .withName(name(cause))
                .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName(workload.getMetadata().getName())
                .withNamespace(namespace)
                .withUid(workload.getMetadata().getUid())
                .withResourceVersion(workload.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(EventDigest.WARNING)
                .withReason(cause.reason())
                .withMessage(message)
                .withNewSource()
                .withComponent(COMPONENT)
                .endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(ctx.options().fieldManager())
                .withAction("Wait")
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .build();
    }

    /**
     * {@code <workload>.<16 hex>}: the hash of the cause's identity, as the kubelet names its
     * Events {@code <object>.<hex>}; a valid DNS subdomain for any workload name the SDK renders.
     */
    static String name(FailureCause cause) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(cause.identity().getBytes(StandardCharsets.UTF_8));
            return cause.workload() + "." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SDK bug: SHA-256 is missing from this JVM", e);
        }
    }
}
