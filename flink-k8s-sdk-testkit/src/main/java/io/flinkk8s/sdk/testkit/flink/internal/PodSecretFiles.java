package io.flinkk8s.sdk.testkit.flink.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.core.render.step.security.ContainerFilesystemStep;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a JobManager container finds of its pod's Secrets when it starts, for the simulated
 * JobManager: the files of every {@code secret} volume its main container mounts (a TLS keystore,
 * say), and the Flink options the SDK's start script merges into the configuration from the {@value
 * ContainerFilesystemStep#SECRETS_VOLUME} volume ({@code security.secretConfiguration}, TLS
 * passwords). A Secret or key that does not exist is left out, as the kubelet would not start the
 * container at all. The values stay in the test's memory: they are passed to the simulated runtime
 * only.
 *
 * @param files absolute path in the container → content
 * @param options Flink option → value, as the start script appends them (trailing newlines cut)
 */
public record PodSecretFiles(Map<String, byte[]> files, Map<String, String> options) {

    /**
     * The Secret files and options of {@code pod}'s {@code main} container.
     *
     * @param secrets a Secret of the pod's namespace by name, as JSON; null when there is none
     */
    public static PodSecretFiles of(
            JsonNode pod, JsonNode main, Function<String, JsonNode> secrets) {
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, String> options = new TreeMap<>();
        JsonNode volumes = pod.path("spec").path("volumes");
        for (JsonNode mount : main.path("volumeMounts")) {
            JsonNode volume = byName(volumes, mount.path("name").asText());
            if (volume == null) {
                continue;
            }
            String path = mount.path("mountPath").asText();
            if (volume.has("secret")) {
                JsonNode secret = volume.get("secret");
                collect(secrets.apply(secret.path("secretName").asText()), secret, path, files);
            } else if (ContainerFilesystemStep.SECRETS_VOLUME.equals(volume.path("name").asText())
                    && volume.has("projected")) {
                Map<String, byte[]> merged = new TreeMap<>();
                for (JsonNode source : volume.path("projected").path("sources")) {
                    JsonNode secret = source.get("secret");
                    if (secret != null) {
                        collect(secrets.apply(secret.path("name").asText()), secret, "", merged);
                    }
                }
                merged.forEach(
                        (file, value) ->
                                options.put(
                                        file.substring(1),
                                        new String(value, StandardCharsets.UTF_8)
                                                .replaceAll("\n+$", "")));
            }
        }
        return new PodSecretFiles(files, options);
    }

    /** The Secret's keys (those of {@code items}, or all) as files under {@code dir}. */
    private static void collect(
            JsonNode secret, JsonNode source, String dir, Map<String, byte[]> into) {
        if (secret == null) {
            return;
        }
        Map<String, byte[]> data = data(secret);
        JsonNode items = source.get("items");
        if (items == null || items.isEmpty()) {
            data.forEach((key, value) -> into.put(dir + "/" + key, value));
            return;
        }
        for (JsonNode item : items) {
            byte[] value = data.get(item.path("key").asText());
            if (value != null) {
                into.put(dir + "/" + item.path("path").asText(), value);
            }
        }
    }

    private static Map<String, byte[]> data(JsonNode secret) {
        Map<String, byte[]> data = new TreeMap<>();
        secret.path("data")
                .fields()
                .forEachRemaining(
                        e ->
                                data.put(
                                        e.getKey(),
                                        Base64.getDecoder().decode(e.getValue().asText())));
        secret.path("stringData")
                .fields()
                .forEachRemaining(
                        e ->
                                data.put(
                                        e.getKey(),
                                        e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        return data;
    }

    private static JsonNode byName(JsonNode volumes, String name) {
        for (JsonNode v : volumes) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return null;
    }
}
