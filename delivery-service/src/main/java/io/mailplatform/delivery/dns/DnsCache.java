package io.mailplatform.delivery.dns;

import java.time.Clock;
import java.time.Duration;
import org.xbill.DNS.Name;

/**
 * Readings of responses by (name, type) until their TTL runs out. Also holds failures (RFC 9520: a
 * failed resolution is remembered briefly, so that a broken zone is not asked again for every message).
 */
final class DnsCache {
    record Key(Name name, int type) {
    }

    /** What one query said: a reading of its response, or why it failed. */
    record Entry(ResponseReading reading, String failure) {
    }

    private final TtlCache<Key, Entry> entries;

    DnsCache(int maxEntries, Clock clock) {
        this.entries = new TtlCache<>(maxEntries, clock);
    }

    /** The live entry for the key, or null. */
    Entry get(Key key) {
        return entries.get(key);
    }

    void put(Key key, ResponseReading reading, Duration ttl) {
        entries.put(key, new Entry(reading, null), ttl);
    }

    void putFailure(Key key, String failure, Duration ttl) {
        entries.put(key, new Entry(null, failure), ttl);
    }
}
