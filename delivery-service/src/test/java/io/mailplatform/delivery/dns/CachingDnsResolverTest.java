package io.mailplatform.delivery.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.support.OffsetClock;
import io.mailplatform.testsupport.dns.StubDnsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DNS client against real DNS servers on loopback: answers through CNAME chains, negative
 * caching without an SOA, TTLs, one upstream query for many identical look-ups, the bound on
 * concurrent queries, retries to the next resolver, dropped queries, truncation to TCP.
 */
class CachingDnsResolverTest {
    StubDnsServer server;
    OffsetClock clock = OffsetClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
    List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = StubDnsServer.start()
                .add("example.org. 300 IN TXT \"v=spf1 ip4:192.0.2.0/24\" \" -all\"")
                .add("example.org. 300 IN TXT \"other text\"")
                .add("example.org. 300 IN MX 10 mx.example.org.")
                .add("mx.example.org. 120 IN A 192.0.2.25")
                .add("mx.example.org. 300 IN AAAA 2001:db8::25")
                .add("www.example.org. 60 IN CNAME alias.example.net.")
                .add("alias.example.net. 300 IN CNAME mx.example.org.")
                .add("25.2.0.192.in-addr.arpa. 300 IN PTR mx.example.org.")
                .add("short.example.org. 1 IN A 192.0.2.1");
        closing.add(server);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    static DeliveryProperties.Dns settings(List<String> resolvers, Duration timeout, int retries, int maxConcurrent) {
        return new DeliveryProperties.Dns(resolvers, timeout, retries, maxConcurrent, 10_000, Duration.ofDays(1),
                Duration.ofSeconds(60), Duration.ofHours(3), Duration.ofSeconds(5), 8, 10);
    }

    CachingDnsResolver resolver(DeliveryProperties.Dns settings) {
        CachingDnsResolver resolver = new CachingDnsResolver(settings, clock);
        closing.add(0, resolver);
        return resolver;
    }

    CachingDnsResolver resolver() {
        return resolver(settings(List.of(server.address()), Duration.ofSeconds(2), 1, 20));
    }

    @Test
    void answersEveryRecordTypeWithItsTtl() throws Exception {
        CachingDnsResolver dns = resolver();
        assertThat(dns.txt("example.org").records()).containsExactlyInAnyOrder("v=spf1 ip4:192.0.2.0/24 -all", "other text");
        assertThat(dns.mx("example.org").records()).containsExactly(new MailExchange(10, "mx.example.org"));
        DnsAnswer<InetAddress> a = dns.addresses("mx.example.org", false);
        assertThat(a.records()).containsExactly(InetAddress.getByName("192.0.2.25"));
        assertThat(a.ttl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(dns.addresses("MX.Example.ORG.", true).records()).containsExactly(InetAddress.getByName("2001:db8::25"));
        assertThat(dns.ptr("25.2.0.192.in-addr.arpa").records()).containsExactly("mx.example.org");
    }

    @Test
    void upstreamQueriesAreTimedByTypeAndResult() throws Exception {
        server.servfail("broken.example.org");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CachingDnsResolver dns = new CachingDnsResolver(settings(List.of(server.address()), Duration.ofMillis(200), 0, 20),
                clock, registry);
        closing.add(0, dns);
        dns.mx("example.org");
        dns.mx("example.org"); // from the cache: no query
        assertThatThrownBy(() -> dns.txt("broken.example.org")).isInstanceOf(DnsException.class);
        assertThat(registry.get(DnsMeters.QUERIES).tags("type", "MX", "result", "answered").timer().count()).isEqualTo(1);
        assertThat(registry.get(DnsMeters.QUERIES).tags("type", "TXT", "result", "failed").timer().count()).isEqualTo(1);
    }

    @Test
    void cnameChainsAreFollowedAndTheirShortestTtlCounts() throws Exception {
        DnsAnswer<InetAddress> answer = resolver().addresses("www.example.org", false);
        assertThat(answer.records()).containsExactly(InetAddress.getByName("192.0.2.25"));
        assertThat(answer.ttl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aResolverThatDoesNotChaseCnamesIsAskedForTheTarget() throws Exception {
        server.followCnames(false);
        DnsAnswer<InetAddress> answer = resolver().addresses("www.example.org", false);
        assertThat(answer.records()).containsExactly(InetAddress.getByName("192.0.2.25"));
        assertThat(server.queries("alias.example.net", "A")).isEqualTo(1);
        assertThat(server.queries("mx.example.org", "A")).isEqualTo(1);
    }

    @Test
    void aCnameLoopEndsInAnEmptyAnswer() throws Exception {
        server.add("loop1.example.org. 300 IN CNAME loop2.example.org.").add("loop2.example.org. 300 IN CNAME loop1.example.org.");
        assertThat(resolver().txt("loop1.example.org").records()).isEmpty();
        server.followCnames(false);
        assertThatThrownBy(() -> resolver().txt("loop2.example.org")).isInstanceOf(DnsException.class)
                .hasMessageContaining("CNAME chain longer than 8");
    }

    @Test
    void negativeAnswersAreCachedWithTheMinimumTtlWhenTheResolverSendsNoSoa() throws Exception {
        CachingDnsResolver dns = resolver();
        DnsAnswer<String> missing = dns.txt("nothing.example.org");
        assertThat(missing.nameExists()).isFalse();
        assertThat(missing.ttl()).isEqualTo(Duration.ofSeconds(60));
        DnsAnswer<InetAddress> noData = dns.addresses("example.org", false);
        assertThat(noData.nameExists()).isTrue();
        assertThat(noData.records()).isEmpty();
        for (int i = 0; i < 5; i++) {
            dns.txt("nothing.example.org");
            dns.addresses("example.org", false);
        }
        assertThat(server.queries("nothing.example.org", "TXT")).isEqualTo(1);
        assertThat(server.queries("example.org", "A")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        dns.txt("nothing.example.org");
        assertThat(server.queries("nothing.example.org", "TXT")).isEqualTo(2);
    }

    @Test
    void theSoaGivesTheNegativeTtlWithinItsBounds() throws Exception {
        server.add("soa.test. 3600 IN SOA ns.soa.test. host.soa.test. 1 3600 600 86400 900")
                .add("short.soa.test. 300 IN SOA ns.soa.test. host.soa.test. 1 3600 600 86400 10")
                .add("x.short.soa.test. 300 IN A 192.0.2.9");
        CachingDnsResolver dns = resolver();
        assertThat(dns.txt("nothing.soa.test").ttl()).isEqualTo(Duration.ofSeconds(900)); // min(SOA TTL, MINIMUM)
        assertThat(dns.txt("nothing.short.soa.test").ttl()).isEqualTo(Duration.ofSeconds(60)); // raised to the minimum
    }

    @Test
    void answersExpireWithTheirTtl() throws Exception {
        CachingDnsResolver dns = resolver();
        dns.addresses("short.example.org", false);
        dns.addresses("short.example.org", false);
        assertThat(server.queries("short.example.org", "A")).isEqualTo(1);
        clock.advance(Duration.ofMillis(1001));
        dns.addresses("short.example.org", false);
        assertThat(server.queries("short.example.org", "A")).isEqualTo(2);
    }

    @Test
    void identicalLookupsInFlightShareOneQuery() throws Exception {
        server.add("popular.example. 300 IN TXT \"v=spf1 -all\"").delay("popular.example", Duration.ofMillis(300));
        CachingDnsResolver dns = resolver();
        List<String> answers = concurrently(100, i -> dns.txt("popular.example").records().get(0));
        assertThat(answers).hasSize(100).containsOnly("v=spf1 -all");
        assertThat(server.queries("popular.example", "TXT")).isEqualTo(1);
    }

    @Test
    void atMostTheConfiguredNumberOfQueriesAreOutAtOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            server.add("h" + i + ".busy.example. 300 IN A 192.0.2." + (i + 1));
        }
        server.delay("busy.example", Duration.ofMillis(100));
        CachingDnsResolver dns = resolver(settings(List.of(server.address()), Duration.ofSeconds(5), 0, 4));
        List<Integer> found = concurrently(40, i -> dns.addresses("h" + i + ".busy.example", false).records().size());
        assertThat(found).hasSize(40).containsOnly(1);
        assertThat(server.maxOutstanding()).isBetween(1, 4);
    }

    @Test
    void aTimedOutTryGoesToTheNextResolver() throws Exception {
        StubDnsServer silent = StubDnsServer.start().silent("example.org");
        closing.add(silent);
        CachingDnsResolver dns = resolver(settings(List.of(silent.address(), server.address()), Duration.ofMillis(300), 1, 20));
        assertThat(dns.mx("example.org").records()).hasSize(1);
        assertThat(silent.queries("example.org", "MX")).isEqualTo(1);
        assertThat(server.queries("example.org", "MX")).isEqualTo(1);
    }

    @Test
    void aServfailGoesToTheNextResolverAtOnce() throws Exception {
        StubDnsServer failing = StubDnsServer.start().servfail("example.org");
        closing.add(failing);
        // a try timeout far longer than the test: only moving on at once can answer in time
        CachingDnsResolver dns = resolver(settings(List.of(failing.address(), server.address()), Duration.ofMinutes(1), 1, 20));
        assertThat(dns.mx("example.org").records()).hasSize(1);
        assertThat(failing.queries("example.org", "MX")).isEqualTo(1);
    }

    @Test
    void aFailedLookupIsATemporaryErrorRememberedBriefly() throws Exception {
        server.silent("down.example");
        CachingDnsResolver dns = resolver(settings(List.of(server.address()), Duration.ofMillis(200), 1, 20));
        assertThatThrownBy(() -> dns.txt("down.example")).isInstanceOf(DnsException.class)
                .hasMessageContaining("no answer");
        assertThat(server.queries("down.example", "TXT")).isEqualTo(2);
        assertThatThrownBy(() -> dns.txt("down.example")).isInstanceOf(DnsException.class);
        assertThat(server.queries("down.example", "TXT")).isEqualTo(2); // failure-ttl: not asked again
        clock.advance(Duration.ofSeconds(6));
        assertThatThrownBy(() -> dns.txt("down.example")).isInstanceOf(DnsException.class);
        assertThat(server.queries("down.example", "TXT")).isEqualTo(4);
    }

    @Test
    void queriesDroppedBeyondABurstAreRecoveredByTheRetries() throws Exception {
        for (int i = 0; i < 30; i++) {
            server.add("n" + i + ".burst.example. 300 IN A 192.0.2." + (i + 1));
        }
        server.burstLimit(10, 20);
        CachingDnsResolver dns = resolver(settings(List.of(server.address()), Duration.ofMillis(300), 6, 30));
        List<Integer> found = concurrently(30, i -> dns.addresses("n" + i + ".burst.example", false).records().size());
        assertThat(found).containsOnly(1);
        assertThat(server.dropped()).isPositive();
    }

    @Test
    void aTruncatedAnswerIsFetchedOverTcp() throws Exception {
        for (int i = 0; i < 12; i++) {
            server.add("big.example. 300 IN TXT \"" + String.valueOf((char) ('a' + i)).repeat(200) + "\"");
        }
        DnsAnswer<String> answer = resolver().txt("big.example");
        assertThat(answer.records()).hasSize(12);
        assertThat(server.queries("big.example", "TXT")).isEqualTo(2); // UDP (truncated), then TCP
    }

    @Test
    void aNameDnsCannotCarryDoesNotExist() throws Exception {
        assertThat(resolver().txt("a..b").nameExists()).isFalse();
        assertThat(server.queries()).isZero();
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code n} look-ups at the same instant from {@code n} threads. */
    static <T> List<T> concurrently(int n, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = () -> {
                    go.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
