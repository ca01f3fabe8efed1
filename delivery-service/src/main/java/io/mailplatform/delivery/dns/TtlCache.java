package io.mailplatform.delivery.dns;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map whose entries live for their own time to live, least recently used ones evicted beyond a size
 * limit. Thread-safe (one lock: every operation is a few map steps).
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class TtlCache<K, V> {
    private record Entry<V>(V value, long expiresAtMillis) {
    }

    private final int maxEntries;
    private final Clock clock;
    private final LinkedHashMap<K, Entry<V>> entries;

    /**
     * @param maxEntries most entries kept; 0 keeps nothing
     * @param clock for the expiry
     */
    public TtlCache(int maxEntries, Clock clock) {
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > TtlCache.this.maxEntries;
            }
        };
    }

    /** The live value for the key, or null. */
    public synchronized V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() <= clock.millis()) {
            entries.remove(key);
            return null;
        }
        return entry.value();
    }

    /** Keeps the value for {@code ttl}; a zero or negative TTL keeps nothing. */
    public synchronized void put(K key, V value, Duration ttl) {
        if (maxEntries > 0 && !ttl.isZero() && !ttl.isNegative()) {
            entries.put(key, new Entry<>(value, clock.millis() + ttl.toMillis()));
        }
    }

    public synchronized int size() {
        return entries.size();
    }
}
