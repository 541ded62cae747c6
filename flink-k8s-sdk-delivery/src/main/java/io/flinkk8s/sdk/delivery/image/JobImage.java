package io.flinkk8s.sdk.delivery.image;

import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.delivery.image.internal.DockerfileWriter;
import io.flinkk8s.sdk.delivery.image.internal.ImageInputs;
import io.flinkk8s.sdk.delivery.image.internal.JibImageBuild;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What goes into a Flink job's container image: an official Flink base image (from a registry or a
 * local tar), the job jar and extra jars in {@code /opt/flink/usrlib}, Flink plugins in {@code
 * /opt/flink/plugins/<name>/}, labels. Built with Jib Core, without a Docker daemon, into
 * reproducible layers (fixed file times and creation time, so the same inputs give the same
 * digest); the files belong to the Flink image's user ({@code flink}, uid and gid 9999), readable
 * by all. {@link #dockerfile()} writes the same image as a Dockerfile.
 *
 * <p>Every input is checked when {@link Builder#build()} is called: a missing or unreadable jar, a
 * missing base tar, two files at the same place, a plugin name that is not a folder name — all at
 * once, as {@link ImageBuildException#violations()}, before anything is read or written.
 */
public final class JobImage {

    /** Where the official Flink images look for the application's jars. */
    public static final String USRLIB = "/opt/flink/usrlib";

    /** Where the official Flink images look for plugins, one folder each. */
    public static final String PLUGINS = "/opt/flink/plugins";

    /** The official Flink images' user and group ({@code flink}). */
    public static final String FLINK_USER = "9999:9999";

    private final ImageInputs inputs;

    private JobImage(ImageInputs inputs) {
        this.inputs = inputs;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base image's reference, or the base tar's path. */
    public String base() {
        return inputs.baseImage() != null ? inputs.baseImage() : inputs.baseTar().toString();
    }

    /**
     * Where the job jar is in the image, as {@code job.jarURI}: {@code
     * local:///opt/flink/usrlib/<jar>}.
     */
    public String jarURI() {
        return "local://" + USRLIB + "/" + inputs.jobJar().getFileName();
    }

    /**
     * The equivalent Dockerfile: {@code FROM} the base image, one {@code COPY --chown=flink:flink}
     * per file (paths relative to {@code context}, the folder {@code docker build} runs in), the
     * labels. For a base given as a tar, {@code FROM} names the tar's image as {@code docker load}
     * would tag it only if known; otherwise a placeholder the caller replaces.
     */
    public String dockerfile(Path context) {
        return DockerfileWriter.write(inputs, context);
    }

    /** {@link #dockerfile(Path)} with paths relative to the working directory. */
    public String dockerfile() {
        return dockerfile(Path.of("").toAbsolutePath());
    }

    /**
     * Builds the image into a tar at {@code tarFile} that {@code docker load}, {@code skopeo} and
     * {@code podman load} read, named {@code imageName} (e.g. {@code
     * registry.example.com/orders:1.4.2}). The tar is written beside {@code tarFile} and moved into
     * place when complete; an existing file is replaced only then.
     *
     * @throws ImageBuildException when the base image cannot be read or the tar cannot be written
     */
    public BuiltImage toTar(Path tarFile, String imageName) {
        return JibImageBuild.toTar(inputs, tarFile, imageName);
    }

    /**
     * Builds the image and pushes it to the registry {@code imageName} names, logging in with
     * {@code login} (null: anonymous, or the credentials Jib finds in the Docker configuration).
     *
     * @throws ImageBuildException when the base image cannot be read or the registry refuses
     */
    public BuiltImage toRegistry(String imageName, RegistryLogin login) {
        return JibImageBuild.toRegistry(inputs, imageName, login);
    }

    @Override
    public String toString() {
        return "JobImage[from "
                + base()
                + ", job jar "
                + inputs.jobJar().getFileName()
                + ", "
                + inputs.extraJars().size()
                + " extra jar(s), plugins "
                + inputs.plugins().keySet()
                + "]";
    }

    /** Collects the inputs of a {@link JobImage}. */
    public static final class Builder {

        private String baseImage;
        private Path baseTar;
        private Path jobJar;
        private final List<Path> extraJars = new ArrayList<>();
        private final Map<String, List<Path>> plugins = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String user;
        private boolean oci;
        private Path cacheDirectory;

        private Builder() {}

        /** The base image in a registry, e.g. {@code flink:2.1-java17} (Docker Hub's official). */
        public Builder from(String baseImage) {
            this.baseImage = Objects.requireNonNull(baseImage, "baseImage");
            this.baseTar = null;
            return this;
        }

        /** The base image as a local tar ({@code docker save} or Jib's tar format). */
        public Builder fromTar(Path baseTar) {
            this.baseTar = Objects.requireNonNull(baseTar, "baseTar");
            this.baseImage = null;
            return this;
        }

        /** The job's jar, at {@code /opt/flink/usrlib/<its file name>}. */
        public Builder jobJar(Path jar) {
            this.jobJar = Objects.requireNonNull(jar, "jar");
            return this;
        }

        /** Another jar for the job's classpath, in {@code /opt/flink/usrlib}. */
        public Builder extraJar(Path jar) {
            extraJars.add(Objects.requireNonNull(jar, "jar"));
            return this;
        }

        /**
         * A Flink plugin's jar, in {@code /opt/flink/plugins/<name>/} (e.g. {@code s3-fs-presto}
         * with {@code flink-s3-fs-presto-<version>.jar}); several jars may share a plugin.
         */
        public Builder plugin(String name, Path jar) {
            plugins.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new ArrayList<>())
                    .add(Objects.requireNonNull(jar, "jar"));
            return this;
        }

        /** An image label, e.g. {@code org.opencontainers.image.source}. */
        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The user the container runs as; default: the base image's. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Writes an OCI image (manifest and config media types) instead of Docker's v2.2. */
        public Builder ociFormat() {
            this.oci = true;
            return this;
        }

        /**
         * Where Jib keeps base-image layers and built layers between builds; default: Jib's
         * per-user cache for the base and a temporary folder for the application layers.
         */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = directory;
            return this;
        }

        /**
         * The image's inputs, every one checked.
         *
         * @throws ImageBuildException listing every problem with its field
         */
        public JobImage build() {
            ImageInputs inputs =
                    new ImageInputs(
                            baseImage,
                            baseTar,
                            jobJar,
                            extraJars,
                            plugins,
                            labels,
                            user,
                            oci,
                            cacheDirectory);
            List<Violation> violations = inputs.check();
            if (!violations.isEmpty()) {
                throw new ImageBuildException(violations);
            }
            return new JobImage(inputs);
        }
    }
}
