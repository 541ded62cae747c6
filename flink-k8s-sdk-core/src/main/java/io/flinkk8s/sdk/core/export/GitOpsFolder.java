package io.flinkk8s.sdk.core.export;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.error.ExportException;
import io.flinkk8s.sdk.core.internal.KubeSerialization;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.render.RenderedResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A GitOps folder for one deployment: one YAML file per rendered object (named by {@link
 * YamlExporter#fileName}) and a {@code kustomization.yaml} listing them in apply order, as Argo CD,
 * Flux and {@code kubectl apply -k} read it.
 *
 * <p>Written so that a repository's history shows only real changes: a file whose content would not
 * change is not touched (re-rendering an unchanged spec changes no byte and no modification time),
 * and a changed spec rewrites only the files of the objects that changed. Objects the new render no
 * longer has are reported as {@linkplain Result#stale() stale} and kept, unless the folder is told
 * to {@link #removingStale() remove them}; even then, files of kinds that hold state (a
 * PersistentVolumeClaim: a GitOps tool would delete the volume with the file) are kept unless
 * {@link #includingStateful()} says so too. Only files the folder's own {@code kustomization.yaml}
 * listed are ever candidates: other files in the folder are never touched.
 *
 * <pre>{@code
 * GitOpsFolder.Result result = GitOpsFolder.at(Path.of("clusters/prod/orders"))
 *         .removingStale()
 *         .write(Renderer.defaults().render(spec));
 * result.changed();   // the files a commit will show
 * }</pre>
 *
 * <p>Nothing is half-written: every new content is first written beside its file; only when all of
 * them are written are they moved into place, the {@code kustomization.yaml} last. A folder whose
 * {@code kustomization.yaml} was not written by this class is refused before anything is written.
 * Instances are immutable and safe to share.
 */
public final class GitOpsFolder {

    /** The name of the folder's Kustomization. */
    public static final String KUSTOMIZATION = "kustomization.yaml";

    /** The first line of every Kustomization this class writes; how it knows its own folders. */
    static final String MARKER =
            "# Written by flink-k8s-sdk (GitOpsFolder): re-render the spec to change this folder.";

    // the core's one shared serialization: its (de)serializers are built once for all parts
    private static final KubernetesSerialization SERIALIZATION = KubeSerialization.SHARED;

    private final Path dir;
    private final boolean removeStale;
    private final boolean includeStateful;

    private GitOpsFolder(Path dir, boolean removeStale, boolean includeStateful) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.removeStale = removeStale;
        this.includeStateful = includeStateful;
    }

    /** The folder at {@code dir} (created on the first write); stale files are kept. */
    public static GitOpsFolder at(Path dir) {
        return new GitOpsFolder(dir, false, false);
    }

    /**
     * A copy that removes the files of objects the new render no longer has (those the previous
     * {@code kustomization.yaml} listed) and their lines in it, except files of kinds that hold
     * state.
     */
    public GitOpsFolder removingStale() {
        return new GitOpsFolder(dir, true, includeStateful);
    }

    /**
     * A copy that, when removing stale files, removes those of kinds that hold state too (a
     * PersistentVolumeClaim's file: a GitOps tool then deletes the volume and its data).
     */
    public GitOpsFolder includingStateful() {
        return new GitOpsFolder(dir, removeStale, true);
    }

    /** The folder's path. */
    public Path dir() {
        return dir;
    }

    /**
     * Writes the rendered objects and the {@code kustomization.yaml}.
     *
     * @return what was added, changed, left unchanged, found stale and removed
     * @throws ExportException when the folder's {@code kustomization.yaml} was not written by this
     *     class or cannot be read (nothing is written), or a file cannot be written (files not yet
     *     moved into place are left as they were)
     */
    public Result write(RenderedResources rendered) {
        Objects.requireNonNull(rendered, "rendered");
        Path kustomization = dir.resolve(KUSTOMIZATION);
        List<String> previous = previousResources(kustomization);

        Map<String, String> contents = new LinkedHashMap<>();
        for (HasMetadata object : rendered.all()) {
            String name = YamlExporter.fileName(object);
            if (contents.put(name, YamlExporter.toYaml(object)) != null) {
                throw new ExportException(
                        "two rendered objects would both be written to " + dir.resolve(name));
            }
        }

        // Files of objects no longer rendered: kept and still listed (so a GitOps tool keeps the
        // objects) unless removed; a removed file leaves the Kustomization with it.
        List<Path> stale = new ArrayList<>();
        List<Path> toRemove = new ArrayList<>();
        List<String> listed = new ArrayList<>(contents.keySet());
        for (String name : previous) {
            Path file = dir.resolve(name);
            if (listed.contains(name) || toRemove.contains(file) || !Files.exists(file)) {
                continue;
            }
            if (removeStale && (includeStateful || !holdsState(file))) {
                toRemove.add(file);
            } else {
                stale.add(file);
                listed.add(name);
            }
        }
        contents.put(KUSTOMIZATION, kustomization(listed));

        List<Path> added = new ArrayList<>();
        List<Path> changed = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        Map<Path, String> toWrite = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : contents.entrySet()) {
            Path file = dir.resolve(entry.getKey());
            String current = readIfPresent(file);
            if (current == null) {
                added.add(file);
                toWrite.put(file, entry.getValue());
            } else if (!current.equals(entry.getValue())) {
                changed.add(file);
                toWrite.put(file, entry.getValue());
            } else {
                unchanged.add(file);
            }
        }
        writeAll(toWrite);
        toRemove.forEach(GitOpsFolder::delete);
        return new Result(dir, kustomization, added, changed, unchanged, stale, toRemove);
    }

    /** The files the folder's existing Kustomization lists; none for a new folder. */
    private List<String> previousResources(Path kustomization) {
        String text = readIfPresent(kustomization);
        if (text == null) {
            return List.of();
        }
        if (!text.startsWith(MARKER)) {
            throw new ExportException(
                    kustomization
                            + " was not written by flink-k8s-sdk: write into an empty folder or one"
                            + " the SDK wrote, so that no hand-written file is overwritten");
        }
        Object resources;
        try {
            resources = SERIALIZATION.unmarshal(text, Map.class).get("resources");
        } catch (RuntimeException e) {
            throw new ExportException("cannot read " + kustomization + ": " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        if (resources instanceof List<?> list) {
            for (Object item : list) {
                String name = String.valueOf(item);
                // Only plain file names in this folder are ours to judge.
                if (!name.contains("/") && !name.contains("\\") && name.endsWith(".yaml")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static String kustomization(List<String> files) {
        StringBuilder sb = new StringBuilder(MARKER).append('\n');
        sb.append("apiVersion: kustomize.config.k8s.io/v1beta1\n");
        sb.append("kind: Kustomization\n");
        sb.append("resources:\n");
        for (String file : files) {
            sb.append("- ").append(file).append('\n');
        }
        return sb.toString();
    }

    private static boolean holdsState(Path file) {
        String text = readIfPresent(file);
        if (text == null) {
            return false;
        }
        try {
            String kind = SERIALIZATION.unmarshal(text, GenericKubernetesResource.class).getKind();
            return kind != null && ObjectKind.of(kind).map(ObjectKind::holdsState).orElse(false);
        } catch (RuntimeException e) {
            // A file we cannot read is not ours to delete.
            return true;
        }
    }

    /** Writes each content beside its file, then moves them all into place in order. */
    private void writeAll(Map<Path, String> toWrite) {
        if (toWrite.isEmpty()) {
            return;
        }
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<Path, String> entry : toWrite.entrySet()) {
                Path temp = Files.createTempFile(dir, ".flink-k8s-sdk-", ".tmp");
                staged.put(entry.getKey(), temp);
                Files.writeString(temp, entry.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            staged.values().forEach(GitOpsFolder::deleteQuietly);
            throw new ExportException("cannot write into " + dir + " (nothing changed): " + e, e);
        }
        for (Map.Entry<Path, Path> entry : staged.entrySet()) {
            try {
                Files.move(
                        entry.getValue(),
                        entry.getKey(),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                staged.values().forEach(GitOpsFolder::deleteQuietly);
                throw new ExportException(
                        "cannot move the new "
                                + entry.getKey().getFileName()
                                + " into place in "
                                + dir
                                + " (files before it in apply order are new, "
                                + KUSTOMIZATION
                                + " is not): "
                                + e,
                        e);
            }
        }
    }

    private static String readIfPresent(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExportException("cannot read " + file + ": " + e, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ExportException("cannot remove the stale " + file + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: a leftover temporary file is named .flink-k8s-sdk-*.tmp
        }
    }

    /**
     * What one {@link #write} did, each list in apply order ({@code kustomization.yaml} last).
     *
     * @param dir the folder
     * @param kustomization its {@code kustomization.yaml}
     * @param added files that did not exist
     * @param changed files whose content changed
     * @param unchanged files left untouched: their content was already the new one
     * @param stale files of objects no longer rendered that were kept and are still listed in the
     *     {@code kustomization.yaml} (not removing stale files, or a kind that holds state)
     * @param removed files of objects no longer rendered that were removed
     */
    public record Result(
            Path dir,
            Path kustomization,
            List<Path> added,
            List<Path> changed,
            List<Path> unchanged,
            List<Path> stale,
            List<Path> removed) {

        /** Copies the lists. */
        public Result {
            added = List.copyOf(added);
            changed = List.copyOf(changed);
            unchanged = List.copyOf(unchanged);
            stale = List.copyOf(stale);
            removed = List.copyOf(removed);
        }

        /** Whether the folder is byte for byte what it was before the write. */
        public boolean nothingChanged() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }
    }
}
