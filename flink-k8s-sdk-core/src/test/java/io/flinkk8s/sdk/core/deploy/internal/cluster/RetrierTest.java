package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.core.deploy.RequestRate;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.KindNotServedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How {@link Retrier} retries, what its failures say, and how it tells a kind is not served. */
class RetrierTest {

    private static final ObjectRef TASK_MANAGERS =
            new ObjectRef("apps/v1", "Deployment", "streaming", "orders-taskmanager");
    private static final ObjectRef ORDERS =
            new ObjectRef("flink.apache.org/v1beta1", "FlinkDeployment", "streaming", "orders");
    private static final RetryPolicy FAST =
            RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);

    private final List<String> discovered = new ArrayList<>();

    @Test
    void aFailureAfterRetriesSaysHowManyAttemptsWereMade() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                new Retrier(FAST, served())
                                        .call(TASK_MANAGERS, true, failing(calls, status(503))))
                .isInstanceOfSatisfying(
                        ApplyException.class, e -> assertThat(e.attempts()).isEqualTo(6))
                .hasMessageStartingWith(
                        "Could not apply Deployment streaming/orders-taskmanager: HTTP 503 after 6"
                                + " attempts: etcd is slow. The API server kept failing;")
                .hasMessageNotContaining("every retry");
        assertThat(calls).hasValue(6);
    }

    @Test
    void everyAttemptTakesOnePermitOfTheRequestRateBeforeItIsSent() {
        List<String> events = new ArrayList<>();
        RequestBucket bucket =
                RequestBucket.of(
                        new RequestRate(1000, 1), () -> 0L, nanos -> events.add("wait " + nanos));
        AtomicInteger calls = new AtomicInteger();

        String result =
                new Retrier(FAST, served(), bucket)
                        .call(
                                TASK_MANAGERS,
                                true,
                                () -> {
                                    events.add("request");
                                    if (calls.incrementAndGet() < 3) {
                                        throw status(503);
                                    }
                                    return "applied";
                                });

        assertThat(result).isEqualTo("applied");
        assertThat(bucket.permitsTaken()).isEqualTo(3);
        assertThat(events)
                .containsExactly("request", "wait 1000000", "request", "wait 2000000", "request");
    }

    @Test
    void aFailureWithoutRetriesSaysThePolicyAllowsOneAttempt() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                new Retrier(RetryPolicy.none(), served())
                                        .call(TASK_MANAGERS, true, failing(calls, status(503))))
                .isInstanceOfSatisfying(
                        ApplyException.class, e -> assertThat(e.attempts()).isEqualTo(1))
                .hasMessageStartingWith(
                        "Could not apply Deployment streaming/orders-taskmanager: HTTP 503 (no"
                                + " retry: the retry policy allows 1 attempt): etcd is slow.")
                .hasMessageContaining("DeployOptions.retryPolicy(RetryPolicy.defaults())")
                .hasMessageNotContaining("every retry")
                .hasMessageNotContaining("kept failing");
        assertThat(calls).hasValue(1);
    }

    @Test
    void anIoErrorAfterRetriesSaysNoAnswerCame() {
        AtomicInteger calls = new AtomicInteger();
        KubernetesClientException reset =
                new KubernetesClientException("connection reset", new IOException("reset"));

        assertThatThrownBy(
                        () ->
                                new Retrier(FAST.withMaxAttempts(2), served())
                                        .call(TASK_MANAGERS, true, failing(calls, reset)))
                .hasMessageStartingWith(
                        "Could not apply Deployment streaming/orders-taskmanager: no answer from"
                                + " the API server after 2 attempts: connection reset.");
    }

    @Test
    void aKindTheClusterDoesNotServeFailsAtOnceNamingItAndWhatToInstall() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                new Retrier(FAST, notServed())
                                        .call(ORDERS, true, failing(calls, noHandlerFor(cr()))))
                .isInstanceOfSatisfying(
                        KindNotServedException.class,
                        e -> {
                            assertThat(e.apiVersion()).isEqualTo("flink.apache.org/v1beta1");
                            assertThat(e.kind()).isEqualTo("FlinkDeployment");
                            assertThat(e.httpStatus()).isEqualTo(404);
                            assertThat(e.getCause()).isInstanceOf(KubernetesClientException.class);
                        })
                .hasMessageStartingWith(
                        "Could not apply FlinkDeployment streaming/orders: the cluster does not"
                                + " serve FlinkDeployment (flink.apache.org/v1beta1). Install the"
                                + " Flink Kubernetes Operator and its CRDs (helm repo add")
                .hasMessageContaining("helm install flink-kubernetes-operator")
                .hasMessageContaining("or render the spec with target standalone")
                .hasMessageNotContaining("podTemplate")
                .hasMessageNotContaining("retry policy");
        assertThat(calls).hasValue(1);
        assertThat(discovered).containsExactly("flink.apache.org/v1beta1 FlinkDeployment");
    }

    @Test
    void aListOfAKindTheClusterDoesNotServeFailsAtOnceToo() {
        ObjectRef list = new ObjectRef("flink.apache.org/v1beta1", "FlinkDeployment", "ns", null);
        KubernetesClientException noMetadata =
                new KubernetesClientException(
                        "Could not find the metadata for the given apiVersion and kind, please"
                                + " pass a ResourceDefinitionContext instead");

        assertThatThrownBy(
                        () ->
                                new Retrier(FAST, notServed())
                                        .call(list, true, failing(new AtomicInteger(), noMetadata)))
                .isInstanceOf(KindNotServedException.class)
                .hasMessageStartingWith(
                        "Could not list FlinkDeployment objects in namespace ns: the cluster does"
                                + " not serve FlinkDeployment (flink.apache.org/v1beta1).");
    }

    @Test
    void anotherCustomKindNotServedAsksForItsCrd() {
        ObjectRef certificate =
                new ObjectRef("cert-manager.io/v1", "Certificate", "streaming", "orders");

        assertThatThrownBy(
                        () ->
                                new Retrier(FAST, notServed())
                                        .call(
                                                certificate,
                                                true,
                                                failing(new AtomicInteger(), status(404))))
                .hasMessageContaining(
                        "does not serve Certificate (cert-manager.io/v1). Install the"
                                + " CustomResourceDefinition that defines Certificate");
    }

    @Test
    void aPodMonitorNotServedAsksForThePrometheusOperatorsCrdsOrNoMonitor() {
        ObjectRef monitor =
                new ObjectRef("monitoring.coreos.com/v1", "PodMonitor", "streaming", "orders");

        assertThatThrownBy(
                        () ->
                                new Retrier(FAST, notServed())
                                        .call(
                                                monitor,
                                                true,
                                                failing(new AtomicInteger(), status(404))))
                .isInstanceOf(KindNotServedException.class)
                .hasMessageContaining(
                        "does not serve PodMonitor (monitoring.coreos.com/v1). Install the"
                                + " Prometheus Operator's CRDs (e.g. with the"
                                + " kube-prometheus-stack Helm chart), or set"
                                + " observability.prometheus.podMonitor to false");
    }

    @Test
    void aNotFoundForAServedKindKeepsTheNamespaceAdviceAndAsksDiscoveryOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                new Retrier(FAST, served())
                                        .call(TASK_MANAGERS, true, failing(calls, status(404))))
                .isExactlyInstanceOf(ApplyException.class)
                .hasMessage(
                        "Could not apply Deployment streaming/orders-taskmanager: HTTP 404: etcd is"
                                + " slow. Check that namespace streaming exists, then apply"
                                + " again.");
        assertThat(calls).hasValue(1);
        assertThat(discovered).containsExactly("apps/v1 Deployment");
    }

    @Test
    void transientFailuresNeverAskDiscovery() {
        assertThatThrownBy(
                        () ->
                                new Retrier(FAST.withMaxAttempts(2), notServed())
                                        .call(
                                                ORDERS,
                                                true,
                                                failing(new AtomicInteger(), status(503))))
                .isExactlyInstanceOf(ApplyException.class);
        assertThat(discovered).isEmpty();
    }

    @Test
    void aClientMessageWithAWholeObjectIsCutBeforeIt() {
        // given: fabric8 refuses an object of a kind it found (a served kind, say a timing race)
        KubernetesClientException e = noHandlerFor(cr());
        // when
        ApplyException failure = Retrier.failure(ORDERS, e, 1, 6);
        // then
        assertThat(e.getMessage()).hasSizeGreaterThan(1000);
        assertThat(failure.serverMessage())
                .isEqualTo("Could not find a registered handler for item: <object omitted>");
        assertThat(failure.getMessage())
                .startsWith(
                        "Could not apply FlinkDeployment streaming/orders: the client refused the"
                                + " request: Could not find a registered handler for item: <object"
                                + " omitted>. Retrying does not change this answer")
                .hasSizeLessThan(400)
                .doesNotContain("podTemplate", "registry.example.com");
        assertThat(failure.getCause()).isSameAs(e);
    }

    @Test
    void aLongServerMessageIsTruncatedAndTheCauseKeepsIt() {
        String longMessage = "Deployment.apps \"orders\" is invalid: " + "x".repeat(2000);

        ApplyException failure =
                Retrier.failure(
                        TASK_MANAGERS,
                        new KubernetesClientException(
                                new StatusBuilder().withCode(422).withMessage(longMessage).build()),
                        1,
                        6);

        assertThat(failure.serverMessage())
                .hasSize(Retrier.MAX_MESSAGE + "... (truncated; the cause has it all)".length())
                .startsWith("Deployment.apps \"orders\" is invalid: xxx");
        assertThat(failure.getMessage()).hasSizeLessThan(700);
    }

    @Test
    void aClientFailureIsDescribedByTheServerMessageWithoutTheStatusObject() {
        // given: what fabric8 throws for a refused request
        var status = new StatusBuilder().withCode(403).withMessage("pods is forbidden").build();
        KubernetesClientException e =
                new KubernetesClientException(
                        "Failure executing: GET at: https://k8s/api/v1/namespaces/streaming/pods."
                                + " Message: pods is forbidden. Received status: "
                                + status
                                + ".",
                        403,
                        status);
        // when / then
        assertThat(Retrier.describe(e)).isEqualTo("pods is forbidden");
        assertThat(Retrier.describe(new IllegalStateException("no port 8081")))
                .isEqualTo("no port 8081");
    }

    private Retrier.Discovery served() {
        return (apiVersion, kind) -> {
            discovered.add(apiVersion + " " + kind);
            return false;
        };
    }

    private Retrier.Discovery notServed() {
        return (apiVersion, kind) -> {
            discovered.add(apiVersion + " " + kind);
            return true;
        };
    }

    private static <T> Supplier<T> failing(AtomicInteger calls, KubernetesClientException e) {
        return () -> {
            calls.incrementAndGet();
            throw e;
        };
    }

    private static KubernetesClientException status(int code) {
        return new KubernetesClientException(
                new StatusBuilder().withCode(code).withMessage("etcd is slow").build());
    }

    /** What fabric8 7 throws for a generic resource whose kind discovery does not list. */
    private static KubernetesClientException noHandlerFor(GenericKubernetesResource cr) {
        return new KubernetesClientException(
                "Could not find a registered handler for item: [" + cr + "].");
    }

    private static GenericKubernetesResource cr() {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("flink.apache.org/v1beta1")
                .withKind("FlinkDeployment")
                .withNewMetadata()
                .withName("orders")
                .withNamespace("streaming")
                .endMetadata()
                .withAdditionalProperties(
                        Map.of(
                                "spec",
                                Map.of(
                                        "image",
                                        "registry.example.com/orders:1.0",
                                        "jobManager",
                                        Map.of("podTemplate", "x".repeat(1000)))))
                .build();
    }

    @Test
    void racesThrottlingServerErrorsAndTimeoutsAreTransient() {
        for (int code : new int[] {409, 429, 500, 502, 503, 504}) {
            assertThat(Retrier.isTransient(immutableSelector(code))).as("HTTP %d", code).isTrue();
        }
        assertThat(
                        Retrier.isTransient(
                                new KubernetesClientException("io", new IOException("reset"))))
                .isTrue();
    }

    @Test
    void refusalsAreNotTransient() {
        for (int code : new int[] {400, 401, 403, 404, 422}) {
            assertThat(Retrier.isTransient(immutableSelector(code))).as("HTTP %d", code).isFalse();
        }
    }

    @Test
    void aFailureNamesTheObjectAndCarriesTheServerMessage() {
        var failure =
                Retrier.failure(
                        new ObjectRef("apps/v1", "Deployment", "streaming", "orders-taskmanager"),
                        immutableSelector(422),
                        1,
                        6);

        assertThat(failure.getMessage())
                .startsWith(
                        "Could not apply Deployment streaming/orders-taskmanager: HTTP 422:"
                                + " spec.selector: field is immutable.");
        assertThat(failure.httpStatus()).isEqualTo(422);
    }

    @Test
    void aFailedListNamesTheKindAndNamespace() {
        var failure =
                Retrier.failure(
                        new ObjectRef("v1", "ConfigMap", "streaming", null),
                        immutableSelector(403),
                        1,
                        6);

        assertThat(failure.getMessage())
                .startsWith("Could not list ConfigMap objects in namespace streaming: HTTP 403");
    }

    private static KubernetesClientException immutableSelector(int code) {
        return new KubernetesClientException(
                new StatusBuilder()
                        .withCode(code)
                        .withMessage("spec.selector: field is immutable")
                        .build());
    }
}
