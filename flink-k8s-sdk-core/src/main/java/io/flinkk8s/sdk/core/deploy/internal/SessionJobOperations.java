package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.observe.SessionJobObserver;
import io.flinkk8s.sdk.core.deploy.status.SessionJobStatus;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.operator.crd.JobSpec;
import io.flinkk8s.sdk.core.operator.importing.ImportResult;
import io.flinkk8s.sdk.core.operator.importing.OperatorImport;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.validation.EffectiveSessionJob;
import io.flinkk8s.sdk.core.validation.SessionJobValidator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;

/**
 * The engine behind one {@code FlinkSessionJobHandle}: a session job's {@code FlinkSessionJob},
 * applied and moved through the Flink Kubernetes Operator, which carries out every change by the
 * job's upgrade mode. Holds nothing: each operation reads the resource from the cluster.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class SessionJobOperations {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;

    SessionJobOperations(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Judges {@code job} with the live session deployment it names, then server-side-applies its
     * {@code FlinkSessionJob}.
     *
     * @throws io.flinkk8s.sdk.core.error.InvalidSpecException listing every violation of the job on
     *     that session
     * @throws FlinkK8sException when the session deployment does not exist
     */
    public void apply(EffectiveSessionJob job) {
        FlinkDeploymentSpec session = session(job.spec());
        SessionJobValidator.validate(job.asWritten(), session).throwIfInvalid();
        FlinkSessionJob resource = Renderer.defaults().render(job).get(FlinkSessionJob.class, name);
        ctx.applier().apply(resource);
        ctx.progress()
                .report(
                        namespace,
                        name,
                        "apply",
                        "FlinkSessionJob applied on session " + job.spec().deploymentName());
    }

    /** Waits until the operator reports the job running for the spec last applied. */
    public void waitUntilRunning(Duration timeout) {
        new SessionJobObserver(ctx, namespace, name).untilRunning(timeout);
    }

    /** The status, read now. */
    public SessionJobStatus status() {
        return new SessionJobObserver(ctx, namespace, name).status();
    }

    /** Applies the live resource with {@code job.state: suspended}. */
    public void suspend() {
        applyState(JobState.SUSPENDED);
    }

    /** Applies the live resource with {@code job.state: running}. */
    public void resume() {
        applyState(JobState.RUNNING);
    }

    /**
     * A savepoint of the running job through a {@code FlinkStateSnapshot} referencing the {@code
     * FlinkSessionJob}, into the cluster's configured savepoint directory.
     */
    public SavepointRecord triggerSavepoint() {
        SessionJobStatus status = status();
        if (status.job() == null || status.job().state() != JobStatus.RUNNING) {
            throw new FlinkJobException(
                    "No job of session job "
                            + namespace
                            + "/"
                            + name
                            + " is RUNNING, so no savepoint can be taken ("
                            + status.message()
                            + "); see status().",
                    null);
        }
        String path =
                new OperatorSavepoints(ctx, ObjectKind.FLINK_SESSION_JOB_KIND, namespace, name)
                        .take(null);
        ctx.progress().report(namespace, name, "savepoint", "savepoint taken: " + path);
        return new SavepointRecord(
                path,
                status.job().id(),
                ctx.options().clock().instant(),
                SavepointRecord.Reason.MANUAL);
    }

    /** Deletes the {@code FlinkSessionJob}; the session cluster keeps running. */
    public void delete() {
        FlinkSessionJob ref = new FlinkSessionJob();
        ref.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        ctx.applier().delete(ref);
        ctx.progress().report(namespace, name, "delete", "FlinkSessionJob deleted");
    }

    private void applyState(JobState state) {
        FlinkSessionJob live =
                new SessionJobObserver(ctx, namespace, name)
                        .read()
                        .orElseThrow(
                                () ->
                                        new FlinkK8sException(
                                                "No FlinkSessionJob "
                                                        + namespace
                                                        + "/"
                                                        + name
                                                        + " exists; apply its spec first."));
        FlinkSessionJobSpec spec = live.getSpec();
        JobSpec j = spec.job();
        FlinkSessionJob changed = new FlinkSessionJob();
        ObjectMeta meta = live.getMetadata();
        changed.setMetadata(
                new ObjectMetaBuilder()
                        .withName(name)
                        .withNamespace(namespace)
                        .withLabels(copy(meta.getLabels()))
                        .withAnnotations(copy(meta.getAnnotations()))
                        .build());
        changed.setSpec(
                new FlinkSessionJobSpec(
                        spec.deploymentName(),
                        spec.flinkConfiguration(),
                        new JobSpec(
                                j.jarURI(),
                                j.entryClass(),
                                j.args(),
                                j.parallelism(),
                                j.upgradeMode(),
                                state.wireValue(),
                                j.initialSavepointPath(),
                                j.allowNonRestoredState(),
                                j.savepointTriggerNonce(),
                                j.checkpointTriggerNonce(),
                                j.savepointRedeployNonce(),
                                j.autoscalerResetNonce()),
                        spec.restartNonce()));
        ctx.applier().apply(changed);
        ctx.progress().report(namespace, name, state.wireValue(), "job.state " + state.wireValue());
    }

    /**
     * The session deployment {@code job} names, as the SDK applied it (its state record) or, for a
     * session the SDK did not apply, read back from the live {@code FlinkDeployment}.
     */
    private FlinkDeploymentSpec session(io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec job) {
        String sessionName = job.deploymentName();
        Optional<StateRecord> record =
                ctx.states().read(namespace, sessionName).filter(s -> s.deletedAt() == null);
        if (record.isPresent()
                && record.get().effective().spec().target() != RenderTarget.OPERATOR) {
            throw new FlinkK8sException(
                    "Session job "
                            + namespace
                            + "/"
                            + name
                            + " names the session deployment "
                            + sessionName
                            + " (deploymentName), which the SDK deployed with target standalone;"
                            + " the deployer submits session jobs through the Flink Kubernetes"
                            + " Operator only (a session with target operator). Submit the job to"
                            + " its JobManager with FlinkJobClient.submitJar instead. Nothing was"
                            + " written.");
        }
        ObjectKind kind = ObjectKind.FLINK_DEPLOYMENT;
        GenericKubernetesResource live =
                ctx.retrier()
                        .call(
                                new ObjectRef(
                                        kind.apiVersion(), kind.kind(), namespace, sessionName),
                                true,
                                () ->
                                        ctx.client()
                                                .genericKubernetesResources(
                                                        kind.apiVersion(), kind.kind())
                                                .inNamespace(namespace)
                                                .withName(sessionName)
                                                .get());
        if (live == null) {
            throw new FlinkK8sException(
                    "Session job "
                            + namespace
                            + "/"
                            + name
                            + " names the session deployment "
                            + sessionName
                            + " (deploymentName), but there is no FlinkDeployment "
                            + namespace
                            + "/"
                            + sessionName
                            + ". Apply the session cluster first (a spec with target operator"
                            + " and no job), or correct deploymentName. Nothing was written.");
        }
        return record.map(StateRecord::spec).orElseGet(() -> imported(live));
    }

    private FlinkDeploymentSpec imported(GenericKubernetesResource live) {
        String json = ctx.client().getKubernetesSerialization().asJson(live);
        String what = "FlinkDeployment " + namespace + "/" + live.getMetadata().getName();
        ImportResult read = OperatorImport.lenient().read(json, what);
        if (read.specs().isEmpty()) {
            throw new FlinkK8sException(
                    "Session job "
                            + namespace
                            + "/"
                            + name
                            + ": the session "
                            + what
                            + " does not read as a deployment spec, so the job cannot be judged on"
                            + " it; check it with kubectl -n "
                            + namespace
                            + " get flinkdeployment "
                            + live.getMetadata().getName()
                            + " -o yaml. Nothing was written.");
        }
        return read.specs().get(0);
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? null : new LinkedHashMap<>(map);
    }
}
