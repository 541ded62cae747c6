package io.flinkk8s.sdk.core.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-level copies of the fabric8 objects a render edits most: a new object with the same field
 * values, whose lists and maps are new (so adding to one leaves the source alone) but whose
 * elements and nested objects are the source's own. For edits that only set fields, on objects that
 * are never changed once built (the render's drafts); copying them through a builder would copy
 * every nested object twice. A test checks that every field of the fabric8 class is copied.
 * Internal: not API, may change in any release.
 */
public final class ShallowCopies {

    private ShallowCopies() {}

    /** A copy of {@code source} whose lists and maps are new; everything in them is shared. */
    public static Container container(Container source) {
        Container copy = new Container();
        copy.setArgs(list(source.getArgs()));
        copy.setCommand(list(source.getCommand()));
        copy.setEnv(list(source.getEnv()));
        copy.setEnvFrom(list(source.getEnvFrom()));
        copy.setImage(source.getImage());
        copy.setImagePullPolicy(source.getImagePullPolicy());
        copy.setLifecycle(source.getLifecycle());
        copy.setLivenessProbe(source.getLivenessProbe());
        copy.setName(source.getName());
        copy.setPorts(list(source.getPorts()));
        copy.setReadinessProbe(source.getReadinessProbe());
        copy.setResizePolicy(list(source.getResizePolicy()));
        copy.setResources(source.getResources());
        copy.setRestartPolicy(source.getRestartPolicy());
        copy.setRestartPolicyRules(list(source.getRestartPolicyRules()));
        copy.setSecurityContext(source.getSecurityContext());
        copy.setStartupProbe(source.getStartupProbe());
        copy.setStdin(source.getStdin());
        copy.setStdinOnce(source.getStdinOnce());
        copy.setTerminationMessagePath(source.getTerminationMessagePath());
        copy.setTerminationMessagePolicy(source.getTerminationMessagePolicy());
        copy.setTty(source.getTty());
        copy.setVolumeDevices(list(source.getVolumeDevices()));
        copy.setVolumeMounts(list(source.getVolumeMounts()));
        copy.setWorkingDir(source.getWorkingDir());
        copy.setAdditionalProperties(map(source.getAdditionalProperties()));
        return copy;
    }

    /** A copy of {@code source} whose lists and maps are new; everything in them is shared. */
    public static PodSpec podSpec(PodSpec source) {
        PodSpec copy = new PodSpec();
        copy.setActiveDeadlineSeconds(source.getActiveDeadlineSeconds());
        copy.setAffinity(source.getAffinity());
        copy.setAutomountServiceAccountToken(source.getAutomountServiceAccountToken());
        copy.setContainers(list(source.getContainers()));
        copy.setDnsConfig(source.getDnsConfig());
        copy.setDnsPolicy(source.getDnsPolicy());
        copy.setEnableServiceLinks(source.getEnableServiceLinks());
        copy.setEphemeralContainers(list(source.getEphemeralContainers()));
        copy.setEvictionResponders(list(source.getEvictionResponders()));
        copy.setHostAliases(list(source.getHostAliases()));
        copy.setHostIPC(source.getHostIPC());
        copy.setHostNetwork(source.getHostNetwork());
        copy.setHostPID(source.getHostPID());
        copy.setHostUsers(source.getHostUsers());
        copy.setHostname(source.getHostname());
        copy.setHostnameOverride(source.getHostnameOverride());
        copy.setImagePullSecrets(list(source.getImagePullSecrets()));
        copy.setInitContainers(list(source.getInitContainers()));
        copy.setNodeName(source.getNodeName());
        copy.setNodeSelector(map(source.getNodeSelector()));
        copy.setOs(source.getOs());
        copy.setOverhead(map(source.getOverhead()));
        copy.setPreemptionPolicy(source.getPreemptionPolicy());
        copy.setPriority(source.getPriority());
        copy.setPriorityClassName(source.getPriorityClassName());
        copy.setReadinessGates(list(source.getReadinessGates()));
        copy.setResourceClaims(list(source.getResourceClaims()));
        copy.setResources(source.getResources());
        copy.setRestartPolicy(source.getRestartPolicy());
        copy.setRuntimeClassName(source.getRuntimeClassName());
        copy.setSchedulerName(source.getSchedulerName());
        copy.setSchedulingGates(list(source.getSchedulingGates()));
        copy.setSchedulingGroup(source.getSchedulingGroup());
        copy.setSecurityContext(source.getSecurityContext());
        copy.setServiceAccount(source.getServiceAccount());
        copy.setServiceAccountName(source.getServiceAccountName());
        copy.setSetHostnameAsFQDN(source.getSetHostnameAsFQDN());
        copy.setShareProcessNamespace(source.getShareProcessNamespace());
        copy.setSubdomain(source.getSubdomain());
        copy.setTerminationGracePeriodSeconds(source.getTerminationGracePeriodSeconds());
        copy.setTolerations(list(source.getTolerations()));
        copy.setTopologySpreadConstraints(list(source.getTopologySpreadConstraints()));
        copy.setVolumes(list(source.getVolumes()));
        copy.setAdditionalProperties(map(source.getAdditionalProperties()));
        return copy;
    }

    /** A copy of {@code source} whose lists and maps are new; everything in them is shared. */
    public static ObjectMeta objectMeta(ObjectMeta source) {
        ObjectMeta copy = new ObjectMeta();
        copy.setAnnotations(map(source.getAnnotations()));
        copy.setCreationTimestamp(source.getCreationTimestamp());
        copy.setDeletionGracePeriodSeconds(source.getDeletionGracePeriodSeconds());
        copy.setDeletionTimestamp(source.getDeletionTimestamp());
        copy.setFinalizers(list(source.getFinalizers()));
        copy.setGenerateName(source.getGenerateName());
        copy.setGeneration(source.getGeneration());
        copy.setLabels(map(source.getLabels()));
        copy.setManagedFields(list(source.getManagedFields()));
        copy.setName(source.getName());
        copy.setNamespace(source.getNamespace());
        copy.setOwnerReferences(list(source.getOwnerReferences()));
        copy.setResourceVersion(source.getResourceVersion());
        copy.setSelfLink(source.getSelfLink());
        copy.setUid(source.getUid());
        copy.setAdditionalProperties(map(source.getAdditionalProperties()));
        return copy;
    }

    /** A copy of {@code source} that shares its metadata, spec and status. */
    public static Pod pod(Pod source) {
        Pod copy = new Pod();
        copy.setApiVersion(source.getApiVersion());
        copy.setKind(source.getKind());
        copy.setMetadata(source.getMetadata());
        copy.setSpec(source.getSpec());
        copy.setStatus(source.getStatus());
        copy.setAdditionalProperties(map(source.getAdditionalProperties()));
        return copy;
    }

    private static <T> List<T> list(List<T> list) {
        if (list == null) {
            return null;
        }
        return list.isEmpty() ? new ArrayList<>() : new ArrayList<>(list);
    }

    private static <K, V> Map<K, V> map(Map<K, V> map) {
        if (map == null) {
            return null;
        }
        return map.isEmpty() ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    }
}
