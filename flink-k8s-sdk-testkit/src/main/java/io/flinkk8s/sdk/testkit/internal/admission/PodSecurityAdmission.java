package io.flinkk8s.sdk.testkit.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code PodSecurity} admission plugin in its {@code enforce} mode: a pod created in a
 * namespace labelled {@code pod-security.kubernetes.io/enforce: baseline} or {@code restricted}
 * that breaks the level's Pod Security Standard is refused (403, {@code violates PodSecurity
 * "restricted:latest": allowPrivilegeEscalation != false (container "app" must set
 * securityContext.allowPrivilegeEscalation=false), ...}), each failed check as Kubernetes' {@code
 * pod-security-admission} words it, in its order. Checked: host namespaces, privileged, baseline
 * capabilities, hostPath volumes, host ports, {@code procMount}, seccomp {@code Unconfined}
 * (baseline); volume types, privilege escalation, {@code runAsNonRoot}, {@code runAsUser=0},
 * seccomp {@code RuntimeDefault}/{@code Localhost}, {@code drop: [ALL]} with only {@code
 * NET_BIND_SERVICE} added (restricted). Not checked: AppArmor, SELinux options, sysctls, Windows
 * host process. The {@code warn} and {@code audit} modes and workload (Deployment) warnings are not
 * modelled; the level's version label is only echoed.
 */
public final class PodSecurityAdmission {

    /** The namespace label naming the level pods must meet. */
    public static final String ENFORCE = "pod-security.kubernetes.io/enforce";

    private static final String ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";

    private static final Set<String> BASELINE_CAPABILITIES =
            Set.of(
                    "AUDIT_WRITE",
                    "CHOWN",
                    "DAC_OVERRIDE",
                    "FOWNER",
                    "FSETID",
                    "KILL",
                    "MKNOD",
                    "NET_BIND_SERVICE",
                    "SETFCAP",
                    "SETGID",
                    "SETPCAP",
                    "SETUID",
                    "SYS_CHROOT");

    private static final Set<String> RESTRICTED_VOLUMES =
            Set.of(
                    "configMap",
                    "csi",
                    "downwardAPI",
                    "emptyDir",
                    "ephemeral",
                    "persistentVolumeClaim",
                    "projected",
                    "secret");

    private PodSecurityAdmission() {}

    /**
     * Refuses {@code pod} when its namespace enforces a level it breaks.
     *
     * @throws io.flinkk8s.sdk.testkit.internal.json.ApiError 403 Forbidden naming every failed
     *     check
     */
    static void admit(ClusterView view, String namespace, JsonNode pod) {
        JsonNode ns = view.getJson(Namespace.class, null, namespace);
        JsonNode labels = ns == null ? null : ns.path("metadata").path("labels");
        String level = labels == null ? "" : labels.path(ENFORCE).asText("");
        if (level.isEmpty() || level.equals("privileged")) {
            return;
        }
        boolean restricted = !level.equals("baseline");
        List<String> failures = check(pod, restricted);
        if (!failures.isEmpty()) {
            String version = labels.path(ENFORCE_VERSION).asText("latest");
            throw AdmissionChain.forbidden(
                    "pods",
                    pod,
                    "violates PodSecurity \""
                            + (restricted ? "restricted" : "baseline")
                            + ":"
                            + version
                            + "\": "
                            + String.join(", ", failures));
        }
    }

    /** Each failed check as {@code reason (detail)}, in Kubernetes' order of check IDs. */
    static List<String> check(JsonNode pod, boolean restricted) {
        JsonNode spec = pod.path("spec");
        JsonNode podContext = spec.path("securityContext");
        List<JsonNode> containers = new ArrayList<>();
        spec.path("initContainers").forEach(containers::add);
        spec.path("containers").forEach(containers::add);
        List<String> failures = new ArrayList<>();
        if (restricted) {
            add(
                    failures,
                    "allowPrivilegeEscalation != false",
                    names(
                            containers,
                            c ->
                                    !ctx(c).path("allowPrivilegeEscalation").isBoolean()
                                            || ctx(c).path("allowPrivilegeEscalation").asBoolean()),
                    "container",
                    " must set securityContext.allowPrivilegeEscalation=false");
        }
        List<String> nonDefault = new ArrayList<>();
        Set<String> badCaps = new TreeSet<>();
        for (JsonNode c : containers) {
            boolean bad = false;
            for (JsonNode cap : ctx(c).path("capabilities").path("add")) {
                if (!BASELINE_CAPABILITIES.contains(cap.asText())) {
                    badCaps.add(cap.asText());
                    bad = true;
                }
            }
            if (bad) {
                nonDefault.add(c.path("name").asText());
            }
        }
        if (!nonDefault.isEmpty()) {
            failures.add(
                    "non-default capabilities ("
                            + quoted(nonDefault, "container")
                            + " must not include "
                            + quotedList(badCaps)
                            + " in securityContext.capabilities.add)");
        }
        if (restricted) {
            capabilitiesRestricted(failures, containers);
        }
        List<String> hostNamespaces = new ArrayList<>();
        for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (spec.path(field).asBoolean(false)) {
                hostNamespaces.add(field + "=true");
            }
        }
        if (!hostNamespaces.isEmpty()) {
            failures.add("host namespaces (" + String.join(", ", hostNamespaces) + ")");
        }
        List<String> hostPaths = new ArrayList<>();
        spec.path("volumes")
                .forEach(
                        v -> {
                            if (v.has("hostPath")) {
                                hostPaths.add(v.path("name").asText());
                            }
                        });
        if (!hostPaths.isEmpty()) {
            failures.add("hostPath volumes (" + quoted(hostPaths, "volume") + ")");
        }
        hostPorts(failures, containers);
        add(
                failures,
                "privileged",
                names(containers, c -> ctx(c).path("privileged").asBoolean(false)),
                "container",
                " must not set securityContext.privileged=true");
        add(
                failures,
                "procMount",
                names(
                        containers,
                        c -> !ctx(c).path("procMount").asText("Default").equals("Default")),
                "container",
                " must not set securityContext.procMount to \"Unmasked\"");
        if (restricted) {
            restrictedVolumes(failures, spec);
            runAsNonRoot(failures, podContext, containers);
            runAsUser(failures, podContext, containers);
        }
        seccomp(failures, podContext, containers, restricted);
        return failures;
    }

    private static void capabilitiesRestricted(List<String> failures, List<JsonNode> containers) {
        List<String> details = new ArrayList<>();
        List<String> noDrop =
                names(
                        containers,
                        c -> {
                            for (JsonNode d : ctx(c).path("capabilities").path("drop")) {
                                if (d.asText().equals("ALL")) {
                                    return false;
                                }
                            }
                            return true;
                        });
        if (!noDrop.isEmpty()) {
            details.add(
                    quoted(noDrop, "container")
                            + " must set securityContext.capabilities.drop=[\"ALL\"]");
        }
        List<String> adding = new ArrayList<>();
        Set<String> added = new TreeSet<>();
        for (JsonNode c : containers) {
            boolean bad = false;
            for (JsonNode cap : ctx(c).path("capabilities").path("add")) {
                if (!cap.asText().equals("NET_BIND_SERVICE")) {
                    added.add(cap.asText());
                    bad = true;
                }
            }
            if (bad) {
                adding.add(c.path("name").asText());
            }
        }
        if (!adding.isEmpty()) {
            details.add(
                    quoted(adding, "container")
                            + " must not include "
                            + quotedList(added)
                            + " in securityContext.capabilities.add");
        }
        if (!details.isEmpty()) {
            failures.add("unrestricted capabilities (" + String.join("; ", details) + ")");
        }
    }

    private static void hostPorts(List<String> failures, List<JsonNode> containers) {
        List<String> using = new ArrayList<>();
        Set<String> ports = new LinkedHashSet<>();
        for (JsonNode c : containers) {
            boolean uses = false;
            for (JsonNode p : c.path("ports")) {
                if (p.path("hostPort").asInt(0) != 0) {
                    ports.add(p.path("hostPort").asText());
                    uses = true;
                }
            }
            if (uses) {
                using.add(c.path("name").asText());
            }
        }
        if (!using.isEmpty()) {
            failures.add(
                    "hostPort ("
                            + quoted(using, "container")
                            + (using.size() == 1 ? " uses " : " use ")
                            + (ports.size() == 1 ? "hostPort " : "hostPorts ")
                            + String.join(", ", ports)
                            + ")");
        }
    }

    private static void restrictedVolumes(List<String> failures, JsonNode spec) {
        List<String> volumes = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        for (JsonNode v : spec.path("volumes")) {
            List<String> fields = new ArrayList<>();
            v.fieldNames().forEachRemaining(fields::add);
            fields.remove("name");
            for (String type : fields) {
                if (!RESTRICTED_VOLUMES.contains(type)) {
                    volumes.add(v.path("name").asText());
                    types.add(type);
                }
            }
        }
        if (!volumes.isEmpty()) {
            failures.add(
                    "restricted volume types ("
                            + quoted(volumes, "volume")
                            + (volumes.size() == 1 ? " uses" : " use")
                            + " restricted volume "
                            + (types.size() == 1 ? "type " : "types ")
                            + quotedList(types)
                            + ")");
        }
    }

    private static void runAsNonRoot(
            List<String> failures, JsonNode podContext, List<JsonNode> containers) {
        JsonNode podValue = podContext.path("runAsNonRoot");
        List<String> details = new ArrayList<>();
        if (podValue.isBoolean() && !podValue.asBoolean()) {
            details.add("pod must not set securityContext.runAsNonRoot=false");
        }
        List<String> explicit =
                names(
                        containers,
                        c ->
                                ctx(c).path("runAsNonRoot").isBoolean()
                                        && !ctx(c).path("runAsNonRoot").asBoolean());
        if (!explicit.isEmpty()) {
            details.add(
                    quoted(explicit, "container")
                            + " must not set securityContext.runAsNonRoot=false");
        }
        if (!podValue.isBoolean()) {
            List<String> unset = names(containers, c -> !ctx(c).path("runAsNonRoot").isBoolean());
            if (!unset.isEmpty()) {
                details.add(
                        "pod or "
                                + quoted(unset, "container")
                                + " must set securityContext.runAsNonRoot=true");
            }
        }
        if (!details.isEmpty()) {
            failures.add("runAsNonRoot != true (" + String.join("; ", details) + ")");
        }
    }

    private static void runAsUser(
            List<String> failures, JsonNode podContext, List<JsonNode> containers) {
        List<String> details = new ArrayList<>();
        if (podContext.path("runAsUser").isNumber() && podContext.path("runAsUser").asLong() == 0) {
            details.add("pod must not set runAsUser=0");
        }
        List<String> root =
                names(
                        containers,
                        c ->
                                ctx(c).path("runAsUser").isNumber()
                                        && ctx(c).path("runAsUser").asLong() == 0);
        if (!root.isEmpty()) {
            details.add(quoted(root, "container") + " must not set runAsUser=0");
        }
        if (!details.isEmpty()) {
            failures.add("runAsUser=0 (" + String.join("; ", details) + ")");
        }
    }

    private static void seccomp(
            List<String> failures,
            JsonNode podContext,
            List<JsonNode> containers,
            boolean restricted) {
        String podType = podContext.path("seccompProfile").path("type").asText("");
        List<String> details = new ArrayList<>();
        if (podType.equals("Unconfined")) {
            details.add("pod must not set securityContext.seccompProfile.type to \"Unconfined\"");
        }
        List<String> unconfined =
                names(
                        containers,
                        c ->
                                ctx(c).path("seccompProfile")
                                        .path("type")
                                        .asText("")
                                        .equals("Unconfined"));
        if (!unconfined.isEmpty()) {
            details.add(
                    quoted(unconfined, "container")
                            + " must not set securityContext.seccompProfile.type to"
                            + " \"Unconfined\"");
        }
        if (restricted && podType.isEmpty()) {
            List<String> unset =
                    names(
                            containers,
                            c -> ctx(c).path("seccompProfile").path("type").isMissingNode());
            if (!unset.isEmpty()) {
                details.add(
                        "pod or "
                                + quoted(unset, "container")
                                + " must set securityContext.seccompProfile.type to"
                                + " \"RuntimeDefault\" or \"Localhost\"");
            }
        }
        if (!details.isEmpty()) {
            failures.add("seccompProfile (" + String.join("; ", details) + ")");
        }
    }

    private static JsonNode ctx(JsonNode container) {
        return container.path("securityContext");
    }

    private static List<String> names(
            List<JsonNode> containers, java.util.function.Predicate<JsonNode> test) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : containers) {
            if (test.test(c)) {
                names.add(c.path("name").asText());
            }
        }
        return names;
    }

    private static void add(
            List<String> failures, String reason, List<String> names, String noun, String detail) {
        if (!names.isEmpty()) {
            failures.add(reason + " (" + quoted(names, noun) + detail + ")");
        }
    }

    /** {@code container "a"} or {@code containers "a", "b"}. */
    private static String quoted(List<String> names, String noun) {
        return (names.size() == 1 ? noun : noun + "s") + " " + quotedList(names);
    }

    private static String quotedList(java.util.Collection<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add("\"" + v + "\""));
        return String.join(", ", quoted);
    }
}
