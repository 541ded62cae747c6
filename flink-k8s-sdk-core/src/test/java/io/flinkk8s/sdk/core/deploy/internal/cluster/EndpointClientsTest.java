package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EndpointClientsTest {

    private static final URI JM_A = URI.create("http://orders-rest.streaming.svc:8081");
    private static final URI JM_B = URI.create("http://billing-rest.streaming.svc:8081");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofSeconds(60);

    /** A client that knows its endpoint and whether it was closed. */
    static final class FakeClient implements AutoCloseable {
        final URI endpoint;
        volatile int closes;

        FakeClient(URI endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void close() {
            closes++;
        }
    }

    private final AtomicLong nanos = new AtomicLong();
    private final List<FakeClient> made = new ArrayList<>();

    private EndpointClients<FakeClient> clients(int max) {
        return new EndpointClients<>(
                (uri, timeout) -> {
                    FakeClient c = new FakeClient(uri);
                    synchronized (made) {
                        made.add(c);
                    }
                    return c;
                },
                FlinkClients::endpointGone,
                nanos::get,
                IDLE,
                max);
    }

    private static Function<FakeClient, FakeClient> itself() {
        return c -> c;
    }

    @Test
    void twoCallsToOneEndpointShareOneClientThatStaysOpen() {
        EndpointClients<FakeClient> clients = clients(16);

        FakeClient first = clients.call(JM_A, TIMEOUT, itself());
        FakeClient second = clients.call(JM_A, TIMEOUT, itself());

        assertThat(second).isSameAs(first);
        assertThat(first.closes).isZero();
        assertThat(made).hasSize(1);
    }

    @Test
    void anotherEndpointOrTimeoutGetsAClientOfItsOwn() {
        EndpointClients<FakeClient> clients = clients(16);

        FakeClient a = clients.call(JM_A, TIMEOUT, itself());
        FakeClient b = clients.call(JM_B, TIMEOUT, itself());
        FakeClient aShortTimeout = clients.call(JM_A, Duration.ofSeconds(1), itself());

        assertThat(Set.of(a, b, aShortTimeout)).hasSize(3);
        assertThat(clients.size()).isEqualTo(3);
    }

    @Test
    void aCallThatFindsTheEndpointGoneClosesTheClientAndTheNextCallMakesANewOne() {
        // given
        EndpointClients<FakeClient> clients = clients(16);
        FakeClient old = clients.call(JM_A, TIMEOUT, itself());
        // when
        RuntimeException refused =
                new RuntimeException(
                        "Could not list jobs", new ConnectException("Connection refused"));
        assertThatThrownBy(
                        () ->
                                clients.call(
                                        JM_A,
                                        TIMEOUT,
                                        c -> {
                                            throw refused;
                                        }))
                .isSameAs(refused);
        FakeClient next = clients.call(JM_A, TIMEOUT, itself());
        // then
        assertThat(old.closes).isEqualTo(1);
        assertThat(next).isNotSameAs(old);
        assertThat(next.closes).isZero();
    }

    @Test
    void aFailureFlinkAnsweredKeepsTheClient() {
        EndpointClients<FakeClient> clients = clients(16);
        FakeClient kept = clients.call(JM_A, TIMEOUT, itself());

        assertThatThrownBy(
                        () ->
                                clients.call(
                                        JM_A,
                                        TIMEOUT,
                                        c -> {
                                            throw new RuntimeException("404 job not found");
                                        }))
                .hasMessage("404 job not found");

        assertThat(clients.call(JM_A, TIMEOUT, itself())).isSameAs(kept);
        assertThat(kept.closes).isZero();
    }

    @Test
    void aClientTakenOutWhileAnotherCallUsesItIsClosedOnlyWhenThatCallEnds() throws Exception {
        // given: a slow call holds the client
        EndpointClients<FakeClient> clients = clients(16);
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<FakeClient> slow =
                    thread.submit(
                            () ->
                                    clients.call(
                                            JM_A,
                                            TIMEOUT,
                                            c -> {
                                                inCall.countDown();
                                                await(finish);
                                                return c;
                                            }));
            assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();
            // when: another call finds the endpoint gone
            assertThatThrownBy(
                    () ->
                            clients.call(
                                    JM_A,
                                    TIMEOUT,
                                    c -> {
                                        throw new RuntimeException(new ConnectException());
                                    }));
            FakeClient held = made.get(0);
            assertThat(held.closes).as("closed under a running call").isZero();
            finish.countDown();
            // then
            assertThat(slow.get(10, TimeUnit.SECONDS)).isSameAs(held);
            assertThat(held.closes).isEqualTo(1);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void aClientIdleLongerThanTheBoundIsClosedAtTheNextCall() {
        // given
        EndpointClients<FakeClient> clients = clients(16);
        FakeClient idle = clients.call(JM_A, TIMEOUT, itself());
        FakeClient recent = clients.call(JM_B, TIMEOUT, itself());
        // when: A stays unused past the bound while B is used within it
        nanos.addAndGet(IDLE.toNanos() / 2);
        clients.call(JM_B, TIMEOUT, itself());
        nanos.addAndGet(IDLE.toNanos() / 2 + 1);
        FakeClient b = clients.call(JM_B, TIMEOUT, itself());
        // then
        assertThat(idle.closes).isEqualTo(1);
        assertThat(b).isSameAs(recent);
        assertThat(recent.closes).isZero();
        assertThat(clients.size()).isEqualTo(1);
    }

    @Test
    void aThousandEndpointsKeepAtMostTheBoundAndCloseTheRest() {
        // given
        EndpointClients<FakeClient> clients = clients(16);
        // when
        for (int i = 0; i < 1_000; i++) {
            clients.call(URI.create("http://jm-" + i + ".svc:8081"), TIMEOUT, itself());
        }
        // then
        assertThat(clients.size()).isEqualTo(16);
        assertThat(made).hasSize(1_000);
        assertThat(made.subList(0, 984)).allSatisfy(c -> assertThat(c.closes).isEqualTo(1));
        assertThat(made.subList(984, 1_000)).allSatisfy(c -> assertThat(c.closes).isZero());
    }

    @Test
    void theLeastRecentlyUsedClientGoesFirst() {
        EndpointClients<FakeClient> clients = clients(2);
        FakeClient a = clients.call(JM_A, TIMEOUT, itself());
        FakeClient b = clients.call(JM_B, TIMEOUT, itself());
        clients.call(JM_A, TIMEOUT, itself());

        clients.call(URI.create("http://third.svc:8081"), TIMEOUT, itself());

        assertThat(b.closes).isEqualTo(1);
        assertThat(a.closes).isZero();
    }

    @Test
    void closeClosesEveryClientAndLaterCallsUseOneOffClients() {
        // given
        EndpointClients<FakeClient> clients = clients(16);
        FakeClient a = clients.call(JM_A, TIMEOUT, itself());
        FakeClient b = clients.call(JM_B, TIMEOUT, itself());
        // when
        clients.close();
        FakeClient late = clients.call(JM_A, TIMEOUT, itself());
        // then
        assertThat(a.closes).isEqualTo(1);
        assertThat(b.closes).isEqualTo(1);
        assertThat(late).isNotSameAs(a);
        assertThat(late.closes).isEqualTo(1);
        assertThat(clients.size()).isZero();
    }

    @Test
    void manyThreadsOnFewEndpointsShareOneClientEachAndCloseAll() throws Exception {
        // given
        EndpointClients<FakeClient> clients = clients(16);
        Set<FakeClient> used = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> calls = new ArrayList<>();
        // when
        for (int i = 0; i < 2_000; i++) {
            URI endpoint = i % 2 == 0 ? JM_A : JM_B;
            calls.add(pool.submit(() -> used.add(clients.call(endpoint, TIMEOUT, itself()))));
        }
        for (Future<?> call : calls) {
            call.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        clients.close();
        // then: racing first calls may make a spare client, closed at once
        assertThat(used).hasSize(2);
        assertThat(made).allSatisfy(c -> assertThat(c.closes).isEqualTo(1));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
