package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.flinkk8s.sdk.testkit.internal.admission.DefaultStorageClass;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The persistent volume controller with a dynamic provisioner behind every StorageClass: a pending
 * claim of an existing class gets a new PersistentVolume {@code pvc-<claim uid>} (the claim's size
 * and access modes, the class's reclaim policy, {@code claimRef} to the claim) and both turn {@code
 * Bound} ({@code spec.volumeName}, {@code status.capacity}, {@code status.accessModes} on the
 * claim); with the class's {@code volumeBindingMode: WaitForFirstConsumer} only once a pod mounts
 * the claim (until then a Normal {@code WaitForFirstConsumer} Event). A claim of a missing class
 * stays {@code Pending} with a Warning {@code ProvisioningFailed} Event ({@code
 * storageclass.storage.k8s.io "fast" not found}); one without a class ({@code ""}) stays Pending
 * with a Normal {@code FailedBinding} Event, as no pre-made volume is matched. A volume whose claim
 * is gone is deleted ({@code Delete}, the default) or {@code Released} ({@code Retain}).
 */
public final class VolumeBinder implements Controller {

    private static final String MANAGER = "persistent-volume-binder";

    @Override
    public Set<String> watches() {
        return Set.of("persistentvolumeclaims", "persistentvolumes", "storageclasses", "pods");
    }

    @Override
    public void reconcile(ControllerContext context) {
        if (!context.api().holdsAny("persistentvolumeclaims")
                && !context.api().holdsAny("persistentvolumes")) {
            return;
        }
        List<JsonNode> claims = context.api().listJson(PersistentVolumeClaim.class, null);
        Set<String> claimUids = new HashSet<>();
        claims.forEach(c -> claimUids.add(Trees.uid(c)));
        for (JsonNode claim : claims) {
            String phase = Trees.text(claim.path("status"), "phase");
            if (!Trees.isDeleting(claim) && (phase == null || phase.equals("Pending"))) {
                bind(context, claim);
            }
        }
        for (JsonNode pv : context.api().listJson(PersistentVolume.class, null)) {
            String claimUid = Trees.text(pv.path("spec").path("claimRef"), "uid");
            if (claimUid == null || claimUids.contains(claimUid) || Trees.isDeleting(pv)) {
                continue;
            }
            String policy = Trees.text(pv.path("spec"), "persistentVolumeReclaimPolicy");
            if (policy == null || policy.equals("Delete")) {
                context.api().deleteJson(PersistentVolume.class, pv, "Background");
            } else if (!"Released".equals(Trees.text(pv.path("status"), "phase"))) {
                ObjectNode released = pv.deepCopy();
                released.with("status").put("phase", "Released");
                context.api().updateStatusJson(PersistentVolume.class, released);
            }
        }
    }

    private static void bind(ControllerContext context, JsonNode claim) {
        String className = Trees.text(claim.path("spec"), "storageClassName");
        if (className == null || className.isEmpty()) {
            pending(
                    context,
                    claim,
                    "Normal",
                    "FailedBinding",
                    "no persistent volumes available for this claim and no storage class is set");
            return;
        }
        JsonNode storageClass = DefaultStorageClass.find(context.api(), className);
        if (storageClass == null) {
            pending(
                    context,
                    claim,
                    "Warning",
                    "ProvisioningFailed",
                    "storageclass.storage.k8s.io \"" + className + "\" not found");
            return;
        }
        if ("WaitForFirstConsumer".equals(Trees.text(storageClass, "volumeBindingMode"))
                && !mounted(context, claim)) {
            pending(
                    context,
                    claim,
                    "Normal",
                    "WaitForFirstConsumer",
                    "waiting for first consumer to be created before binding");
            return;
        }
        String provisioner = Trees.text(storageClass, "provisioner");
        String volumeName = "pvc-" + Trees.uid(claim);
        JsonNode storage = claim.path("spec").path("resources").path("requests").get("storage");
        JsonNode accessModes = claim.path("spec").get("accessModes");
        ObjectNode pv = Trees.object();
        pv.put("apiVersion", "v1");
        pv.put("kind", "PersistentVolume");
        ObjectNode metadata = pv.putObject("metadata");
        metadata.putObject("annotations").put("pv.kubernetes.io/provisioned-by", provisioner);
        metadata.put("name", volumeName);
        ObjectNode spec = pv.putObject("spec");
        if (accessModes != null) {
            spec.set("accessModes", accessModes.deepCopy());
        }
        if (storage != null) {
            spec.putObject("capacity").set("storage", storage.deepCopy());
        }
        ObjectNode ref = spec.putObject("claimRef");
        ref.put("apiVersion", "v1");
        ref.put("kind", "PersistentVolumeClaim");
        ref.put("name", Trees.name(claim));
        ref.put("namespace", Trees.namespace(claim));
        ref.put("uid", Trees.uid(claim));
        spec.putObject("hostPath")
                .put("path", "/var/local-path-provisioner/" + volumeName)
                .put("type", "DirectoryOrCreate");
        spec.put(
                "persistentVolumeReclaimPolicy",
                Trees.text(storageClass, "reclaimPolicy") == null
                        ? "Delete"
                        : Trees.text(storageClass, "reclaimPolicy"));
        spec.put("storageClassName", className);
        spec.put("volumeMode", "Filesystem");
        if (context.api().getJson(PersistentVolume.class, null, volumeName) == null) {
            ObjectNode created =
                    context.api().createJson(PersistentVolume.class, pv, MANAGER).deepCopy();
            created.putObject("status").put("phase", "Bound");
            context.api().updateStatusJson(PersistentVolume.class, created);
            context.recordEvent(
                    claim,
                    "Normal",
                    "ProvisioningSucceeded",
                    "Successfully provisioned volume " + volumeName);
        }
        ObjectNode bound = claim.deepCopy();
        ObjectNode annotations = bound.with("metadata").with("annotations");
        annotations.put("pv.kubernetes.io/bind-completed", "yes");
        annotations.put("pv.kubernetes.io/bound-by-controller", "yes");
        annotations.put("volume.kubernetes.io/storage-provisioner", provisioner);
        bound.with("spec").put("volumeName", volumeName);
        JsonNode stored = context.api().updateJson(PersistentVolumeClaim.class, bound, MANAGER);
        ObjectNode withStatus = stored.deepCopy();
        ObjectNode status = withStatus.putObject("status");
        if (accessModes != null) {
            status.set("accessModes", accessModes.deepCopy());
        }
        if (storage != null) {
            status.putObject("capacity").set("storage", storage.deepCopy());
        }
        status.put("phase", "Bound");
        context.api().updateStatusJson(PersistentVolumeClaim.class, withStatus);
    }

    /** Whether a pod that is not being deleted mounts the claim. */
    private static boolean mounted(ControllerContext context, JsonNode claim) {
        for (JsonNode pod : context.api().listJson(Pod.class, Trees.namespace(claim))) {
            if (!Trees.isDeleting(pod) && Trees.claimNames(pod).contains(Trees.name(claim))) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the claim Pending, with an Event when it first turns Pending. */
    private static void pending(
            ControllerContext context, JsonNode claim, String type, String reason, String message) {
        if ("Pending".equals(Trees.text(claim.path("status"), "phase"))) {
            return;
        }
        ObjectNode marked = claim.deepCopy();
        marked.with("status").put("phase", "Pending");
        context.api().updateStatusJson(PersistentVolumeClaim.class, marked);
        context.recordEvent(claim, type, reason, message);
    }
}
