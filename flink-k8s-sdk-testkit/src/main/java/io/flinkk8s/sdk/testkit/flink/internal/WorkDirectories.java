package io.flinkk8s.sdk.testkit.flink.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up the work directory of an in-process Flink REST endpoint without breaking file uploads
 * to the other endpoints of the same JVM.
 *
 * <p>Flink's {@code FileUploadHandler} points Netty's JVM-wide {@code DiskFileUpload.baseDirectory}
 * at its own endpoint's upload directory ({@code <upload dir>/flink-web-upload}) each time a
 * connection opens. Netty writes the temporary file of every multipart upload there, in whichever
 * endpoint's directory the last opened connection named. Deleting a closed endpoint's upload
 * directory therefore fails a jar upload that another endpoint of the JVM is receiving at that
 * moment ("File upload failed."). So the upload directory itself and Netty's temporary files in it
 * ({@code FUp_*}, {@code Attr_*}) stay until the JVM exits; everything else (uploaded jars,
 * temporary Flink files) is deleted at once.
 */
public final class WorkDirectories {

    private static final Logger LOG = LoggerFactory.getLogger(WorkDirectories.class);

    /** The directory name Flink appends to {@code web.upload.dir} for its upload directory. */
    public static final String FLINK_UPLOAD_DIRECTORY = "flink-web-upload";

    private WorkDirectories() {}

    /**
     * Deletes {@code workDir} except every {@code flink-web-upload} directory below it, the
     * directories leading to it, and Netty's temporary upload files in it; those are deleted when
     * the JVM exits.
     */
    public static void deleteKeepingUploadDirectories(Path workDir) {
        if (!Files.exists(workDir)) {
            return;
        }
        Cleaner cleaner = new Cleaner();
        try {
            Files.walkFileTree(workDir, cleaner);
        } catch (IOException e) {
            LOG.warn("Could not delete all of {}: {}", workDir, e.toString());
        }
        // deleteOnExit deletes in reverse order of registration: register parents first
        for (int i = cleaner.kept.size() - 1; i >= 0; i--) {
            cleaner.kept.get(i).toFile().deleteOnExit();
        }
    }

    private static final class Cleaner extends SimpleFileVisitor<Path> {

        /** What stays until the JVM exits, children before their parents. */
        private final List<Path> kept = new ArrayList<>();

        private int uploadDepth;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (isUploadDirectory(dir)) {
                uploadDepth++;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (uploadDepth > 0 && isNettyTemporaryFile(file)) {
                kept.add(file);
            } else {
                Files.deleteIfExists(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            // a Netty temporary file renamed away while walking: nothing left to delete
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (isUploadDirectory(dir)) {
                uploadDepth--;
            }
            if (!isUploadDirectory(dir) && isEmpty(dir)) {
                Files.deleteIfExists(dir);
            } else {
                kept.add(dir);
            }
            return FileVisitResult.CONTINUE;
        }

        private static boolean isUploadDirectory(Path dir) {
            return dir.getFileName() != null
                    && dir.getFileName().toString().equals(FLINK_UPLOAD_DIRECTORY);
        }

        private static boolean isNettyTemporaryFile(Path file) {
            String name = file.getFileName().toString();
            return name.startsWith("FUp_") || name.startsWith("Attr_");
        }

        private static boolean isEmpty(Path dir) throws IOException {
            try (var entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            }
        }
    }
}
