package io.flinkk8s.sdk.core.deploy.internal.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network clients kept open per endpoint and request timeout, and reused across calls, with three
 * ways out so that a deployer serving 1,000 deployments holds a bounded number:
 *
 * <ul>
 *   <li><b>broken</b>: a call that fails because the endpoint stopped answering (as {@code broken}
 *       judges the failure) takes its client out; the next call to that endpoint makes a new one;
 *   <li><b>idle</b>: a client unused for longer than {@code idleTimeout} is closed, found at the
 *       next call (no thread of its own);
 *   <li><b>bounded</b>: beyond {@code maxClients}, the least recently used client is taken out.
 * </ul>
 *
 * A client taken out while calls still use it is closed when the last of them ends, never under a
 * running call. After {@link #close()} every call gets a client of its own, closed after it, so a
 * late caller neither fails nor leaks. Thread-safe; clients are made and closed outside the lock.
 *
 * @param <C> the client type
 */
final class EndpointClients<C extends AutoCloseable> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointClients.class);

    /** What a client is kept for. */
    record Key(URI endpoint, Duration timeout) {}

    private static final class Entry<C> {
        final Key key;
        final C client;
        int inUse;
        long lastUsed;
        boolean retired;

        Entry(Key key, C client, long now) {
            this.key = key;
            this.client = client;
            this.lastUsed = now;
        }
    }

    private final BiFunction<URI, Duration, C> factory;
    private final Predicate<Throwable> broken;
    private final LongSupplier nanoTime;
    private final long idleNanos;
    private final int maxClients;

    /** Access-ordered: the first entry is the least recently used. Guarded by {@code this}. */
    private final Map<Key, Entry<C>> entries = new LinkedHashMap<>(16, 0.75f, true);

    private boolean closed;

    /**
     * @param factory makes a client for an endpoint and request timeout
     * @param broken whether a call's failure means the endpoint stopped answering
     * @param nanoTime the ticker idleness is judged by ({@code System::nanoTime})
     */
    EndpointClients(
            BiFunction<URI, Duration, C> factory,
            Predicate<Throwable> broken,
            LongSupplier nanoTime,
            Duration idleTimeout,
            int maxClients) {
        if (maxClients < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalStateException(
                    "SDK bug: client cache bounds must be positive, were "
                            + maxClients
                            + " and "
                            + idleTimeout);
        }
        this.factory = Objects.requireNonNull(factory, "factory");
        this.broken = Objects.requireNonNull(broken, "broken");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.idleNanos = idleTimeout.toNanos();
        this.maxClients = maxClients;
    }

    /**
     * Runs {@code operation} with the client of {@code endpoint} and {@code timeout}, made on first
     * use. A failure {@code broken} recognises takes the client out before it is rethrown.
     */
    <T> T call(URI endpoint, Duration timeout, Function<? super C, T> operation) {
        Key key = new Key(endpoint, timeout);
        Entry<C> entry = acquire(key);
        if (entry == null) {
            try (C oneOff = factory.apply(endpoint, timeout)) {
                return operation.apply(oneOff);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("SDK bug: closing a client threw", e);
            }
        }
        try {
            return operation.apply(entry.client);
        } catch (RuntimeException e) {
            if (broken.test(e)) {
                LOG.debug("Replacing the client of {}: the endpoint did not answer", endpoint);
                retire(entry);
            }
            throw e;
        } finally {
            release(entry);
        }
    }

    /** How many clients are kept now (taken-out clients still in use not counted). */
    synchronized int size() {
        return entries.size();
    }

    /**
     * Closes every kept client that no call uses, and the others when their calls end; later calls
     * get one-off clients.
     */
    @Override
    public void close() {
        List<Entry<C>> unused = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Entry<C> e : entries.values()) {
                e.retired = true;
                if (e.inUse == 0) {
                    unused.add(e);
                }
            }
            entries.clear();
        }
        unused.forEach(EndpointClients::closeQuietly);
    }

    /** The kept entry for {@code key}, made if missing, marked in use; null once closed. */
    private Entry<C> acquire(Key key) {
        List<Entry<C>> toClose = new ArrayList<>();
        Entry<C> entry;
        synchronized (this) {
            if (closed) {
                return null;
            }
            long now = nanoTime.getAsLong();
            takeOutIdle(now, toClose);
            entry = entries.get(key);
            if (entry != null) {
                entry.inUse++;
            }
        }
        closeAll(toClose);
        return entry != null ? entry : add(key);
    }

    /** Makes a client outside the lock; a racing call's client for the same key wins. */
    private Entry<C> add(Key key) {
        C made = factory.apply(key.endpoint(), key.timeout());
        List<Entry<C>> toClose = new ArrayList<>();
        Entry<C> entry;
        synchronized (this) {
            Entry<C> existing = closed ? null : entries.get(key);
            if (existing != null) {
                entry = existing;
                toClose.add(new Entry<>(key, made, 0));
            } else {
                entry = new Entry<>(key, made, nanoTime.getAsLong());
                // a client made while the cache closed serves this call only
                entry.retired = closed;
                if (!closed) {
                    entries.put(key, entry);
                    takeOutLeastRecentlyUsed(toClose);
                }
            }
            entry.inUse++;
        }
        closeAll(toClose);
        return entry;
    }

    private void release(Entry<C> entry) {
        boolean close;
        synchronized (this) {
            entry.inUse--;
            entry.lastUsed = nanoTime.getAsLong();
            close = entry.retired && entry.inUse == 0;
        }
        if (close) {
            closeQuietly(entry);
        }
    }

    /** Takes the entry out (if still kept); it is closed when its last call releases it. */
    private synchronized void retire(Entry<C> entry) {
        entry.retired = true;
        entries.remove(entry.key, entry);
    }

    private void takeOutIdle(long now, List<Entry<C>> toClose) {
        for (Iterator<Entry<C>> it = entries.values().iterator(); it.hasNext(); ) {
            Entry<C> e = it.next();
            if (e.inUse == 0 && now - e.lastUsed > idleNanos) {
                it.remove();
                e.retired = true;
                toClose.add(e);
            }
        }
    }

    private void takeOutLeastRecentlyUsed(List<Entry<C>> toClose) {
        Iterator<Entry<C>> it = entries.values().iterator();
        while (entries.size() > maxClients && it.hasNext()) {
            Entry<C> e = it.next();
            it.remove();
            e.retired = true;
            if (e.inUse == 0) {
                toClose.add(e);
            }
        }
    }

    private static <C extends AutoCloseable> void closeAll(List<Entry<C>> entries) {
        entries.forEach(EndpointClients::closeQuietly);
    }

    private static <C extends AutoCloseable> void closeQuietly(Entry<C> entry) {
        try {
            entry.client.close();
        } catch (Exception e) {
            LOG.debug("Closing the client of {} failed", entry.key.endpoint(), e);
        }
    }
}
