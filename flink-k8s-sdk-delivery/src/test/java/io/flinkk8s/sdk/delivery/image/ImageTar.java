package io.flinkk8s.sdk.delivery.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** An image tar as {@code docker save} writes it, read back for the tests' checks. */
final class ImageTar {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, byte[]> files = new LinkedHashMap<>();

    /** One file inside a layer. */
    record LayerFile(
            String path, long uid, long gid, int mode, long modifiedMillis, byte[] bytes) {}

    static ImageTar read(Path tar) throws IOException {
        ImageTar image = new ImageTar();
        try (InputStream in = Files.newInputStream(tar);
                TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (entry.isFile()) {
                    image.files.put(entry.getName(), entries.readAllBytes());
                }
            }
        }
        return image;
    }

    JsonNode manifest() throws IOException {
        return JSON.readTree(files.get("manifest.json")).get(0);
    }

    JsonNode config() throws IOException {
        return JSON.readTree(files.get(manifest().get("Config").asText()));
    }

    List<String> layerNames() throws IOException {
        List<String> names = new ArrayList<>();
        manifest().get("Layers").forEach(l -> names.add(l.asText()));
        return names;
    }

    /** The files of layer {@code index} (gzip-compressed tars in Jib's output). */
    List<LayerFile> layer(int index) throws IOException {
        byte[] compressed = files.get(layerNames().get(index));
        List<LayerFile> result = new ArrayList<>();
        try (TarArchiveInputStream entries =
                new TarArchiveInputStream(
                        new GZIPInputStream(new ByteArrayInputStream(compressed)))) {
            TarArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (entry.isFile()) {
                    result.add(
                            new LayerFile(
                                    entry.getName(),
                                    entry.getLongUserId(),
                                    entry.getLongGroupId(),
                                    entry.getMode() & 0777,
                                    entry.getModTime().getTime(),
                                    entries.readAllBytes()));
                }
            }
        }
        return result;
    }
}
