package io.flinkk8s.sdk.delivery.image.internal;

import io.flinkk8s.sdk.delivery.image.JobImage;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Dockerfile of the same image a {@link JobImage} builds: {@code FROM} the base, one {@code
 * COPY --chown=flink:flink --chmod=644} per file (BuildKit's {@code --chmod}; the files then match
 * the Jib-built image's), the labels, the user when set.
 */
public final class DockerfileWriter {

    private DockerfileWriter() {}

    /** The Dockerfile, with source paths relative to {@code context}. */
    public static String write(ImageInputs inputs, Path context) {
        StringBuilder out = new StringBuilder();
        out.append("# syntax=docker/dockerfile:1\n");
        out.append("# Written by flink-k8s-sdk: the same image as JobImage builds with Jib.\n");
        if (inputs.baseImage() != null) {
            out.append("FROM ").append(inputs.baseImage()).append('\n');
        } else {
            out.append("# the base image was given as the tar ")
                    .append(inputs.baseTar())
                    .append(": `docker load -i` it and name it here\n");
            out.append("FROM flink-base\n");
        }
        for (ImageInputs.ImageFile file : inputs.files()) {
            String source = relative(context, file.source());
            out.append("COPY --chown=flink:flink --chmod=644 ");
            if (plain(source) && plain(file.target())) {
                out.append(source).append(' ').append(file.target());
            } else {
                // the JSON form, for paths with spaces or quotes
                out.append('[')
                        .append(json(source))
                        .append(", ")
                        .append(json(file.target()))
                        .append(']');
            }
            out.append('\n');
        }
        for (Map.Entry<String, String> label : inputs.labels().entrySet()) {
            out.append("LABEL ")
                    .append(quote(label.getKey()))
                    .append('=')
                    .append(quote(label.getValue()))
                    .append('\n');
        }
        if (inputs.user() != null) {
            out.append("USER ").append(inputs.user()).append('\n');
        }
        return out.toString();
    }

    private static String relative(Path context, Path source) {
        Path absolute = source.toAbsolutePath().normalize();
        Path base = context.toAbsolutePath().normalize();
        String path =
                absolute.startsWith(base)
                        ? base.relativize(absolute).toString()
                        : absolute.toString();
        return path.replace('\\', '/');
    }

    /** A Dockerfile word that needs no quoting. */
    private static boolean plain(String value) {
        return !value.isEmpty()
                && value.chars().allMatch(c -> c > ' ' && c != '"' && c != '\\' && c != '=');
    }

    /** A JSON string, which Dockerfile instructions accept where a word could hold spaces. */
    private static String json(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String quote(String value) {
        return plain(value) ? value : json(value);
    }
}
