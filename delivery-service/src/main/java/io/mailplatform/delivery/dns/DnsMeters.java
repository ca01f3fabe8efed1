package io.mailplatform.delivery.dns;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Type;

/**
 * {@code mail.dns.queries}: the time of each query sent upstream (cache hits and joined queries
 * are not queries), from its place in the queue of {@link QueryLimiter} to its answer, by record
 * {@code type} (A, AAAA, MX, TXT, PTR...) and {@code result}: {@code answered} (NOERROR or
 * NXDOMAIN) or {@code failed} (timeouts, SERVFAIL, unreadable answers, over budget).
 */
final class DnsMeters {
    static final String QUERIES = "mail.dns.queries";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    DnsMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(int type, boolean answered, long startNanos) {
        String result = answered ? "answered" : "failed";
        timers.computeIfAbsent(Type.string(type) + " " + result, key -> Timer.builder(QUERIES)
                .tag("type", Type.string(type)).tag("result", result)
                .description("DNS queries sent to the resolvers")
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .publishPercentileHistogram().register(registry))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
