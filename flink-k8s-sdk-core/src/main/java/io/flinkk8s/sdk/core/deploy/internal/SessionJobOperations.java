package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.SessionJobResult;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.SessionJobRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.observe.SessionJobObserver;
import io.flinkk8s.sdk.core.deploy.internal.observe.StandaloneSessionJobObserver;
import io.flinkk8s.sdk.core.deploy.status.SessionJobStatus;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.ResourceNames;
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
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;

/**
 * The engine behind one {@code FlinkSessionJobHandle}. On a session cluster of target operator, a
 * session job is a {@code FlinkSessionJob}, applied and moved through the Flink Kubernetes
 * Operator, which carries out every change by the job's upgrade mode. On a session cluster the SDK
 * deployed with target standalone, the deployer submits and moves the job itself ({@link
 * StandaloneSessionJob}) and keeps its {@code SessionJobRecord}; a session job with such a record
 * is a standalone one. Holds nothing: each operation reads what it needs from the cluster.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class SessionJobOperations {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;

    private final StandaloneSessionJob standalone;

    SessionJobOperations(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
        this.standalone = new StandaloneSessionJob(ctx, namespace, name);
    }

    /**
     * Judges {@code job} with the live session deployment it names, then, on a session of target
     * standalone, moves the job itself; on target operator, server-side-applies its {@code
     * FlinkSessionJob}.
     *
     * @throws io.flinkk8s.sdk.core.error.InvalidSpecException listing every violation of the job on
     *     that session
     * @throws FlinkK8sException when the session deployment does not exist
     */
    public SessionJobResult apply(EffectiveSessionJob job) {
        Optional<StateRecord> sdkSession = sdkSession(job.spec().deploymentName());
        if (sdkSession.isPresent()
                && sdkSession.get().effective().spec().target() != RenderTarget.OPERATOR) {
            SessionJobValidator.validate(job.asWritten(), sdkSession.get().spec()).throwIfInvalid();
            return standalone.apply(job, sdkSession.get().effective().spec());
        }
        FlinkDeploymentSpec session = operatorSession(job.spec(), sdkSession);
        SessionJobValidator.validate(job.asWritten(), session).throwIfInvalid();
        FlinkSessionJob resource = Renderer.defaults().render(job).get(FlinkSessionJob.class, name);
        String before = resourceVersion();
        ctx.applier().apply(resource);
        ctx.progress()
                .report(
                        namespace,
                        name,
                        "apply",
                        "FlinkSessionJob applied on session " + job.spec().deploymentName());
        return operatorResult(before);
    }

    /** Waits until the job runs for the spec last applied. */
    public void waitUntilRunning(Duration timeout) {
        if (isStandalone()) {
            new StandaloneSessionJobObserver(ctx, namespace, name).untilRunning(timeout);
            return;
        }
        new SessionJobObserver(ctx, namespace, name).untilRunning(timeout);
    }

    /** The status, read now. */
    public SessionJobStatus status() {
        if (isStandalone()) {
            return new StandaloneSessionJobObserver(ctx, namespace, name).status();
        }
        return new SessionJobObserver(ctx, namespace, name).status();
    }

    /** Suspends the job: with a savepoint, unless its upgrade mode is stateless. */
    public SessionJobResult suspend() {
        Optional<SessionJobRecord> record = ctx.states().readSessionJob(namespace, name);
        if (record.isPresent()) {
            return standalone.suspend(standaloneSession(record.get()));
        }
        return applyState(JobState.SUSPENDED);
    }

    /** Starts the suspended job again, from the savepoint its suspension took. */
    public SessionJobResult resume() {
        Optional<SessionJobRecord> record = ctx.states().readSessionJob(namespace, name);
        if (record.isPresent()) {
            return standalone.resume(standaloneSession(record.get()));
        }
        return applyState(JobState.RUNNING);
    }

    /**
     * A savepoint of the running job into the session cluster's configured savepoint directory: on
     * target standalone through the JobManager, recorded in the session job's history; on target
     * operator through a {@code FlinkStateSnapshot} referencing the {@code FlinkSessionJob}.
     */
    public SavepointRecord triggerSavepoint() {
        Optional<SessionJobRecord> record = ctx.states().readSessionJob(namespace, name);
        if (record.isPresent()) {
            return standalone.triggerSavepoint(standaloneSession(record.get()));
        }
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

    /**
     * Deletes the session job; the session cluster keeps running. On target standalone the job is
     * cancelled (stopped with a savepoint first when {@code options} say so) and its record kept
     * unless {@code options} say otherwise; on target operator the {@code FlinkSessionJob} is
     * deleted (after a savepoint through a {@code FlinkStateSnapshot} when asked) and the operator
     * cancels the job.
     */
    public void delete(DeleteOptions options) {
        Optional<SessionJobRecord> record = ctx.states().readSessionJob(namespace, name);
        if (record.isPresent()) {
            standalone.delete(options, standaloneSession(record.get()));
            return;
        }
        if (options.savepointFirst()) {
            triggerSavepoint();
        }
        FlinkSessionJob ref = new FlinkSessionJob();
        ref.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        ctx.applier().delete(ref);
        ctx.progress().report(namespace, name, "delete", "FlinkSessionJob deleted");
    }

    private boolean isStandalone() {
        return ctx.states().readSessionJob(namespace, name).isPresent();
    }

    /** The session deployment the SDK applied under {@code sessionName}, if not deleted. */
    private Optional<StateRecord> sdkSession(String sessionName) {
        return ctx.states().read(namespace, sessionName).filter(s -> s.deletedAt() == null);
    }

    /** The effective spec of a standalone session job's session; null when it is gone. */
    private FlinkDeploymentSpec standaloneSession(SessionJobRecord record) {
        return sdkSession(record.spec().deploymentName())
                .map(s -> s.effective().spec())
                .orElse(null);
    }

    /** The {@code FlinkSessionJob}'s resource version now; null when there is none. */
    private String resourceVersion() {
        return new SessionJobObserver(ctx, namespace, name)
                .read()
                .map(r -> r.getMetadata().getResourceVersion())
                .orElse(null);
    }

    /**
     * An operator-target result: whether the {@code FlinkSessionJob} changed since {@code before}.
     */
    private SessionJobResult operatorResult(String before) {
        boolean changed = !Objects.equals(before, resourceVersion());
        return new SessionJobResult(
                namespace, name, ApplyResult.Transition.NONE, changed, null, null);
    }

    private SessionJobResult applyState(JobState state) {
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
        String before = live.getMetadata().getResourceVersion();
        ctx.applier().apply(changed);
        ctx.progress().report(namespace, name, state.wireValue(), "job.state " + state.wireValue());
        return operatorResult(before);
    }

    /**
     * The operator-target session deployment {@code job} names, as the SDK applied it ({@code
     * sdkSession}, its state record) or, for a session the SDK did not apply, read back from the
     * live {@code FlinkDeployment}.
     *
     * @throws FlinkK8sException naming the session job and the session when there is neither
     */
    private FlinkDeploymentSpec operatorSession(
            io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec job,
            Optional<StateRecord> sdkSession) {
        String sessionName = job.deploymentName();
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
                            + " (deploymentName), but there is no such deployment: no"
                            + " FlinkDeployment "
                            + namespace
                            + "/"
                            + sessionName
                            + " and no deployment the SDK applied under that name (state record "
                            + ResourceNames.of(sessionName).sdkState()
                            + "). Apply the session cluster first (a spec without a job, target"
                            + " standalone or operator), or correct deploymentName. Nothing was"
                            + " written.");
        }
        return sdkSession.map(StateRecord::spec).orElseGet(() -> imported(live));
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
