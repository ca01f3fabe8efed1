package io.mailplatform.delivery.dns;

import java.time.Duration;
import java.util.List;

/**
 * The answer to one look-up.
 *
 * @param records the records of the asked type, empty for a negative answer
 * @param nameExists false when the name (or the end of its CNAME chain) does not exist (NXDOMAIN)
 * @param ttl how long the answer may be relied on: the smallest TTL of its records and of the CNAMEs
 *        leading to them, or the negative-caching time
 * @param <T> the record data
 */
public record DnsAnswer<T>(List<T> records, boolean nameExists, Duration ttl) {

    public DnsAnswer {
        records = List.copyOf(records);
        if (!nameExists && !records.isEmpty()) {
            throw new IllegalArgumentException("a name that does not exist has no records");
        }
    }

    /** A positive answer, or NODATA when {@code records} is empty. */
    public static <T> DnsAnswer<T> of(List<T> records, Duration ttl) {
        return new DnsAnswer<>(records, true, ttl);
    }

    /** NXDOMAIN. */
    public static <T> DnsAnswer<T> noSuchName(Duration ttl) {
        return new DnsAnswer<>(List.of(), false, ttl);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
