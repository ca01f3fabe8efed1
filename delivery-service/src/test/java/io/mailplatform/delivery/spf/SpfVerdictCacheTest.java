package io.mailplatform.delivery.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.dns.CachingDnsResolver;
import io.mailplatform.testsupport.dns.StubDnsServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPF verdicts are reused per (client IP, domain, HELO) for the TTL of their records: counted at a
 * real DNS server behind a resolver without a cache of its own.
 */
class SpfVerdictCacheTest {
    StubDnsServer server;
    CachingDnsResolver dns;
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    SpfIdentityCheck check;

    @BeforeEach
    void start() throws Exception {
        server = StubDnsServer.start()
                .add("sender.example. 120 IN TXT \"v=spf1 a:out.sender.example -all\"")
                .add("out.sender.example. 300 IN A 192.0.2.5")
                .add("helo.example. 300 IN TXT \"v=spf1 -all\"")
                .add("perlocal.example. 300 IN TXT \"v=spf1 exists:%{l}.users.perlocal.example -all\"")
                .add("alice.users.perlocal.example. 300 IN A 127.0.0.2");
        dns = new CachingDnsResolver(new DeliveryProperties.Dns(List.of(server.address()), Duration.ofSeconds(2), 1, 20,
                0, Duration.ofDays(1), Duration.ofSeconds(60), Duration.ofHours(3), Duration.ofSeconds(5), 8, 10));
        check = new SpfIdentityCheck(new SpfChecker(dns, "x", "mx.test", Duration.ofSeconds(20), Duration.ofSeconds(5), clock),
                new SpfVerdictCache(100, clock));
    }

    @AfterEach
    void stop() {
        dns.close();
        server.close();
    }

    private SpfOutcome deliver(String from) {
        return check.check(new Envelope("E", from, List.of(EnvelopeRecipient.of("r@b.test")), "192.0.2.5", "helo.example",
                null, null, Instant.now(), BodyType.SEVEN_BIT, false, null, null));
    }

    @Test
    void aVerdictIsReusedForTheTtlOfItsRecords() {
        assertThat(deliver("a@sender.example").result()).isEqualTo(SpfResult.PASS);
        int queries = server.queries();
        for (int i = 0; i < 20; i++) {
            SpfOutcome outcome = deliver("user" + i + "@sender.example");
            assertThat(outcome.result()).isEqualTo(SpfResult.PASS);
            assertThat(outcome.helo().result()).isEqualTo(SpfResult.FAIL);
        }
        assertThat(server.queries()).isEqualTo(queries);

        now = now.plusSeconds(121); // the TXT record's TTL is over
        deliver("a@sender.example");
        assertThat(server.queries("sender.example", "TXT")).isEqualTo(2);
    }

    @Test
    void aVerdictThatUsedTheLocalPartHoldsForThatSenderOnly() {
        assertThat(deliver("alice@perlocal.example").result()).isEqualTo(SpfResult.PASS);
        assertThat(deliver("bob@perlocal.example").result()).isEqualTo(SpfResult.FAIL);
        int queries = server.queries();
        assertThat(deliver("alice@perlocal.example").result()).isEqualTo(SpfResult.PASS);
        assertThat(deliver("bob@perlocal.example").result()).isEqualTo(SpfResult.FAIL);
        assertThat(server.queries()).isEqualTo(queries);
    }
}
