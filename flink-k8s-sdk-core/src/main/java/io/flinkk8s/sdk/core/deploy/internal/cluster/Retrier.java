package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.KindNotServedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kubernetes API request under a {@link RetryPolicy}: transient failures are retried after
 * the policy's backoff, anything else (and the last transient failure) becomes an {@link
 * ApplyException} naming the object and the attempts made. A request for a kind the cluster does
 * not serve (a 404, or the client's refusal to address a kind it cannot discover) is checked with
 * API discovery and reported at once as a {@link KindNotServedException}.
 */
public final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private static final Set<Integer> TRANSIENT = Set.of(409, 429, 500, 502, 503, 504);

    /** The longest server message an exception carries; the client's exception has the rest. */
    static final int MAX_MESSAGE = 400;

    /**
     * A fabric8 model object's {@code toString()} ({@code GenericKubernetesResource(apiVersion=...}
     * or {@code ObjectMeta(annotations=...}), which some client messages embed whole.
     */
    private static final Pattern EMBEDDED_OBJECT =
            Pattern.compile("\\[?\\b[A-Z][A-Za-z0-9]*\\((apiVersion|metadata|annotations|kind)=");

    /** Whether the cluster serves a kind, from API discovery. */
    @FunctionalInterface
    interface Discovery {

        /**
         * True only when discovery answered and does not list {@code kind} under {@code
         * apiVersion}; false when it is served or discovery could not tell.
         */
        boolean notServed(String apiVersion, String kind);

        /** Discovery through {@code client} ({@code /api/v1}, {@code /apis/<group>/<version>}). */
        static Discovery of(KubernetesClient client) {
            return (apiVersion, kind) -> {
                try {
                    return !client.supports(apiVersion, kind);
                } catch (KubernetesClientException e) {
                    LOG.debug("API discovery of {} failed: {}", apiVersion, e.getCode(), e);
                    return false;
                }
            };
        }
    }

    private final RetryPolicy policy;
    private final Discovery discovery;
    private final RequestBucket requests;

    Retrier(RetryPolicy policy, Discovery discovery) {
        this(policy, discovery, RequestBucket.unlimited());
    }

    /** A retrier taking one permit of {@code requests} before every attempt. */
    Retrier(RetryPolicy policy, Discovery discovery, RequestBucket requests) {
        this.policy = policy;
        this.discovery = discovery;
        this.requests = requests;
    }

    /**
     * Asks discovery (after a permit) whether the cluster serves {@code target}'s kind.
     *
     * @throws KindNotServedException when discovery answered that it does not
     */
    public void requireServed(ObjectRef target) {
        requests.acquire();
        if (discovery.notServed(target.apiVersion(), target.kind())) {
            throw new KindNotServedException(
                    target.apiVersion(), target.kind(), target.namespace(), target.name(), 1, null);
        }
    }

    /**
     * The request's result; every attempt first takes a permit of the deployer's request rate.
     *
     * @param target what the request is about, for messages
     * @param retryConflicts whether a 409 is transient (an update race) or final (an optimistic
     *     lock that lost)
     * @throws ApplyException when the request fails for good
     * @throws KindNotServedException when the cluster does not serve the target's kind
     */
    public <T> T call(ObjectRef target, boolean retryConflicts, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            requests.acquire();
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                if (mayBeUnservedKind(e)
                        && target.apiVersion() != null
                        && discovery.notServed(target.apiVersion(), target.kind())) {
                    throw new KindNotServedException(
                            target.apiVersion(),
                            target.kind(),
                            target.namespace(),
                            target.name(),
                            attempt,
                            e);
                }
                boolean again =
                        isTransient(e)
                                && (retryConflicts || e.getCode() != 409)
                                && attempt < policy.maxAttempts();
                if (!again) {
                    throw failure(target, e, attempt, policy.maxAttempts());
                }
                Duration wait = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                LOG.debug(
                        "{} failed with {} (attempt {} of {}); retrying in {} ms",
                        target,
                        e.getCode(),
                        attempt,
                        policy.maxAttempts(),
                        wait.toMillis());
                sleep(wait);
            }
        }
    }

    /**
     * Whether a failure may come from a kind the cluster does not serve: the API server's 404 for
     * the resource path, or fabric8's refusal (no HTTP status, no I/O error) to address a custom
     * resource that discovery does not list.
     */
    static boolean mayBeUnservedKind(KubernetesClientException e) {
        return e.getCode() == 404 || (e.getCode() <= 0 && !isTransient(e));
    }

    /** Whether a failure may go away by itself: races, throttling, server errors, timeouts. */
    static boolean isTransient(KubernetesClientException e) {
        if (TRANSIENT.contains(e.getCode())) {
            return true;
        }
        if (e.getCode() > 0) {
            return false;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception for a request that failed for good after {@code attempts} of {@code
     * maxAttempts} attempts; the client's exception is its cause.
     */
    static ApplyException failure(
            ObjectRef target, KubernetesClientException e, int attempts, int maxAttempts) {
        return new ApplyException(
                target.kind(),
                target.namespace(),
                target.name(),
                new ApplyException.Failure(
                        Math.max(0, e.getCode()), summary(e), attempts, maxAttempts),
                e);
    }

    /**
     * What {@code e} says, fit for a message: {@link #summary} for a client exception, else its
     * message.
     */
    public static String describe(Throwable e) {
        return e instanceof KubernetesClientException k
                ? summary(k)
                : String.valueOf(e.getMessage());
    }

    /**
     * What a client exception says, fit for a message: the API server's Status message when there
     * is one, else the client's; never an embedded object (fabric8 puts a whole resource into some
     * messages), first line only, at most {@value #MAX_MESSAGE} characters.
     */
    static String summary(KubernetesClientException e) {
        String text =
                e.getStatus() != null
                                && e.getStatus().getMessage() != null
                                && !e.getStatus().getMessage().isBlank()
                        ? e.getStatus().getMessage()
                        : String.valueOf(e.getMessage());
        Matcher object = EMBEDDED_OBJECT.matcher(text);
        if (object.find()) {
            text = text.substring(0, object.start()).strip() + " <object omitted>";
        }
        text = text.lines().findFirst().orElse("").strip();
        while (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.length() <= MAX_MESSAGE
                ? text
                : text.substring(0, MAX_MESSAGE) + "... (truncated; the cause has it all)";
    }

    /**
     * Sleeps {@code wait}.
     *
     * @throws FlinkK8sException when interrupted (the interrupt is kept for the caller)
     */
    public static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkK8sException(
                    "Interrupted while waiting to retry; the operation was abandoned part way and"
                            + " is safe to repeat",
                    e);
        }
    }
}
