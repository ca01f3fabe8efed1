package io.mailplatform.delivery.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.dns.DnsAnswer;
import io.mailplatform.delivery.dns.DnsResolver;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which identity is checked for an envelope, and that nothing inside a check can stop delivery. */
class SpfIdentityCheckTest {
    private static final Map<String, Object> ZONE = Map.of(
            "example.org", List.of(Map.of("TXT", "v=spf1 ip4:192.0.2.0/24 -all")),
            "helo.example.org", List.of(Map.of("TXT", "v=spf1 -all")));

    private static SpfIdentityCheck check(DnsResolver dns) {
        return new SpfIdentityCheck(new SpfChecker(dns, "no", "mx.test", Duration.ofSeconds(5), Duration.ofSeconds(5),
                Clock.systemUTC()), new SpfVerdictCache(0, Clock.systemUTC()));
    }

    private static Envelope envelope(String from, String client, String helo) {
        return new Envelope("E1", from, List.of(EnvelopeRecipient.of("a@b.test")), client, helo, null, null, Instant.now(),
                BodyType.SEVEN_BIT, false, null, null);
    }

    @Test
    void mailFromDecidesAndHeloIsCheckedBeside() {
        SpfOutcome outcome = check(new ZoneResolver(ZONE)).check(envelope("x@example.org", "192.0.2.7", "helo.example.org"));
        assertThat(outcome.identity()).isEqualTo("mailfrom");
        assertThat(outcome.result()).isEqualTo(SpfResult.PASS);
        assertThat(outcome.helo().result()).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void theNullSenderIsCheckedAsPostmasterAtHelo() throws Exception {
        SpfOutcome outcome = check(new ZoneResolver(ZONE)).check(envelope("", "[IPv6:2001:db8::1]", "helo.example.org"));
        assertThat(outcome.identity()).isEqualTo("helo");
        assertThat(outcome.sender()).isEqualTo("postmaster@helo.example.org");
        assertThat(outcome.result()).isEqualTo(SpfResult.FAIL);
        assertThat(outcome.clientIp()).isEqualTo(InetAddress.getByName("2001:db8::1").getHostAddress());
    }

    @Test
    void aFailureInsideTheCheckIsATemporaryError() {
        DnsResolver broken = new ZoneResolver(ZONE) {
            @Override
            public DnsAnswer<String> txt(String name) {
                throw new IllegalStateException("resolver bug");
            }
        };
        SpfOutcome outcome = check(broken).check(envelope("x@example.org", "192.0.2.7", "helo.example.org"));
        assertThat(outcome.result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(outcome.verdict().problem()).contains("resolver bug");
    }

    @Test
    void anUnparsableClientAddressGivesNone() {
        assertThat(check(new ZoneResolver(ZONE)).check(envelope("x@example.org", "not-an-ip", "h")).result())
                .isEqualTo(SpfResult.NONE);
    }
}
