package io.flinkk8s.sdk.delivery.image.internal;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.flinkk8s.sdk.core.error.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs of a job image, as the builder collected them, and their checks.
 *
 * @param baseImage the base image's reference, or null when {@code baseTar} is set
 * @param baseTar the base image's tar, or null when {@code baseImage} is set
 * @param jobJar the job jar
 * @param extraJars more jars for {@code usrlib}
 * @param plugins plugin name → its jars
 * @param labels image labels
 * @param user the container's user, null for the base image's
 * @param oci whether to write OCI media types
 * @param cacheDirectory Jib's cache, null for its defaults
 */
public record ImageInputs(
        String baseImage,
        Path baseTar,
        Path jobJar,
        List<Path> extraJars,
        Map<String, List<Path>> plugins,
        Map<String, String> labels,
        String user,
        boolean oci,
        Path cacheDirectory) {

    /** A plugin's folder name, as Flink's plugin loader takes it: one path segment. */
    private static final Pattern PLUGIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Copies the collections. */
    public ImageInputs {
        extraJars = List.copyOf(extraJars);
        Map<String, List<Path>> copy = new LinkedHashMap<>();
        plugins.forEach((name, jars) -> copy.put(name, List.copyOf(jars)));
        plugins = java.util.Collections.unmodifiableMap(copy);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** One file of the image: where it comes from and where it goes. */
    public record ImageFile(String field, Path source, String target) {}

    /** Every file, in layer order: plugins, extra jars, the job jar (changes most often, last). */
    public List<ImageFile> files() {
        List<ImageFile> files = new ArrayList<>();
        plugins.forEach(
                (name, jars) -> {
                    for (int i = 0; i < jars.size(); i++) {
                        Path jar = jars.get(i);
                        files.add(
                                new ImageFile(
                                        "plugins[" + name + "][" + i + "]",
                                        jar,
                                        "/opt/flink/plugins/" + name + "/" + fileName(jar)));
                    }
                });
        for (int i = 0; i < extraJars.size(); i++) {
            Path jar = extraJars.get(i);
            files.add(
                    new ImageFile(
                            "extraJars[" + i + "]", jar, "/opt/flink/usrlib/" + fileName(jar)));
        }
        if (jobJar != null) {
            files.add(new ImageFile("jobJar", jobJar, "/opt/flink/usrlib/" + fileName(jobJar)));
        }
        return files;
    }

    /** Every problem with the inputs, each with its field; empty when they make an image. */
    public List<Violation> check() {
        List<Violation> violations = new ArrayList<>();
        if (baseImage == null && baseTar == null) {
            violations.add(
                    new Violation(
                            "from",
                            "no base image: from(\"flink:2.1-java17\") or fromTar(path)",
                            null));
        }
        if (baseImage != null) {
            try {
                ImageReference.parse(baseImage);
            } catch (InvalidImageReferenceException e) {
                violations.add(
                        new Violation(
                                "from",
                                "not an image reference, e.g. flink:2.1-java17",
                                baseImage));
            }
        }
        if (baseTar != null && !readableFile(baseTar)) {
            violations.add(
                    new Violation(
                            "fromTar",
                            "no readable file at " + baseTar.toAbsolutePath(),
                            baseTar.toString()));
        }
        if (jobJar == null) {
            violations.add(new Violation("jobJar", "required: the job's jar", null));
        }
        for (String name : plugins.keySet()) {
            if (!PLUGIN_NAME.matcher(name).matches()) {
                violations.add(
                        new Violation(
                                "plugins[" + name + "]",
                                "a plugin name is one folder name (letters, digits, '.', '_',"
                                        + " '-'), e.g. s3-fs-presto",
                                name));
            }
        }
        Map<String, String> byTarget = new HashMap<>();
        for (ImageFile file : files()) {
            if (!readableFile(file.source())) {
                violations.add(
                        new Violation(
                                file.field(),
                                "no readable file at " + file.source().toAbsolutePath(),
                                file.source().toString()));
            } else if (!fileName(file.source()).endsWith(".jar")) {
                violations.add(
                        new Violation(
                                file.field(),
                                "not a .jar file: Flink puts only jars on the job's and plugins'"
                                        + " classpath",
                                file.source().toString()));
            }
            String other = byTarget.putIfAbsent(file.target(), file.field());
            if (other != null) {
                violations.add(
                        new Violation(
                                file.field(),
                                "goes to "
                                        + file.target()
                                        + " as "
                                        + other
                                        + " does: give one of them another file name",
                                file.source().toString()));
            }
        }
        labels.forEach(
                (key, value) -> {
                    if (key.isBlank()) {
                        violations.add(
                                new Violation("labels", "a label key must not be blank", value));
                    }
                });
        return violations;
    }

    private static boolean readableFile(Path path) {
        return Files.isRegularFile(path) && Files.isReadable(path);
    }

    private static String fileName(Path path) {
        return path.getFileName().toString();
    }
}
