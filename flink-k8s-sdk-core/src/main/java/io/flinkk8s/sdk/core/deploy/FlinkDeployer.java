package io.flinkk8s.sdk.core.deploy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.deploy.internal.BulkReconcile;
import io.flinkk8s.sdk.core.deploy.internal.DeployerEngine;
import io.flinkk8s.sdk.core.deploy.internal.SessionJobOperations;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.PreflightFailedException;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSessionJob;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import io.flinkk8s.sdk.core.validation.SessionJobValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Applies {@link FlinkDeploymentSpec}s to a Kubernetes cluster through the caller's own {@link
 * KubernetesClient}, and drives their jobs' lifecycle. Nothing is static: create as many deployers
 * as you like, each with its options; one deployer serves any number of deployments from any number
 * of threads.
 *
 * <pre>{@code
 * try (FlinkDeployer deployer = FlinkDeployer.create(client, DeployOptions.defaults())) {
 *     ApplyPlan plan = deployer.plan(spec);           // what would change; writes nothing
 *     FlinkDeploymentHandle orders = deployer.apply(spec);
 *     orders.waitUntilRunning(Duration.ofMinutes(5));
 *     deployer.apply(FlinkK8s.from(spec).image("registry.example.com/orders:1.5.0").build());
 *     // SAVEPOINT upgrade mode: stop-with-savepoint, record it, redeploy from it, wait running
 *     orders.suspend();                                // savepoint, then scale to zero
 *     orders.resume();                                 // from the recorded savepoint
 *     DeploymentStatusView all = deployer.statusView(); // every deployment, by watches
 * }
 * }</pre>
 *
 * <p><b>Apply</b> validates first (an invalid spec costs no API request), renders, then
 * server-side-applies each object with the options' field manager in two waves, the objects of one
 * wave concurrently: first what pods need to exist (ServiceAccount, RBAC, ConfigMaps, claims) and
 * the Services, then the Deployments with what only refers to them (HPA, PDBs, network policies,
 * Ingress) and custom resources, so no pod is created before its ServiceAccount, ConfigMaps and
 * claims exist. It compares against what the cluster holds (one LIST per kind) and sends nothing
 * for an object whose applied fields already match, so a second apply of the same spec makes no
 * write request. Objects it applied earlier for the same deployment that the spec no longer renders
 * are pruned; prune never deletes PersistentVolumeClaims (unless {@link
 * DeployOptions#prunePersistentVolumeClaims()}), Flink's HA ConfigMaps or the SDK's state record.
 *
 * <p><b>State in the cluster.</b> What a later call needs (the last applied spec, the savepoint the
 * pods start from, the upgrade in progress and its step, the savepoint history) lives in the
 * ConfigMap {@code <name>-sdk-state}, written with optimistic concurrency, so a restarted service
 * or a second replica picks up where the first left off and two deployers cannot both drive one
 * upgrade. While it upgrades, suspends or deletes with a savepoint, a deployer holds the Lease
 * {@code <name>-sdk-upgrade} ({@code coordination.k8s.io/v1}) and renews it (see {@link
 * DeployOptions#upgradeLeaseDuration()}): another deployer leaves the operation alone while the
 * Lease is held, and finishes it as soon as it is released or expired. The caller needs {@code
 * get}, {@code create} and {@code update} on {@code leases} in the deployment's namespace.
 *
 * <p><b>Upgrades.</b> When an apply changes the pods of a running application job, the job's
 * upgrade mode decides: SAVEPOINT stops the job with a savepoint, records it, redeploys from it and
 * waits until the job runs (if the savepoint fails nothing is redeployed and the old job keeps
 * running; if the new version does not become ready it is rolled back from the same savepoint,
 * unless {@link DeployOptions#rollbackOnFailure()} is off); STATELESS and LAST_STATE redeploy.
 * Changing {@code job.state} suspends or resumes.
 *
 * <p><b>Target operator.</b> A spec with {@code target: operator} renders one {@code
 * FlinkDeployment} custom resource, which apply server-side-applies like any object (the operator's
 * CRDs must be installed); the Flink Kubernetes Operator then deploys it and moves the job on every
 * change by its upgrade mode, so the deployer takes no savepoints itself. Switching a stateful job
 * between targets is refused unless it is suspended and the new spec starts from a savepoint.
 */
public final class FlinkDeployer implements AutoCloseable {

    private final DeployerEngine engine;

    private FlinkDeployer(DeployerEngine engine) {
        this.engine = engine;
    }

    /**
     * A deployer working through {@code client}, which stays the caller's: the deployer never
     * closes it.
     */
    public static FlinkDeployer create(KubernetesClient client, DeployOptions options) {
        return new FlinkDeployer(
                DeployerEngine.start(
                        Objects.requireNonNull(client, "client"),
                        Objects.requireNonNull(options, "options")));
    }

    /**
     * What {@link #apply} would do to the cluster now, object by object, with the fields that would
     * change. Reads (one LIST per kind), writes nothing.
     *
     * @throws InvalidSpecException listing every violation, before any API request
     * @throws ApplyException when the cluster cannot be read
     */
    public ApplyPlan plan(FlinkDeploymentSpec spec) {
        return engine.plan(EffectiveSpec.of(spec));
    }

    /**
     * What would make an apply of {@code spec} fail, found before any write: the namespace missing;
     * on target operator the operator's CRDs missing or not accepting the spec's {@code
     * flinkVersion}; a permission the deployer needs that the caller lacks (one
     * SelfSubjectAccessReview per verb and resource the apply and the lifecycle use); a
     * ResourceQuota too small for the spec with its TaskManagers at the autoscaling maximum, or a
     * LimitRange its containers fall outside; an unknown Ingress class; and the Secrets, ConfigMaps
     * and ServiceAccount the rendered objects refer to missing (or a key they read). Each finding
     * names the object and what to do. Reads and reviews only, never a write; what the caller may
     * not read becomes a warning. {@link DeployOptions#preflightBeforeApply()} runs it before every
     * apply.
     *
     * @throws InvalidSpecException listing every violation, before any API request
     * @throws ApplyException when the cluster cannot be read for another reason than a refusal
     */
    public PreflightReport preflight(FlinkDeploymentSpec spec) {
        return engine.preflight(EffectiveSpec.of(spec));
    }

    /**
     * Whether {@code spec} fits the ResourceQuotas and LimitRanges already in its namespace: the
     * preflight's quota check alone ({@link PreflightFinding.Check#QUOTA}). The spec is sized at
     * its largest: the JobManagers and the TaskManagers at the autoscaling maximum, each Flink
     * container with its CPU, memory and ephemeral storage as request and limit (containers a pod
     * template adds are not counted); a quota's free room is its {@code hard} less its {@code
     * used}, plus what the deployment's own pods use now. A savepoint upgrade needs no more: the
     * SDK stops the job before it replaces the pods (the JobManager with {@code Recreate}), and the
     * TaskManagers' rolling update only waits when a surge pod is over quota. Reads only.
     *
     * @return the findings; {@link PreflightReport#passed()} when it fits
     * @throws InvalidSpecException listing every violation, before any API request
     * @throws ApplyException when the quotas cannot be read for another reason than a refusal
     */
    public PreflightReport fitsQuota(FlinkDeploymentSpec spec) {
        return engine.fitsQuota(EffectiveSpec.of(spec));
    }

    /**
     * Makes the cluster run {@code spec}: validates, renders, applies the difference, prunes, and
     * moves the job if its pods change (see the class documentation). Safe to repeat: the same spec
     * again writes nothing. With the autoscaling strategy {@code operator-hpa} the rendered {@code
     * FlinkDeployment} leaves {@code taskManager.replicas} to its HPA, and the apply that finds it
     * unset sets it once, to {@code autoscaling.minTaskManagers}, through the resource's scale
     * subresource (an HPA does not scale a target at 0 replicas); later applies never touch it.
     *
     * <p>Turning {@code hpa-reactive} on for a running deployment keeps its TaskManagers: before
     * the apply that stops setting the TaskManager Deployment's {@code replicas}, a second field
     * manager ({@code <fieldManager>-handover}) applies the live count, so the field keeps an owner
     * until the HPA's first scaling takes it (server-side apply's documented ownership transfer;
     * without it the API server would reset the count to 1). Turning it off keeps the HPA's last
     * count, recorded in the state record and rendered in place of {@code taskManager.replicas}
     * until the spec's {@code taskManager.replicas} changes or {@link FlinkDeploymentHandle#scale}
     * is called; the plan says so in an advisory.
     *
     * @return a handle on the deployment, whose {@link FlinkDeploymentHandle#lastApply()} says what
     *     this apply did
     * @throws InvalidSpecException listing every violation, before any API request
     * @throws PreflightFailedException with {@link DeployOptions#preflightBeforeApply()}, listing
     *     what would make the apply fail, before any write
     * @throws ApplyException naming the object the API server refused
     * @throws UpgradeException when the job could not be moved to the new spec; it says whether the
     *     old job keeps running. Also, before any write, for a change of {@code target} that would
     *     lose a stateful job's state, and for a switch of an existing {@code FlinkDeployment} to
     *     or from {@code operator-hpa} (the operator refuses a change between its native and
     *     standalone modes)
     */
    public FlinkDeploymentHandle apply(FlinkDeploymentSpec spec) {
        ApplyResult result = engine.apply(engine.judge(spec));
        ApplyPlan plan = result.plan();
        return new FlinkDeploymentHandle(
                engine.deployment(plan.namespace(), plan.name()),
                plan.namespace(),
                plan.name(),
                result);
    }

    /**
     * Applies every spec, as {@link #apply(FlinkDeploymentSpec)} does one, working on at most
     * {@link DeployOptions#bulkConcurrency()} deployments at once (default 4), and returns one
     * outcome per spec in input order: {@code APPLIED}, {@code UNCHANGED}, or {@code FAILED} with
     * its cause. One deployment's failure never stops the others.
     *
     * <p>Every spec is validated before anything is sent: an invalid spec (or a second spec for a
     * deployment already in the input) is a failed outcome with every violation, and costs no
     * request; the others go on. Every request counts against the deployer's {@link
     * DeployOptions#requestRate()}. Each finished deployment is reported to the {@link
     * DeployOptions#progressListener()} (operation {@code apply-all}).
     *
     * <p><b>Cancellation:</b> the call blocks its thread; interrupt that thread (for instance with
     * {@code future.cancel(true)} on the future of an executor it runs on) to stop it. No further
     * deployment is then started; the applies already running finish (an apply, or an upgrade it
     * started, is never cut between its writes, so no deployment is left half-written), every
     * deployment not started is {@code CANCELLED} (nothing was sent for it), and the call returns
     * its result with the thread's interrupt flag set again.
     *
     * @param specs the deployments; a deployment's name and namespace identify its outcome
     * @throws NullPointerException when {@code specs} or one of them is null; nothing is sent
     */
    public BulkResult applyAll(Collection<FlinkDeploymentSpec> specs) {
        return engine.applyAll(checked(specs));
    }

    /**
     * What {@link #applyAll} would do now, deployment by deployment: one {@link #plan} each, at
     * most {@link DeployOptions#bulkConcurrency()} at once; outcomes {@code CHANGES_PLANNED},
     * {@code UNCHANGED}, or {@code FAILED}, in input order. Writes nothing. Validation, failures,
     * progress events (operation {@code plan-all}) and interruption as for {@link #applyAll}.
     *
     * @throws NullPointerException when {@code specs} or one of them is null; nothing is sent
     */
    public BulkResult planAll(Collection<FlinkDeploymentSpec> specs) {
        return engine.planAll(checked(specs));
    }

    /** Every spec judged here, where it enters: an invalid one is carried with its violations. */
    private List<BulkReconcile.Judged> checked(Collection<FlinkDeploymentSpec> specs) {
        List<FlinkDeploymentSpec> list = new ArrayList<>(Objects.requireNonNull(specs, "specs"));
        for (int i = 0; i < list.size(); i++) {
            Objects.requireNonNull(list.get(i), "specs[" + i + "]");
        }
        List<BulkReconcile.Judged> judged = new ArrayList<>(list.size());
        for (FlinkDeploymentSpec spec : list) {
            try {
                judged.add(new BulkReconcile.Judged(spec, engine.judge(spec), null));
            } catch (InvalidSpecException e) {
                judged.add(new BulkReconcile.Judged(spec, null, e));
            }
        }
        return judged;
    }

    /**
     * Makes the cluster run the session job {@code spec} on the session deployment it names ({@code
     * deploymentName}, in its namespace): judges it (every violation, before any request), reads
     * that session and judges the job on it ({@link
     * SessionJobValidator#validate(FlinkSessionJobSpec, FlinkDeploymentSpec)}: a session cluster,
     * the directories the upgrade mode needs, on target standalone a jar the SDK can read), then:
     *
     * <ul>
     *   <li>on a session the SDK deployed with <b>target standalone</b>, submits the job itself
     *       through the JobManager's REST API: reads the {@code file:} jar (or downloads the {@code
     *       http(s)://} one), uploads it and runs it with the spec's entry class, arguments,
     *       parallelism and Flink options, recording the job in the ConfigMap {@code
     *       <name>-sdk-session-job}; a changed spec moves the running job by {@code
     *       job.upgradeMode} as {@link FlinkSessionJobHandle#upgrade} describes;
     *   <li>on target operator, server-side-applies its {@code FlinkSessionJob}; the operator
     *       submits the job and, when the spec of a running job changes, moves it by {@code
     *       job.upgradeMode}.
     * </ul>
     *
     * Applying the same spec again changes nothing (no new submission). The session is read as the
     * SDK applied it (its state record), or from the live {@code FlinkDeployment} for a session
     * applied by other means (target operator).
     *
     * @return a handle on the session job, whose {@link FlinkSessionJobHandle#lastApply()} says
     *     what this apply did
     * @throws InvalidSpecException listing every violation of the job, alone or on its session (for
     *     instance {@code deploymentName} naming an application cluster)
     * @throws FlinkK8sException naming the session job and the session deployment when there is no
     *     such deployment, and when the jar cannot be read; nothing is written or submitted
     * @throws UpgradeException on target standalone when a running job could not be moved; it says
     *     whether the old job keeps running
     * @throws ApplyException naming the object the API server refused
     */
    public FlinkSessionJobHandle apply(FlinkSessionJobSpec spec) {
        EffectiveSessionJob effective = EffectiveSessionJob.of(spec);
        FlinkSessionJobSpec s = effective.spec();
        SessionJobOperations operations = engine.sessionJob(s.namespace(), s.name());
        SessionJobResult result = operations.apply(effective);
        return new FlinkSessionJobHandle(operations, s.namespace(), s.name(), result);
    }

    /** A handle on a session job applied earlier (by this or any other deployer). */
    public FlinkSessionJobHandle sessionJob(String namespace, String name) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        return new FlinkSessionJobHandle(engine.sessionJob(namespace, name), namespace, name, null);
    }

    /** A handle on a deployment applied earlier (by this or any other deployer). */
    public FlinkDeploymentHandle handle(String namespace, String name) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        return new FlinkDeploymentHandle(engine.deployment(namespace, name), namespace, name, null);
    }

    /**
     * A watch-based view of the status of every deployment of the SDK in every namespace the client
     * may watch: three informers (Deployments, pods, state records) for all deployments, and a
     * bounded number of Flink REST reads. See {@link DeploymentStatusView}.
     *
     * @throws FlinkK8sException when the client may not list and watch those kinds everywhere
     */
    public DeploymentStatusView statusView() {
        return statusView(StatusViewOptions.allNamespaces());
    }

    /**
     * A watch-based view of the status of the SDK's deployments, as {@code options} say (e.g.
     * {@link StatusViewOptions#namespace(String)}). Returns once the caches are filled and every
     * ready JobManager was read once (at most the options' start timeout). Close it when done;
     * closing the deployer closes it too.
     *
     * @throws FlinkK8sException when the client may not list and watch those kinds
     */
    public DeploymentStatusView statusView(StatusViewOptions options) {
        return engine.statusView(Objects.requireNonNull(options, "options"));
    }

    /** The options this deployer works with. */
    public DeployOptions options() {
        return engine.options();
    }

    /**
     * Closes the status views it made and the Flink REST clients it keeps (one per JobManager
     * endpoint, reused across calls; a call still running keeps its client until it ends), and
     * stops its own threads: its pool, if it made one, and the thread that renews upgrade Leases
     * (an operation still running in another thread stops renewing its Lease, which then expires).
     * The client and an executor given in the options are the caller's and stay open.
     */
    @Override
    public void close() {
        engine.close();
    }
}
