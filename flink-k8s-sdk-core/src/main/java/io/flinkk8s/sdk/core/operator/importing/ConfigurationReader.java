package io.flinkk8s.sdk.core.operator.importing;

import static io.flinkk8s.sdk.core.operator.importing.Document.at;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilityType;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The operator's {@code flinkConfiguration}, flat ({@code a.b: v}) or nested ({@code a: {b: v}}),
 * which the operator reads alike: nested maps become dotted keys, values their text. The keys the
 * spec has fields for move there: the HA type and storage dir into {@code highAvailability}, {@code
 * taskmanager.numberOfTaskSlots} into {@code taskManager.taskSlots}. Keys the SDK owns (addresses,
 * ports, the cluster id) and list values are noted, not carried.
 */
final class ConfigurationReader {

    /** Flink's class name of Kubernetes HA, which the operator's examples also use as the type. */
    private static final String KUBERNETES_HA_FACTORY =
            "org.apache.flink.kubernetes.highavailability.KubernetesHaServicesFactory";

    private final Document doc;
    private final Map<String, String> entries = new TreeMap<>();
    private HighAvailabilityType haType;
    private String haStorageDir;
    private String haStorageKey;
    private Integer taskSlots;

    ConfigurationReader(Document doc) {
        this.doc = doc;
    }

    void read(JsonNode node, String path) {
        if (!node.isNull()) {
            flatten("", node, path);
        }
    }

    /**
     * The entries the spec keeps as free-form Flink configuration, sorted by key; with the HA
     * storage dir when no HA type takes it.
     */
    Map<String, String> entries() {
        Map<String, String> out = new TreeMap<>(entries);
        if (haType == null && haStorageDir != null) {
            out.put(haStorageKey, haStorageDir);
        }
        return out;
    }

    /** The HA section, or null when the configuration names no HA type. */
    HighAvailabilitySpec highAvailability() {
        if (haType == null) {
            return null;
        }
        return new HighAvailabilitySpec(haType, haStorageDir);
    }

    /** {@code taskmanager.numberOfTaskSlots} when it is an integer, else null. */
    Integer taskSlots() {
        return taskSlots;
    }

    private void flatten(String prefix, JsonNode node, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            JsonNode value = f.getValue();
            String at = at(path, f.getKey());
            if (value.isObject()) {
                flatten(key, value, at);
            } else if (value.isArray()) {
                doc.lost(at, "a list value; the spec's Flink configuration holds text values");
            } else if (!value.isNull()) {
                entry(key, doc.text(value, at), at);
            }
        }
    }

    private void entry(String key, String value, String path) {
        if (keys(HighAvailabilityOptions.HA_MODE).contains(key)) {
            haType(value, path);
        } else if (keys(HighAvailabilityOptions.HA_STORAGE_PATH).contains(key)) {
            haStorageDir = value;
            haStorageKey = key;
        } else if (keys(TaskManagerOptions.NUM_TASK_SLOTS).contains(key) && isInteger(value)) {
            taskSlots = Integer.valueOf(value.trim());
        } else if (ManagedConfigKeys.ownedOption(key).isPresent()) {
            doc.lost(
                    path,
                    "the SDK sets "
                            + key
                            + " itself (the rendered Services and names depend on it)");
        } else {
            entries.put(key, value);
        }
    }

    private void haType(String value, String path) {
        String v = value.trim();
        if (v.equalsIgnoreCase("kubernetes") || v.equals(KUBERNETES_HA_FACTORY)) {
            haType = HighAvailabilityType.KUBERNETES;
        } else if (v.equalsIgnoreCase("none")) {
            haType = HighAvailabilityType.NONE;
        } else {
            doc.lost(
                    path,
                    "the spec's highAvailability.type is kubernetes or none, was "
                            + v.toLowerCase(Locale.ROOT));
        }
    }

    private static List<String> keys(org.apache.flink.configuration.ConfigOption<?> option) {
        return ManagedConfigKeys.allKeys(option);
    }

    private static boolean isInteger(String value) {
        return value.trim().matches("\\d{1,9}");
    }
}
