package io.flinkk8s.sdk.delivery.image.internal;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.delivery.image.BuiltImage;
import io.flinkk8s.sdk.delivery.image.ImageBuildException;
import io.flinkk8s.sdk.delivery.image.JobImage;
import io.flinkk8s.sdk.delivery.image.RegistryLogin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a job image with Jib Core: three layers on the base (plugins, extra jars, the job jar —
 * the one that changes most often last), files owned by the Flink image's user, Jib's fixed file
 * and creation times, to a tar (written beside its destination, then moved into place) or to a
 * registry. Jib's log goes to SLF4J.
 */
public final class JibImageBuild {

    private static final Logger LOG = LoggerFactory.getLogger(JibImageBuild.class);

    private static final FilePermissions READABLE = FilePermissions.fromOctalString("644");

    private JibImageBuild() {}

    /** Builds {@code inputs} into a tar at {@code tarFile} named {@code imageName}. */
    public static BuiltImage toTar(ImageInputs inputs, Path tarFile, String imageName) {
        ImageReference target = reference(imageName);
        Path destination = tarFile.toAbsolutePath();
        Path partial = null;
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Files.createDirectories(destination.getParent());
            partial =
                    Files.createTempFile(
                            destination.getParent(), "." + destination.getFileName(), ".partial");
            Containerizer containerizer =
                    configure(Containerizer.to(TarImage.at(partial).named(target)), inputs, pool)
                            .setOfflineMode(inputs.baseTar() != null);
            JibContainer container = container(inputs).containerize(containerizer);
            Files.move(
                    partial,
                    destination,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            LOG.info("built image {} ({}) into {}", target, container.getDigest(), destination);
            return built(container, target, inputs, destination);
        } catch (IOException | ExecutionException | RuntimeException e) {
            throw failure("into " + destination, inputs, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("into " + destination + " (interrupted)", inputs, e);
        } catch (Exception e) {
            throw failure("into " + destination, inputs, e);
        } finally {
            // Jib's tasks may still be writing layers when a build fails: stop and wait for them,
            // so that nothing is written after this returns (not the partial tar, not the cache)
            stop(pool);
            deleteQuietly(partial);
        }
    }

    /** Builds {@code inputs} and pushes the image to the registry {@code imageName} names. */
    public static BuiltImage toRegistry(ImageInputs inputs, String imageName, RegistryLogin login) {
        ImageReference target = reference(imageName);
        RegistryImage registry = RegistryImage.named(target);
        if (login != null) {
            registry.addCredential(login.username(), login.password());
        } else {
            registry.addCredentialRetriever(
                    CredentialRetrieverFactory.forImage(target, jibLog()).dockerConfig());
        }
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            JibContainer container =
                    container(inputs)
                            .containerize(configure(Containerizer.to(registry), inputs, pool));
            LOG.info("pushed image {} ({})", target, container.getDigest());
            return built(container, target, inputs, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("to " + target + " (interrupted)", inputs, e);
        } catch (Exception e) {
            throw failure("to " + target, inputs, e);
        } finally {
            stop(pool);
        }
    }

    private static JibContainerBuilder container(ImageInputs inputs)
            throws InvalidImageReferenceException {
        JibContainerBuilder builder =
                inputs.baseTar() != null
                        ? Jib.from(TarImage.at(inputs.baseTar()))
                        : Jib.from(RegistryImage.named(inputs.baseImage()));
        for (List<ImageInputs.ImageFile> layer : layers(inputs)) {
            if (layer.isEmpty()) {
                continue;
            }
            FileEntriesLayer.Builder entries =
                    FileEntriesLayer.builder().setName(layerName(layer.get(0)));
            for (ImageInputs.ImageFile file : layer) {
                entries.addEntry(
                        new FileEntry(
                                file.source(),
                                AbsoluteUnixPath.get(file.target()),
                                READABLE,
                                FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                                JobImage.FLINK_USER));
            }
            builder.addFileEntriesLayer(entries.build());
        }
        inputs.labels().forEach(builder::addLabel);
        if (inputs.user() != null) {
            builder.setUser(inputs.user());
        }
        return builder.setFormat(inputs.oci() ? ImageFormat.OCI : ImageFormat.Docker);
    }

    private static List<List<ImageInputs.ImageFile>> layers(ImageInputs inputs) {
        List<ImageInputs.ImageFile> files = inputs.files();
        return List.of(
                files.stream().filter(f -> f.field().startsWith("plugins")).toList(),
                files.stream().filter(f -> f.field().startsWith("extraJars")).toList(),
                files.stream().filter(f -> f.field().equals("jobJar")).toList());
    }

    private static String layerName(ImageInputs.ImageFile first) {
        if (first.field().startsWith("plugins")) {
            return "flink plugins";
        }
        return first.field().startsWith("extraJars") ? "extra jars" : "job jar";
    }

    private static Containerizer configure(
            Containerizer containerizer, ImageInputs inputs, ExecutorService pool) {
        containerizer
                .setToolName("flink-k8s-sdk")
                .setExecutorService(pool)
                .addEventHandler(LogEvent.class, jibLog());
        if (inputs.cacheDirectory() != null) {
            containerizer
                    .setBaseImageLayersCache(inputs.cacheDirectory().resolve("base"))
                    .setApplicationLayersCache(inputs.cacheDirectory().resolve("application"));
        }
        return containerizer;
    }

    private static Consumer<LogEvent> jibLog() {
        return event -> {
            switch (event.getLevel()) {
                case ERROR -> LOG.error("jib: {}", event.getMessage());
                case WARN -> LOG.warn("jib: {}", event.getMessage());
                case LIFECYCLE, INFO -> LOG.info("jib: {}", event.getMessage());
                default -> LOG.debug("jib: {}", event.getMessage());
            }
        };
    }

    private static BuiltImage built(
            JibContainer container, ImageReference target, ImageInputs inputs, Path tar) {
        return new BuiltImage(
                target.toString(),
                container.getDigest().toString(),
                container.getImageId().toString(),
                "local:///opt/flink/usrlib/" + inputs.jobJar().getFileName(),
                tar);
    }

    private static ImageReference reference(String imageName) {
        try {
            return ImageReference.parse(imageName);
        } catch (InvalidImageReferenceException | NullPointerException e) {
            throw new ImageBuildException(
                    List.of(
                            new Violation(
                                    "imageName",
                                    "not an image reference, e.g."
                                            + " registry.example.com/orders:1.4.2",
                                    imageName)));
        }
    }

    private static ImageBuildException failure(String where, ImageInputs inputs, Exception e) {
        Throwable cause =
                e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String base =
                inputs.baseTar() != null ? "base tar " + inputs.baseTar() : inputs.baseImage();
        return new ImageBuildException(
                "cannot build the job image from "
                        + base
                        + " "
                        + where
                        + ": "
                        + cause.getClass().getSimpleName()
                        + ": "
                        + cause.getMessage()
                        + "; nothing was written there",
                cause);
    }

    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Jib's build threads did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not delete the partial image tar {}", path, e);
        }
    }
}
