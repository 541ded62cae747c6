package io.flinkk8s.sdk.delivery.helm.internal;

import io.flinkk8s.sdk.core.error.ExportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a chart's files into its folder: refuses, before writing anything, a folder holding a file
 * this SDK did not write (no {@link ChartFiles#MARKER} first line), and a template of an object
 * that holds state which the new chart no longer has (Helm would delete the object and its data on
 * the next upgrade); writes every file beside its place and moves them in when all are written;
 * removes the SDK's templates of objects no longer rendered.
 */
public final class ChartFolder {

    private ChartFolder() {}

    /**
     * What a write did.
     *
     * @param written the files written (all of the chart's)
     * @param removed the SDK's templates of objects the chart no longer has
     */
    public record Written(List<Path> written, List<Path> removed) {}

    /** Writes {@code files} (path in the chart → content) into {@code dir}. */
    public static Written write(Path dir, Map<String, String> files) {
        List<Path> stale = new ArrayList<>();
        for (Path file : existingFiles(dir)) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            String first = firstLine(file);
            boolean ours =
                    first.startsWith(ChartFiles.MARKER)
                            || (relative.equals("values.schema.json")
                                    && readQuietly(file).contains(ChartValuesFile.SCHEMA_TITLE));
            if (!ours) {
                throw new ExportException(
                        file
                                + " was not written by flink-k8s-sdk: export the chart into an"
                                + " empty folder or one the SDK wrote, so that no hand-written file"
                                + " is overwritten (nothing was written)");
            }
            if (!files.containsKey(relative)) {
                if (first.contains(" PersistentVolumeClaim ")) {
                    throw new ExportException(
                            file
                                    + " is the template of a PersistentVolumeClaim the spec no"
                                    + " longer renders: Helm would delete the volume and its data"
                                    + " on the next upgrade; remove the file by hand if you mean"
                                    + " it (nothing was written)");
                }
                stale.add(file);
            }
        }
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> entry : files.entrySet()) {
                Path target = dir.resolve(entry.getKey());
                Files.createDirectories(target.getParent());
                Path temp = Files.createTempFile(target.getParent(), ".flink-k8s-sdk-", ".tmp");
                staged.put(target, temp);
                Files.writeString(temp, entry.getValue(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<Path, Path> entry : staged.entrySet()) {
                Files.move(
                        entry.getValue(),
                        entry.getKey(),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            staged.values().forEach(ChartFolder::deleteQuietly);
            throw new ExportException("cannot write the chart into " + dir + ": " + e, e);
        }
        return new Written(List.copyOf(staged.keySet()), List.copyOf(stale));
    }

    private static List<Path> existingFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new ExportException(
                        dir + " is a file, not a chart's folder (nothing was written)");
            }
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ExportException("cannot read the chart's folder " + dir + ": " + e, e);
        }
    }

    private static String firstLine(Path file) {
        String text = readQuietly(file);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** The file's text; empty when it cannot be read (then it is not the SDK's). */
    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: a leftover temporary file is named .flink-k8s-sdk-*.tmp
        }
    }
}
