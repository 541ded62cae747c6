package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.util.Objects;

/**
 * The one entry point of the fluent DSL: start an application cluster, a session cluster, a session
 * job, or an edit of an existing spec, then chain the builder and call {@code build()}.
 *
 * <pre>{@code
 * import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
 * import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
 * import io.flinkk8s.sdk.core.spec.FlinkVersion;
 * import io.flinkk8s.sdk.core.spec.UpgradeMode;
 * import io.flinkk8s.sdk.fluent.FlinkK8s;
 * import java.time.Duration;
 * import org.apache.flink.configuration.CheckpointingOptions;
 *
 * FlinkDeploymentSpec spec = FlinkK8s.application("orders-enrichment")
 *     .namespace("streaming")
 *     .flinkVersion(FlinkVersion.V2_1)
 *     .image("registry.example.com/orders:1.4.2")
 *     .jobManager(jm -> jm.cpu(1).memory("2g"))
 *     .taskManagers(tm -> tm.replicas(3).slots(4).cpu(2).memory("8g"))
 *     .job(job -> job.jarURI("local:///opt/flink/usrlib/orders.jar")
 *                    .entryClass("com.acme.Orders")
 *                    .args("--topic", "orders")
 *                    .parallelism(12)
 *                    .upgradeMode(UpgradeMode.SAVEPOINT))
 *     .checkpoints(cp -> cp.every(Duration.ofSeconds(30))
 *                          .to("s3://bucket/cp")
 *                          .savepointsTo("s3://bucket/sp"))
 *     .highAvailability(ha -> ha.kubernetes("s3://bucket/ha"))
 *     .config(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3)
 *     .autoscaling(a -> a.taskManagers(3, 12)                  // HPA + Flink reactive mode
 *                        .targetCpu(70)
 *                        .scaleDownAfter(Duration.ofMinutes(15)))
 *     .probes(p -> p.jobManagerStartup(s -> s.failureThreshold(120)))  // 10 min to start
 *     .disruption(d -> d.taskManagerMaxUnavailable(1))         // drains evict one at a time
 *     .build();   // validates (InvalidSpecException lists every violation) and fills defaults
 *
 * FlinkDeploymentSpec session = FlinkK8s.session("shared-analytics")
 *     .taskManagers(tm -> tm.replicas(4).slots(2))
 *     .build();
 * FlinkSessionJobSpec clicks = FlinkK8s.sessionJob("clicks")       // a job for that session
 *     .onSession("shared-analytics")
 *     .job(job -> job.jarURI("https://repo.example.com/clicks.jar").parallelism(2))
 *     .build();
 *
 * // Edits: records cannot offer toBuilder() (core does not depend on this module); from() is it.
 * FlinkDeploymentSpec v2 = FlinkK8s.from(spec).image("registry.example.com/orders:1.5.0").build();
 * }</pre>
 *
 * <p>The DSL adds no meaning of its own: it sets no defaults (core's {@code SpecDefaults} does, and
 * {@code build()} shows them in the returned spec) and judges nothing (core's {@code SpecValidator}
 * does, with the same field paths as for a spec read from YAML).
 */
public final class FlinkK8s {

    private FlinkK8s() {}

    /**
     * Starts an application cluster: one dedicated cluster for the job given with {@link
     * FlinkDeploymentBuilder#job}.
     *
     * <pre>{@code
     * FlinkK8s.application("orders")
     *     .job(job -> job.jarURI("local:///opt/flink/usrlib/orders.jar"))
     *     .build();
     * }</pre>
     *
     * @param name the deployment name; every rendered object's name derives from it
     */
    public static FlinkDeploymentBuilder application(String name) {
        return new FlinkDeploymentBuilder(FlinkDeploymentSpec.named(name))
                .mode(DeploymentMode.APPLICATION);
    }

    /**
     * Starts a session cluster: a long-running cluster that accepts jobs submitted later, so it has
     * no job.
     *
     * <pre>{@code
     * FlinkK8s.session("shared-analytics").taskManagers(tm -> tm.replicas(4)).build();
     * }</pre>
     *
     * @param name the deployment name; every rendered object's name derives from it
     */
    public static FlinkDeploymentBuilder session(String name) {
        return new FlinkDeploymentBuilder(FlinkDeploymentSpec.named(name))
                .mode(DeploymentMode.SESSION);
    }

    /**
     * Starts a session job: a job for a session cluster that runs already, which the Flink
     * Kubernetes Operator submits to it ({@code FlinkSessionJob}).
     *
     * <pre>{@code
     * FlinkK8s.sessionJob("clicks")
     *     .onSession("shared-analytics")
     *     .job(job -> job.jarURI("https://repo.example.com/clicks.jar").parallelism(2))
     *     .build();
     * }</pre>
     *
     * @param name the session job's name
     */
    public static SessionJobBuilder sessionJob(String name) {
        return new SessionJobBuilder(FlinkSessionJobSpec.named(name));
    }

    /**
     * Starts an edit of an existing session job: {@code
     * FlinkK8s.fromSessionJob(job).buildUnvalidated().equals(job)}. (Not an overload of {@link
     * #from(FlinkDeploymentSpec)}, so that {@code from(null)} stays unambiguous.)
     *
     * @param sessionJob the session job to start from; not changed
     */
    public static SessionJobBuilder fromSessionJob(FlinkSessionJobSpec sessionJob) {
        return new SessionJobBuilder(Objects.requireNonNull(sessionJob, "sessionJob"));
    }

    /**
     * Starts an edit of an existing spec; this is the {@code toBuilder()} of the core records,
     * which cannot have one because core does not depend on the fluent module. Every field of
     * {@code spec} is kept until a builder method changes it, so {@code
     * FlinkK8s.from(spec).buildUnvalidated().equals(spec)} for any spec, and {@code
     * FlinkK8s.from(spec).build().equals(spec)} for any valid spec with defaults applied.
     *
     * <pre>{@code
     * FlinkDeploymentSpec v2 =
     *     FlinkK8s.from(spec).image("registry.example.com/orders:1.5.0").build();
     * }</pre>
     *
     * @param spec the spec to start from; not changed (records are immutable)
     */
    public static FlinkDeploymentBuilder from(FlinkDeploymentSpec spec) {
        return new FlinkDeploymentBuilder(Objects.requireNonNull(spec, "spec"));
    }
}
