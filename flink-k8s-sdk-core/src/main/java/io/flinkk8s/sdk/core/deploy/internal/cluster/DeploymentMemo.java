package io.flinkk8s.sdk.core.deploy.internal.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one deployer remembers between calls about each deployment: at most one value per deployment
 * (namespace and name), and at most {@code capacity} deployments, the one used least recently
 * forgotten first. A value is a shortcut its user can always do without (it checks that the value
 * still holds before it uses it), so forgetting one costs time, never correctness. Thread-safe; one
 * per deployer, never shared between deployers.
 *
 * <p>Internal: not API, may change in any release.
 *
 * @param <V> what is remembered
 */
public final class DeploymentMemo<V> {

    /**
     * How many deployments a deployer remembers by default: more than one JVM is expected to drive
     * (the README's projection stops at 10,000), so that a sweep over all of them never evicts what
     * the next sweep needs.
     */
    public static final int DEFAULT_CAPACITY = 16_384;

    private final Map<Key, V> values;

    /**
     * @param capacity the most deployments remembered, at least 1
     */
    public DeploymentMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.values =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
                        return size() > capacity;
                    }
                };
    }

    private record Key(String namespace, String name) {}

    /** The value remembered for the deployment; null when none is. */
    public synchronized V get(String namespace, String name) {
        return values.get(new Key(namespace, name));
    }

    /** Remembers {@code value} for the deployment, in place of what was. */
    public synchronized void put(String namespace, String name, V value) {
        values.put(new Key(namespace, name), value);
    }

    /** Forgets the deployment. */
    public synchronized void remove(String namespace, String name) {
        values.remove(new Key(namespace, name));
    }

    /** How many deployments are remembered. */
    public synchronized int size() {
        return values.size();
    }
}
