package io.flinkk8s.sdk.testkit.faults;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which client requests an in-memory cluster fails, and how often: a share of the matching
 * requests, answered with a transient error (503 by default) that the deployer's retries and
 * fabric8's own retries recover from. Which requests fail is decided by a seeded hash of each
 * request's verb, resource, namespace and name and of how many such requests came before it, so the
 * same seed fails the same requests on every run, whatever order concurrent requests arrive in.
 * Reads (get, list, watch) are left alone unless named. Immutable; give it to {@link
 * Faults#failRequests(FailureRate)}.
 *
 * <pre>{@code
 * cluster.faults().failRequests(FailureRate.percent(10));                // every write, seed 0
 * cluster.faults().failRequests(FailureRate.percent(25)
 *         .of(ApiVerb.PATCH, ApiVerb.CREATE)                              // these verbs only
 *         .on(Deployment.class, ConfigMap.class)                          // these kinds only
 *         .withSeed(42)
 *         .answering(500));
 * }</pre>
 *
 * @param percent the share of matching requests to fail, more than 0 and at most 100
 * @param verbs the verbs to fail; never empty
 * @param resources the plural resources to fail ({@code deployments}, or {@code deployments/scale}
 *     for a subresource; a plain resource matches the main resource only); empty means every
 *     resource
 * @param seed the seed of the choice; same seed, same failed requests
 * @param status the HTTP status of the injected answer, 400 to 599
 */
public record FailureRate(
        double percent, Set<ApiVerb> verbs, Set<String> resources, long seed, int status) {

    private static final Set<ApiVerb> WRITES =
            Collections.unmodifiableSet(
                    EnumSet.of(
                            ApiVerb.CREATE,
                            ApiVerb.UPDATE,
                            ApiVerb.PATCH,
                            ApiVerb.DELETE,
                            ApiVerb.DELETE_COLLECTION));

    /** The default answer: 503 Service Unavailable, which every client retries. */
    public static final int DEFAULT_STATUS = 503;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public FailureRate {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException(
                    "percent must be more than 0 and at most 100, was " + percent);
        }
        Objects.requireNonNull(verbs, "verbs");
        if (verbs.isEmpty()) {
            throw new IllegalArgumentException("verbs must name at least one verb");
        }
        verbs = Collections.unmodifiableSet(EnumSet.copyOf(verbs));
        resources = Set.copyOf(Objects.requireNonNull(resources, "resources"));
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException(
                    "status must be an error status (400 to 599), was " + status);
        }
    }

    /**
     * Fails {@code percent} percent of the writes (create, update, patch, delete) on every
     * resource, with 503, seed 0.
     */
    public static FailureRate percent(double percent) {
        return new FailureRate(percent, WRITES, Set.of(), 0, DEFAULT_STATUS);
    }

    /** A copy failing these verbs only (reads included only when named here). */
    public FailureRate of(ApiVerb... verbs) {
        return new FailureRate(percent, Set.of(verbs), resources, seed, status);
    }

    /** A copy failing requests on these kinds only (their main resource, not subresources). */
    @SafeVarargs
    public final FailureRate on(Class<? extends HasMetadata>... kinds) {
        return new FailureRate(
                percent,
                verbs,
                Arrays.stream(kinds).map(HasMetadata::getPlural).collect(Collectors.toSet()),
                seed,
                status);
    }

    /**
     * A copy failing requests on these plural resources only ({@code flinkdeployments}, {@code
     * deployments/scale}).
     */
    public FailureRate on(String... resources) {
        return new FailureRate(percent, verbs, Set.of(resources), seed, status);
    }

    /** A copy with another seed: another choice of requests, the same on every run. */
    public FailureRate withSeed(long seed) {
        return new FailureRate(percent, verbs, resources, seed, status);
    }

    /** A copy answering the failed requests with {@code status} (e.g. 500, 429) instead of 503. */
    public FailureRate answering(int status) {
        return new FailureRate(percent, verbs, resources, seed, status);
    }

    @Override
    public String toString() {
        return percent
                + "% of "
                + verbs
                + " on "
                + (resources.isEmpty() ? "every resource" : new LinkedHashSet<>(resources))
                + ", answering "
                + status
                + ", seed "
                + seed;
    }
}
