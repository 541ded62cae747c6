package io.flinkk8s.sdk.core.spec.session;

import io.flinkk8s.sdk.core.internal.Copies;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import java.util.Map;

/**
 * One job for a session cluster that runs already: which session deployment takes it and the job
 * itself. The Flink Kubernetes Operator's {@code FlinkSessionJob}, whose field names it follows
 * ({@code deploymentName}, {@code job}, {@code flinkConfiguration}); the operator downloads the jar
 * and submits it to the session cluster's JobManager. An immutable value: build it with the fluent
 * module ({@code FlinkK8s.sessionJob(name)}), read it with {@link SpecSerialization}, or start from
 * {@link #named} and change it with {@link #edit()}.
 *
 * <p>Constructing never rejects values: {@code SessionJobValidator} judges, with field paths. Unset
 * scalars are null and filled by {@link SpecDefaults}; collections are copied and never null.
 *
 * @param name the session job's name (the {@code FlinkSessionJob}'s)
 * @param namespace may be null: filled by {@link SpecDefaults} ({@code default}); the session
 *     deployment must be in the same namespace
 * @param deploymentName the session {@code FlinkDeployment} (a deployment without a job) that runs
 *     this job; the operator refuses a change of it
 * @param job the job: its jar (which the operator downloads, or on a session of target standalone
 *     the SDK reads ({@code file:}) or downloads ({@code http(s)://}), so a URI it can fetch, not
 *     {@code local://}), entry class, arguments, parallelism, upgrade mode, state and savepoint
 *     settings
 * @param flinkConfiguration Flink options of this job only, on top of the session cluster's
 * @param labels added to the {@code FlinkSessionJob}
 * @param annotations added to the {@code FlinkSessionJob}
 */
public record FlinkSessionJobSpec(
        String name,
        String namespace,
        String deploymentName,
        JobSpec job,
        Map<String, String> flinkConfiguration,
        Map<String, String> labels,
        Map<String, String> annotations) {

    /** Normalises only: sorted copies of maps. */
    public FlinkSessionJobSpec {
        flinkConfiguration = Copies.sortedMap(flinkConfiguration);
        labels = Copies.sortedMap(labels);
        annotations = Copies.sortedMap(annotations);
    }

    /** A session job with only a name; everything else unset. */
    public static FlinkSessionJobSpec named(String name) {
        return new Editor().name(name).build();
    }

    /** A copy with {@code job} replaced. */
    public FlinkSessionJobSpec withJob(JobSpec job) {
        return edit().job(job).build();
    }

    /**
     * An editor holding every component of this spec, to change any of them: {@code
     * sessionJob.edit().deploymentName("analytics").build()}.
     */
    public Editor edit() {
        return new Editor(this);
    }

    /**
     * Changes the components of a session-job spec one by one; {@link #build()} makes the new spec.
     * Mutable and not thread-safe; sets no defaults and judges nothing.
     */
    public static final class Editor {
        private String name;
        private String namespace;
        private String deploymentName;
        private JobSpec job;
        private Map<String, String> flinkConfiguration;
        private Map<String, String> labels;
        private Map<String, String> annotations;

        private Editor() {}

        private Editor(FlinkSessionJobSpec s) {
            name = s.name;
            namespace = s.namespace;
            deploymentName = s.deploymentName;
            job = s.job;
            flinkConfiguration = s.flinkConfiguration;
            labels = s.labels;
            annotations = s.annotations;
        }

        /** Replaces {@code name}. */
        public Editor name(String name) {
            this.name = name;
            return this;
        }

        /** Replaces {@code namespace}. */
        public Editor namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Replaces {@code deploymentName}. */
        public Editor deploymentName(String deploymentName) {
            this.deploymentName = deploymentName;
            return this;
        }

        /** Replaces {@code job}. */
        public Editor job(JobSpec job) {
            this.job = job;
            return this;
        }

        /** Replaces {@code flinkConfiguration}. */
        public Editor flinkConfiguration(Map<String, String> flinkConfiguration) {
            this.flinkConfiguration = flinkConfiguration;
            return this;
        }

        /** Replaces {@code labels}. */
        public Editor labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        /** Replaces {@code annotations}. */
        public Editor annotations(Map<String, String> annotations) {
            this.annotations = annotations;
            return this;
        }

        /** The spec with the components as they are now. */
        public FlinkSessionJobSpec build() {
            return new FlinkSessionJobSpec(
                    name, namespace, deploymentName, job, flinkConfiguration, labels, annotations);
        }
    }
}
