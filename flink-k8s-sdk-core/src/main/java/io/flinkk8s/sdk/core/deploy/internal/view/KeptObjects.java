package io.flinkk8s.sdk.core.deploy.internal.view;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.internal.view.CompactStore.Kept;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What the status view keeps of the objects it watches ({@link CompactStore}): of a Deployment its
 * replica counts and generations, of a pod its conditions and its containers' states, restart
 * counts and last termination, of a state record ConfigMap its text compressed; of each, its
 * resource version, uid or deletion mark where read, and the three labels the view reads ({@code
 * managed-by}, {@code instance}, {@code component}). No managed fields, annotations, other labels,
 * pod specs or Deployment templates. Names, kinds, label values and condition types are interned
 * (shared by every object that has them).
 */
final class KeptObjects {

    private static final String[] NO_STRINGS = {};
    private static final String REPLICA_FAILURE = "ReplicaFailure";
    private static final Container[] NO_CONTAINERS = {};

    private KeptObjects() {}

    /**
     * A kept object with its compact resource version and its three labels, which answer what the
     * store asks of every kept object.
     */
    interface Labelled<T> extends Kept<T> {

        /** The resource version as kept: a Long when numeric, else the String. */
        Object version();

        /** The three labels the view reads. */
        Labels labels();

        @Override
        default String resourceVersion() {
            return KeptObjects.version(version());
        }

        @Override
        default String managedBy() {
            return labels().managedBy();
        }

        @Override
        default String instance() {
            return labels().instance();
        }
    }

    /** The kept labels of an object: managed-by, instance and component, each may be null. */
    record Labels(String managedBy, String instance, String component) {

        static Labels of(HasMetadata o) {
            Map<String, String> all = o.getMetadata().getLabels();
            if (all == null) {
                return new Labels(null, null, null);
            }
            return new Labels(
                    intern(all.get(ResourceLabels.MANAGED_BY)),
                    intern(all.get(ResourceLabels.INSTANCE)),
                    intern(all.get(ResourceLabels.COMPONENT)));
        }

        ObjectMeta meta(String namespace, String name, Object version) {
            ObjectMeta meta = new ObjectMeta();
            meta.setNamespace(namespace);
            meta.setName(name);
            meta.setResourceVersion(KeptObjects.version(version));
            Map<String, String> labels = new HashMap<>(4);
            put(labels, ResourceLabels.MANAGED_BY, managedBy);
            put(labels, ResourceLabels.INSTANCE, instance);
            put(labels, ResourceLabels.COMPONENT, component);
            meta.setLabels(labels);
            return meta;
        }

        private static void put(Map<String, String> labels, String key, String value) {
            if (value != null) {
                labels.put(key, value);
            }
        }
    }

    /**
     * What is kept of a Deployment: its replica counts and generations, and a True {@code
     * ReplicaFailure} condition (the API server refusing its pods: quota, limit range, pod
     * security), the only condition the status reads.
     *
     * @param hasStatus whether it had a {@code status} (counts may be null within one)
     * @param replicaFailure reason and message of a True {@code ReplicaFailure} condition, or null
     */
    record KeptDeployment(
            Object version,
            Labels labels,
            Long generation,
            Integer replicas,
            boolean hasStatus,
            Integer statusReplicas,
            Integer updatedReplicas,
            Integer readyReplicas,
            Long observedGeneration,
            String[] replicaFailure)
            implements Labelled<Deployment> {

        static Kept<Deployment> of(Deployment d) {
            DeploymentStatus s = d.getStatus();
            return new KeptDeployment(
                    compactVersion(d.getMetadata().getResourceVersion()),
                    Labels.of(d),
                    d.getMetadata().getGeneration(),
                    d.getSpec() == null ? null : d.getSpec().getReplicas(),
                    s != null,
                    s == null ? null : s.getReplicas(),
                    s == null ? null : s.getUpdatedReplicas(),
                    s == null ? null : s.getReadyReplicas(),
                    s == null ? null : s.getObservedGeneration(),
                    replicaFailure(s));
        }

        private static String[] replicaFailure(DeploymentStatus s) {
            if (s == null || s.getConditions() == null) {
                return null;
            }
            return s.getConditions().stream()
                    .filter(
                            c ->
                                    REPLICA_FAILURE.equals(c.getType())
                                            && "True".equals(c.getStatus()))
                    .findFirst()
                    .map(c -> new String[] {c.getReason(), c.getMessage()})
                    .orElse(null);
        }

        @Override
        public Deployment restore(String namespace, String name) {
            Deployment d = new Deployment();
            ObjectMeta meta = labels.meta(namespace, name, version);
            meta.setGeneration(generation);
            d.setMetadata(meta);
            DeploymentSpec spec = new DeploymentSpec();
            spec.setReplicas(replicas);
            d.setSpec(spec);
            if (hasStatus) {
                DeploymentStatus s = new DeploymentStatus();
                s.setReplicas(statusReplicas);
                s.setUpdatedReplicas(updatedReplicas);
                s.setReadyReplicas(readyReplicas);
                s.setObservedGeneration(observedGeneration);
                if (replicaFailure != null) {
                    s.setConditions(
                            List.of(
                                    new DeploymentConditionBuilder()
                                            .withType(REPLICA_FAILURE)
                                            .withStatus("True")
                                            .withReason(replicaFailure[0])
                                            .withMessage(replicaFailure[1])
                                            .build()));
                }
                d.setStatus(s);
            }
            return d;
        }
    }

    /**
     * What is kept of a pod: its uid and deletion mark, phase, conditions (type, status, reason,
     * message) and its containers' and init containers' states.
     *
     * @param conditions four strings per condition: type, status, reason, message
     */
    record KeptPod(
            Object version,
            Labels labels,
            Object uid,
            String deletionTimestamp,
            String phase,
            String[] conditions,
            Container[] containers,
            Container[] initContainers)
            implements Labelled<Pod> {

        static Kept<Pod> of(Pod p) {
            PodStatus s = p.getStatus();
            List<String> conditions = new ArrayList<>();
            if (s != null && s.getConditions() != null) {
                for (PodCondition c : s.getConditions()) {
                    conditions.add(intern(c.getType()));
                    conditions.add(intern(c.getStatus()));
                    conditions.add(intern(c.getReason()));
                    conditions.add(c.getMessage());
                }
            }
            return new KeptPod(
                    compactVersion(p.getMetadata().getResourceVersion()),
                    Labels.of(p),
                    compactUid(p.getMetadata().getUid()),
                    p.getMetadata().getDeletionTimestamp(),
                    s == null ? null : intern(s.getPhase()),
                    conditions.isEmpty() ? NO_STRINGS : conditions.toArray(String[]::new),
                    Container.of(s == null ? null : s.getContainerStatuses()),
                    Container.of(s == null ? null : s.getInitContainerStatuses()));
        }

        @Override
        public Pod restore(String namespace, String name) {
            Pod p = new Pod();
            ObjectMeta meta = labels.meta(namespace, name, version);
            meta.setUid(uid == null ? null : uid.toString());
            meta.setDeletionTimestamp(deletionTimestamp);
            p.setMetadata(meta);
            PodStatus s = new PodStatus();
            s.setPhase(phase);
            List<PodCondition> cs = new ArrayList<>(conditions.length / 4);
            for (int i = 0; i < conditions.length; i += 4) {
                PodCondition c = new PodCondition();
                c.setType(conditions[i]);
                c.setStatus(conditions[i + 1]);
                c.setReason(conditions[i + 2]);
                c.setMessage(conditions[i + 3]);
                cs.add(c);
            }
            s.setConditions(cs);
            s.setContainerStatuses(Container.restore(containers));
            s.setInitContainerStatuses(Container.restore(initContainers));
            p.setStatus(s);
            return p;
        }
    }

    /** What is kept of a container's status: what the status view's failure causes read. */
    record Container(
            String name,
            String image,
            Boolean ready,
            Integer restartCount,
            String waitingReason,
            String waitingMessage,
            String lastTerminatedReason,
            Integer lastExitCode,
            String lastTerminatedMessage) {

        static Container[] of(List<ContainerStatus> statuses) {
            if (statuses == null || statuses.isEmpty()) {
                return NO_CONTAINERS;
            }
            Container[] kept = new Container[statuses.size()];
            for (int i = 0; i < kept.length; i++) {
                ContainerStatus c = statuses.get(i);
                ContainerStateWaiting w = c.getState() == null ? null : c.getState().getWaiting();
                ContainerStateTerminated t =
                        c.getLastState() == null ? null : c.getLastState().getTerminated();
                kept[i] =
                        new Container(
                                intern(c.getName()),
                                intern(c.getImage()),
                                c.getReady(),
                                c.getRestartCount(),
                                w == null ? null : intern(w.getReason()),
                                w == null ? null : w.getMessage(),
                                t == null ? null : intern(t.getReason()),
                                t == null ? null : t.getExitCode(),
                                t == null ? null : t.getMessage());
            }
            return kept;
        }

        static List<ContainerStatus> restore(Container[] kept) {
            List<ContainerStatus> statuses = new ArrayList<>(kept.length);
            for (Container k : kept) {
                ContainerStatus c = new ContainerStatus();
                c.setName(k.name);
                c.setImage(k.image);
                c.setReady(k.ready);
                c.setRestartCount(k.restartCount);
                ContainerState state = new ContainerState();
                if (k.waitingReason != null || k.waitingMessage != null) {
                    ContainerStateWaiting w = new ContainerStateWaiting();
                    w.setReason(k.waitingReason);
                    w.setMessage(k.waitingMessage);
                    state.setWaiting(w);
                }
                c.setState(state);
                if (k.lastTerminatedReason != null || k.lastExitCode != null) {
                    ContainerStateTerminated t = new ContainerStateTerminated();
                    t.setReason(k.lastTerminatedReason);
                    t.setExitCode(k.lastExitCode);
                    t.setMessage(k.lastTerminatedMessage);
                    ContainerState last = new ContainerState();
                    last.setTerminated(t);
                    c.setLastState(last);
                }
                statuses.add(c);
            }
            return statuses;
        }
    }

    /**
     * Keeps state records ({@link KeptState}) compressed against a preset dictionary: the text of
     * the first record it keeps, held once for all (at most the compressor's 32 KiB window). The
     * records of a namespace's deployments share most of their text (field names, the rendered
     * kinds, the spec's common parts), so each compresses to a few hundred bytes instead of about a
     * quarter of its text. Each kept record holds the dictionary it was compressed with. Called
     * from the informer's thread.
     */
    static final class StateTexts {
        private static final int WINDOW = 32 * 1024;
        private volatile byte[] dictionary;

        /** What is kept of the record. */
        Kept<ConfigMap> keep(ConfigMap cm) {
            byte[] dict = dictionary;
            if (dict == null && cm.getData() != null) {
                for (String text : cm.getData().values()) {
                    if (text != null && !text.isEmpty()) {
                        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                        dict =
                                bytes.length <= WINDOW
                                        ? bytes
                                        : Arrays.copyOfRange(
                                                bytes, bytes.length - WINDOW, bytes.length);
                        dictionary = dict;
                        break;
                    }
                }
            }
            return KeptState.of(cm, dict);
        }
    }

    /**
     * What is kept of a state record ConfigMap: its {@code data} entries, each compressed (the
     * record's JSON text compresses to about a quarter, against a sibling record's text as
     * dictionary to a few hundred bytes); restored on demand, parsed by the reader.
     *
     * @param data key, compressed value, key, compressed value, ...
     * @param dictionary the preset dictionary the values were compressed with; null for none
     */
    record KeptState(Object version, Labels labels, Object[] data, byte[] dictionary)
            implements Labelled<ConfigMap> {

        /** What is kept of the record, compressed without a dictionary. */
        static Kept<ConfigMap> of(ConfigMap cm) {
            return of(cm, null);
        }

        /** What is kept of the record, compressed against {@code dictionary} (null: none). */
        static Kept<ConfigMap> of(ConfigMap cm, byte[] dictionary) {
            Map<String, String> all = cm.getData();
            Object[] data = new Object[all == null ? 0 : all.size() * 2];
            int i = 0;
            if (all != null) {
                for (Map.Entry<String, String> e : all.entrySet()) {
                    data[i++] = intern(e.getKey());
                    data[i++] = e.getValue() == null ? null : deflate(e.getValue(), dictionary);
                }
            }
            return new KeptState(
                    compactVersion(cm.getMetadata().getResourceVersion()),
                    Labels.of(cm),
                    data,
                    dictionary);
        }

        @Override
        public ConfigMap restore(String namespace, String name) {
            ConfigMap cm = new ConfigMap();
            cm.setMetadata(labels.meta(namespace, name, version));
            Map<String, String> all = new HashMap<>(4);
            for (int i = 0; i < data.length; i += 2) {
                all.put(
                        (String) data[i],
                        data[i + 1] == null ? null : inflate((byte[]) data[i + 1], dictionary));
            }
            cm.setData(all);
            return cm;
        }
    }

    /** A resource version as a Long when it is a plain decimal number (as etcd's are). */
    static Object compactVersion(String version) {
        if (version != null
                && !version.isEmpty()
                && version.length() < 19
                && version.chars().allMatch(c -> c >= '0' && c <= '9')
                && (version.length() == 1 || version.charAt(0) != '0')) {
            return Long.valueOf(version);
        }
        return version;
    }

    /** The resource version {@link #compactVersion} kept, as the API server gave it. */
    static String version(Object kept) {
        return kept == null ? null : kept.toString();
    }

    /** A uid as a {@link UUID} (two longs) when it is one in canonical form. */
    static Object compactUid(String uid) {
        if (uid == null) {
            return null;
        }
        try {
            UUID u = UUID.fromString(uid);
            return u.toString().equals(uid) ? u : uid;
        } catch (IllegalArgumentException e) {
            return uid;
        }
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    /** The text compressed, against a preset dictionary unless it is null. */
    static byte[] deflate(String text, byte[] dictionary) {
        Deflater deflater = new Deflater();
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 3 + 16);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** The text {@link #deflate(String, byte[])} compressed against the same dictionary. */
    static String inflate(byte[] compressed, byte[] dictionary) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsDictionary() && dictionary != null) {
                    inflater.setDictionary(dictionary);
                    continue;
                }
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("SDK bug: a kept text is truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("SDK bug: a kept text cannot be inflated", e);
        } finally {
            inflater.end();
        }
    }
}
