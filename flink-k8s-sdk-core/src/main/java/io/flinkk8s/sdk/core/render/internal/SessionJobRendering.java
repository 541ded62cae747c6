package io.flinkk8s.sdk.core.render.internal;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.operator.crd.ConfigTrees;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.operator.crd.JobSpec;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.validation.EffectiveSessionJob;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * A session job as the Flink Kubernetes Operator's {@code FlinkSessionJob}: one custom resource, a
 * pure function of the effective session job.
 *
 * <ul>
 *   <li><b>emits</b>: {@code flink.apache.org/v1beta1} {@code FlinkSessionJob} {@code
 *       ResourceNames.flinkSessionJob()} with the common labels of {@link Component#SESSION_JOB}
 *       (without {@code app.kubernetes.io/version}: the job runs on its session cluster's Flink)
 *       and the spec's annotations, and this {@code spec}: {@code deploymentName}, {@code
 *       flinkConfiguration} (when the spec has any, flat and sorted), {@code job} ({@code jarURI},
 *       {@code entryClass}, {@code args}, {@code parallelism}, {@code upgradeMode}, {@code state},
 *       {@code initialSavepointPath}, {@code allowNonRestoredState});
 *   <li><b>advises</b>: at {@code job.jarURI} when its scheme is not {@code https}, the only one
 *       the operator fetches from by default, and at {@code job.state} when it is {@code
 *       suspended}, which the operator refuses for a session job it does not run yet.
 * </ul>
 *
 * <p>Internal: not API; {@code Renderer.render(FlinkSessionJobSpec)} is.
 */
public final class SessionJobRendering {

    private SessionJobRendering() {}

    /** The {@code FlinkSessionJob} of {@code effective} and the advisories about it. */
    public static RenderedResources render(EffectiveSessionJob effective) {
        io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec s = effective.spec();
        FlinkSessionJob resource = new FlinkSessionJob();
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(ResourceNames.of(s.name()).flinkSessionJob());
        metadata.setNamespace(s.namespace());
        metadata.setLabels(
                new LinkedHashMap<>(
                        new ResourceLabels(s.name(), null, s.labels())
                                .common(Component.SESSION_JOB)));
        metadata.setAnnotations(new LinkedHashMap<>(s.annotations()));
        resource.setMetadata(metadata);
        io.flinkk8s.sdk.core.spec.JobSpec job = s.job();
        resource.setSpec(
                new FlinkSessionJobSpec(
                        s.deploymentName(),
                        s.flinkConfiguration().isEmpty()
                                ? null
                                : ConfigTrees.of(s.flinkConfiguration()),
                        new JobSpec(
                                job.jarURI(),
                                job.entryClass(),
                                job.args(),
                                job.parallelism(),
                                job.upgradeMode().wireValue(),
                                job.state().wireValue(),
                                job.initialSavepointPath(),
                                job.allowNonRestoredState(),
                                null,
                                null,
                                null,
                                null),
                        null));
        return RenderedResources.of(List.of(resource), advisories(job));
    }

    private static List<Advisory> advisories(io.flinkk8s.sdk.core.spec.JobSpec job) {
        List<Advisory> out = new ArrayList<>();
        String scheme = URI.create(job.jarURI()).getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https")) {
            out.add(
                    new Advisory(
                            "job.jarURI",
                            "the operator fetches session-job jars only over https by default;"
                                    + " for "
                                    + scheme
                                    + "://, add "
                                    + scheme
                                    + " to the operator's"
                                    + " kubernetes.operator.user.artifacts.allowed-schemes"));
        }
        if (job.state() == JobState.SUSPENDED) {
            out.add(
                    new Advisory(
                            "job.state",
                            "the operator accepts suspended only for a FlinkSessionJob it already"
                                    + " runs; a new one must start with state running"));
        }
        return out;
    }
}
