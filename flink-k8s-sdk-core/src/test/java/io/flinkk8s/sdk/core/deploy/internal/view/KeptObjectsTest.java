package io.flinkk8s.sdk.core.deploy.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.flinkk8s.sdk.core.deploy.internal.observe.PodFailures;
import io.flinkk8s.sdk.core.deploy.internal.observe.StatusAssembly;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status view keeps a compact copy of each Deployment, pod and state record ({@link
 * KeptObjects}, {@link CompactStore}): what it restores gives the same status, causes and record as
 * the object, and nothing else of the object stays.
 */
class KeptObjectsTest {

    private static final ResourceNames NAMES = ResourceNames.of("orders");
    private static final String NS = "streaming";

    @Test
    void aPodRestoredFromWhatIsKeptShowsTheSameCausesRestartsAndIdentity() {
        Pod pod = failingPod("orders-taskmanager-7d9f-x2x9q", "orders", "5");

        Pod restored = KeptObjects.KeptPod.of(pod).restore(NS, pod.getMetadata().getName());

        assertThat(PodFailures.of(NAMES, List.of(restored)))
                .isNotEmpty()
                .isEqualTo(PodFailures.of(NAMES, List.of(pod)));
        assertThat(StatusAssembly.restarts(List.of(restored), Component.TASK_MANAGER))
                .isEqualTo(StatusAssembly.restarts(List.of(pod), Component.TASK_MANAGER))
                .isEqualTo(5);
        assertThat(restored.getMetadata().getUid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(restored.getMetadata().getResourceVersion()).isEqualTo("5");
        assertThat(DeploymentKey.of(restored)).isEqualTo(DeploymentKey.of(pod));
    }

    @Test
    void whatIsKeptOfAPodHasNoSpecManagedFieldsAnnotationsOrOtherLabels() {
        Pod pod = failingPod("orders-taskmanager-7d9f-x2x9q", "orders", "5");

        Pod restored = KeptObjects.KeptPod.of(pod).restore(NS, pod.getMetadata().getName());

        assertThat(restored.getSpec()).isNull();
        assertThat(restored.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(restored.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(restored.getMetadata().getLabels().keySet())
                .containsExactlyInAnyOrder(
                        ResourceLabels.MANAGED_BY,
                        ResourceLabels.INSTANCE,
                        ResourceLabels.COMPONENT);
    }

    @Test
    void deploymentsRestoredFromWhatIsKeptGiveTheSameWorkloads() {
        Deployment jm = deployment(NAMES.jobManagerDeployment(), Component.JOB_MANAGER, 1, 1);
        Deployment tm = deployment(NAMES.taskManagerDeployment(), Component.TASK_MANAGER, 3, 2);
        Pod pod = failingPod("orders-taskmanager-7d9f-x2x9q", "orders", "5");

        List<Deployment> restored =
                List.of(
                        KeptObjects.KeptDeployment.of(jm).restore(NS, jm.getMetadata().getName()),
                        KeptObjects.KeptDeployment.of(tm).restore(NS, tm.getMetadata().getName()));

        assertThat(StatusAssembly.pods(NAMES, restored, List.of(pod)))
                .isEqualTo(StatusAssembly.pods(NAMES, List.of(jm, tm), List.of(pod)));
        assertThat(restored.get(1).getSpec().getTemplate()).isNull();
    }

    @Test
    void aDeploymentWhosePodsTheApiServerRefusesKeepsItsReplicaFailureOnceRestored() {
        Deployment tm = deployment(NAMES.taskManagerDeployment(), Component.TASK_MANAGER, 2, 0);
        tm.getStatus()
                .setConditions(
                        List.of(
                                new DeploymentConditionBuilder()
                                        .withType("Available")
                                        .withStatus("False")
                                        .build(),
                                new DeploymentConditionBuilder()
                                        .withType("ReplicaFailure")
                                        .withStatus("True")
                                        .withReason("FailedCreate")
                                        .withMessage(
                                                "pods \"orders-taskmanager-7d9f-x2x9q\" is"
                                                        + " forbidden: exceeded quota: team-quota,"
                                                        + " requested: cpu=2, used: cpu=4,"
                                                        + " limited: cpu=5")
                                        .build()));

        Deployment restored =
                KeptObjects.KeptDeployment.of(tm).restore(NS, tm.getMetadata().getName());

        assertThat(PodFailures.ofWorkloads(List.of(restored)))
                .hasSize(1)
                .isEqualTo(PodFailures.ofWorkloads(List.of(tm)));
    }

    @Test
    void aDeploymentScaledToZeroWithAnEmptyStatusIsStillNotRolledOutOnceRestored() {
        Deployment jm = deployment(NAMES.jobManagerDeployment(), Component.JOB_MANAGER, 0, 0);
        jm.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
        Deployment tm = deployment(NAMES.taskManagerDeployment(), Component.TASK_MANAGER, 0, 0);

        List<Deployment> restored =
                List.of(
                        KeptObjects.KeptDeployment.of(jm).restore(NS, jm.getMetadata().getName()),
                        KeptObjects.KeptDeployment.of(tm).restore(NS, tm.getMetadata().getName()));

        StatusAssembly.Pods original = StatusAssembly.pods(NAMES, List.of(jm, tm), List.of());
        assertThat(original.rolledOut()).isFalse();
        assertThat(StatusAssembly.pods(NAMES, restored, List.of())).isEqualTo(original);
    }

    @Test
    void aStateRecordsTextComesBackAsItWasWrittenAndIsKeptCompressed() {
        StringBuilder text = new StringBuilder("{\n  \"format\" : 1,\n  \"revisions\" : [");
        for (int i = 0; i < 40; i++) {
            text.append("\n    { \"revision\" : ").append(i).append(", \"spec\" : \"orders\" },");
        }
        String json = text.append(" ]\n}").toString();
        ConfigMap cm =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(NAMES.sdkState())
                        .withNamespace(NS)
                        .withResourceVersion("42")
                        .withLabels(labels("orders", Component.SDK_STATE))
                        .endMetadata()
                        .withData(Map.of("state.json", json))
                        .build();

        KeptObjects.KeptState kept = (KeptObjects.KeptState) KeptObjects.KeptState.of(cm);
        ConfigMap restored = kept.restore(NS, NAMES.sdkState());

        assertThat(restored.getData()).isEqualTo(Map.of("state.json", json));
        assertThat(restored.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(((byte[]) kept.data()[1]).length).isLessThan(json.length() / 4);
    }

    @Test
    void aStateRecordKeptAgainstASiblingRecordsTextComesBackAsWrittenInAFractionOfTheSpace() {
        KeptObjects.StateTexts texts = new KeptObjects.StateTexts();
        String first = stateText("orders");
        String second = stateText("payments");
        texts.keep(stateRecord("orders", first));

        KeptObjects.KeptState kept =
                (KeptObjects.KeptState) texts.keep(stateRecord("payments", second));
        KeptObjects.KeptState alone =
                (KeptObjects.KeptState) KeptObjects.KeptState.of(stateRecord("payments", second));

        assertThat(kept.restore(NS, "payments-sdk-state").getData())
                .isEqualTo(Map.of("state.json", second));
        assertThat(((byte[]) kept.data()[1]).length)
                .isLessThan(((byte[]) alone.data()[1]).length / 3);
        assertThat(kept.dictionary()).isNotNull();
    }

    private static String stateText(String name) {
        StringBuilder text = new StringBuilder("{\n  \"format\" : 1,\n  \"spec\" : {");
        text.append("\n    \"name\" : \"").append(name).append("\",");
        for (String kind :
                List.of("ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Service")) {
            text.append("\n    { \"apiVersion\" : \"v1\", \"kind\" : \"")
                    .append(kind)
                    .append("\", \"name\" : \"")
                    .append(name)
                    .append("-")
                    .append(kind.toLowerCase(java.util.Locale.ROOT))
                    .append("\" },");
        }
        return text.append("\n  }\n}").toString();
    }

    private static ConfigMap stateRecord(String name, String json) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name + "-sdk-state")
                .withNamespace(NS)
                .withResourceVersion("7")
                .withLabels(labels(name, Component.SDK_STATE))
                .endMetadata()
                .withData(Map.of("state.json", json))
                .build();
    }

    @Test
    void aResourceVersionComesBackAsTheApiServerGaveIt() {
        for (String version :
                new String[] {"0", "12345", "007", "123456789012345678901234", "a1b2", "", null}) {
            assertThat(KeptObjects.version(KeptObjects.compactVersion(version))).isEqualTo(version);
        }
    }

    @Test
    void theStoreGroupsObjectsByDeploymentAndMovesOneWhoseInstanceLabelChanged() {
        CompactStore<Pod> store = new CompactStore<>(KeptObjects.KeptPod::of);
        DeploymentKey orders = new DeploymentKey(NS, "orders");
        DeploymentKey payments = new DeploymentKey(NS, "payments");
        Pod a = failingPod("a", "orders", "1");
        store.put(store.getKey(a), a);
        Pod b = failingPod("b", "orders", "2");
        store.put(store.getKey(b), b);
        store.put(store.getKey(failingPod("c", "payments", "3")), failingPod("c", "payments", "3"));

        Pod before = store.put(store.getKey(a), failingPod("a", "payments", "4"));

        assertThat(before.getMetadata().getResourceVersion()).isEqualTo("1");
        assertThat(store.objects(orders))
                .extracting(p -> p.getMetadata().getName())
                .containsExactly("b");
        assertThat(store.objects(payments))
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("a", "c");
        store.remove(NS + "/b");
        assertThat(store.deployments()).containsExactly(payments);
        assertThat(store.objects(orders)).isEmpty();
    }

    private static Map<String, String> labels(String instance, Component component) {
        return Map.of(
                ResourceLabels.MANAGED_BY,
                ResourceLabels.MANAGED_BY_VALUE,
                ResourceLabels.INSTANCE,
                instance,
                ResourceLabels.COMPONENT,
                component.labelValue(),
                "team",
                "payments");
    }

    private static Deployment deployment(String name, Component component, int want, int ready) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withResourceVersion("7")
                .withGeneration(3L)
                .withLabels(labels("orders", component))
                .endMetadata()
                .withNewSpec()
                .withReplicas(want)
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("flink-main-container")
                .withImage("registry.example.com/orders:1.4.2")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(3L)
                .withReplicas(want)
                .withUpdatedReplicas(want)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .endStatus()
                .build();
    }

    /**
     * A TaskManager pod whose main container keeps crashing (OOMKilled), whose init container
     * cannot pull its image, and which the scheduler could not place at first: every field the
     * status view's causes read, and much it does not.
     */
    private static Pod failingPod(String name, String instance, String version) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withResourceVersion(version)
                .withUid("6f1c1c3e-2a7b-4c5d-9e8f-0a1b2c3d4e5f")
                .withLabels(labels(instance, Component.TASK_MANAGER))
                .withAnnotations(Map.of("flinkk8s.io/config-hash", "abc"))
                .withManagedFields(
                        new ManagedFieldsEntryBuilder()
                                .withManager("kubelet")
                                .withOperation("Update")
                                .build())
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-1")
                .addNewContainer()
                .withName("flink-main-container")
                .withImage("registry.example.com/orders:1.4.2")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient memory.")
                .endCondition()
                .addNewCondition()
                .withType("Ready")
                .withStatus("False")
                .endCondition()
                .addNewInitContainerStatus()
                .withName("fetch-jar")
                .withImage("registry.example.com/fetch:missing")
                .withNewState()
                .withNewWaiting()
                .withReason("ErrImagePull")
                .withMessage("not found")
                .endWaiting()
                .endState()
                .endInitContainerStatus()
                .addNewContainerStatus()
                .withName("flink-main-container")
                .withImage("registry.example.com/orders:1.4.2")
                .withReady(false)
                .withRestartCount(5)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 5m0s restarting failed container")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withReason("OOMKilled")
                .withExitCode(137)
                .withMessage("  killed  ")
                .endTerminated()
                .endLastState()
                .endContainerStatus()
                .endStatus()
                .build();
    }
}
