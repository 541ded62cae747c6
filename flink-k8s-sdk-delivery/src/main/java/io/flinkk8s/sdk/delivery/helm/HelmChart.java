package io.flinkk8s.sdk.delivery.helm;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.delivery.helm.internal.ChartExport;
import io.flinkk8s.sdk.delivery.helm.internal.ChartFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A Helm chart of a Flink deployment: {@code Chart.yaml} (apiVersion v2, the deployment's name,
 * {@code appVersion} the image's tag or else the Flink version), {@code values.yaml}, {@code
 * values.schema.json} and one template per object the SDK renders for the spec's target, numbered
 * in apply order ({@code templates/01-configmap-orders-flink-config.yaml}, ...).
 *
 * <p>With its default values (and the spec's namespace as the release's) the chart renders exactly
 * what the SDK renders, object for object. Its values are what people change per environment, each
 * offered when the spec has it: {@code image}, {@code taskManager.replicas}, {@code
 * jobManager.resources.cpu}/{@code memory}, {@code taskManager.resources.cpu}/{@code memory},
 * {@code parallelism}, {@code autoscaling.minTaskManagers}/{@code maxTaskManagers}, {@code
 * checkpointing.checkpointDir}/{@code savepointDir}, {@code ingress.host}; the namespace is the
 * release's. Where a value lands is found by the SDK itself: the spec is rendered again with each
 * value changed, and each field that changes is templated, the Flink config file's lines included;
 * the pods' config hash annotation is the {@code sha256sum} of the templated config file, so a
 * changed value rolls the pods as an SDK apply would. A value whose changes cannot all be templated
 * is not offered (see {@link #values()}).
 *
 * <p>The values are the effective spec's (its defaults filled in): a default the SDK derives from
 * another field, such as the autoscaling bounds from the replicas, is a value of its own in the
 * chart, so overriding the replicas leaves the bounds as they were. The parallelism of a job that
 * sets none stays derived ({@code null}: replicas × slots), as the SDK derives it. The namespace is
 * the release's where everything the SDK writes of it can follow; otherwise (an Ingress host built
 * from the namespace) the chart's objects keep the spec's namespace and the chart refuses to render
 * for another.
 *
 * <p>Writing it ({@link #writeTo}) needs no Helm: it writes files. Instances are immutable.
 */
public final class HelmChart {

    /** The chart version when none is given. */
    public static final String DEFAULT_VERSION = "0.1.0";

    private final FlinkDeploymentSpec spec;
    private final ChartExport export;

    private HelmChart(FlinkDeploymentSpec spec, ChartExport export) {
        this.spec = spec;
        this.export = export;
    }

    /**
     * The chart of {@code spec}, version {@value #DEFAULT_VERSION}.
     *
     * @throws io.flinkk8s.sdk.core.error.InvalidSpecException listing every violation of the spec
     *     (nothing is written)
     */
    public static HelmChart of(FlinkDeploymentSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return new HelmChart(spec, ChartExport.of(spec, DEFAULT_VERSION));
    }

    /** A copy with chart version {@code version} (SemVer, e.g. {@code 1.4.2}). */
    public HelmChart withVersion(String version) {
        Objects.requireNonNull(version, "version");
        return new HelmChart(spec, ChartExport.of(spec, version));
    }

    /** The chart's name: the deployment's. */
    public String name() {
        return export.metadata().name();
    }

    /** The chart's version. */
    public String version() {
        return export.metadata().version();
    }

    /** The chart's {@code appVersion}: the image's tag, or the Flink version. */
    public String appVersion() {
        return export.metadata().appVersion();
    }

    /** The chart's values, in {@code values.yaml}'s order. */
    public List<ChartValue> values() {
        return export.values();
    }

    /** Every file of the chart, by its path in the chart's folder. */
    public SortedMap<String, String> files() {
        return export.files();
    }

    /**
     * Writes the chart into {@code dir} (created if needed); the SDK's templates of objects the
     * chart no longer has are removed.
     *
     * @return the files written
     * @throws io.flinkk8s.sdk.core.error.ExportException before anything is written, when {@code
     *     dir} holds a file the SDK did not write, or the template of a PersistentVolumeClaim the
     *     chart no longer has; when a file cannot be written (files not yet moved into place are
     *     left as they were)
     */
    public List<Path> writeTo(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return ChartFolder.write(dir, export.files()).written();
    }

    @Override
    public String toString() {
        return "HelmChart["
                + name()
                + " "
                + version()
                + ", values "
                + values().stream().map(ChartValue::path).toList()
                + "]";
    }
}
