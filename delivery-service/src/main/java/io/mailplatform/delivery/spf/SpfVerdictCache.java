package io.mailplatform.delivery.spf;

import io.mailplatform.delivery.dns.TtlCache;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * check_host() verdicts per (client IP, domain, HELO name), each for the smallest TTL of the DNS
 * answers it came from, least recently used ones evicted beyond the size limit. A verdict that used
 * the sender's local part (the "l" or "s" macro) holds for that sender only: the domain's entry then
 * says so and the verdict is kept per sender.
 */
public final class SpfVerdictCache {
    private record Key(InetAddress ip, String domain, String helo, String localPart) {
    }

    /** Per key: the verdict, or empty for "kept per sender". */
    private final TtlCache<Key, Optional<SpfVerdict>> entries;

    /**
     * @param maxEntries most verdicts kept; 0 disables the cache
     * @param clock for the expiry
     */
    public SpfVerdictCache(int maxEntries, Clock clock) {
        this.entries = new TtlCache<>(maxEntries, clock);
    }

    /** The cached verdict of check_host(ip, domain, localPart@domain) with this HELO name, or null. */
    public SpfVerdict get(InetAddress ip, String domain, String localPart, String helo) {
        Optional<SpfVerdict> entry = entries.get(key(ip, domain, helo, null));
        if (entry != null && entry.isEmpty()) {
            entry = entries.get(key(ip, domain, helo, localPart));
        }
        return entry == null ? null : entry.orElse(null);
    }

    public void put(InetAddress ip, String domain, String localPart, String helo, SpfChecker.Evaluation evaluation) {
        if (evaluation.usesLocalPart()) {
            entries.put(key(ip, domain, helo, localPart), Optional.of(evaluation.verdict()), evaluation.ttl());
            entries.put(key(ip, domain, helo, null), Optional.empty(), evaluation.ttl());
        } else {
            entries.put(key(ip, domain, helo, null), Optional.of(evaluation.verdict()), evaluation.ttl());
        }
    }

    private static Key key(InetAddress ip, String domain, String helo, String localPart) {
        return new Key(ip, domain.toLowerCase(Locale.ROOT), helo.toLowerCase(Locale.ROOT), localPart);
    }
}
