package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.dkim.DkimSigner;
import io.mailplatform.core.dkim.SigningAlgorithm;
import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.dkim.ArcCheck;
import io.mailplatform.delivery.dkim.DkimCheck;
import io.mailplatform.delivery.dkim.DmarcCheck;
import io.mailplatform.delivery.dns.CachingDnsResolver;
import io.mailplatform.delivery.spf.SpfChecker;
import io.mailplatform.delivery.spf.SpfIdentityCheck;
import io.mailplatform.delivery.spf.SpfResult;
import io.mailplatform.delivery.spf.SpfVerdictCache;
import io.mailplatform.testsupport.dns.StubDnsServer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A check whose DNS does not answer holds nobody up: after the batch wait the other messages are
 * checked and the slow one is still running; it ends in temperror at its DNS budget, and a message
 * that comes again joins the running check instead of starting another. The same for an SPF check
 * and for a DKIM key look-up.
 */
class AuthenticationStageTest {

    private static Envelope envelope(String id, String from, String authenticatedUser) {
        return new Envelope(id, from, List.of(EnvelopeRecipient.of("r@example.test")), "192.0.2.1", "h.example.org",
                authenticatedUser, null, Instant.now(), BodyType.SEVEN_BIT, false, null, null);
    }

    @Test
    void aSilentDnsHoldsOnlyItsOwnMessage() throws Exception {
        try (StubDnsServer dns = StubDnsServer.start()
                .add("fast.example. 300 IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"")
                .add("h.example.org. 300 IN TXT \"v=spf1 -all\"")
                .silent("silent.example")) {
            DeliveryProperties.Dns settings = new DeliveryProperties.Dns(List.of(dns.address()), Duration.ofMillis(500), 3,
                    20, 1000, Duration.ofDays(1), Duration.ofSeconds(60), Duration.ofHours(3), Duration.ofSeconds(5), 8, 10);
            DeliveryProperties.Spf spf = new DeliveryProperties.Spf(true, DeliveryProperties.FailAction.JUNK,
                    Duration.ofSeconds(20), Duration.ofMillis(200), 1000, "x", 4);
            DeliveryProperties properties = new DeliveryProperties("g", 1, 10, "mx.test", settings, spf,
                    new DeliveryProperties.Dkim(true, 5, true, Duration.ofSeconds(60)), new DeliveryProperties.Dmarc(false, DeliveryProperties.Reports.defaults()),
                    new DeliveryProperties.Arc(false, false),
                    new DeliveryProperties.Routing(10, 100),
                    new DeliveryProperties.Retry(Duration.ofHours(1), Duration.ofDays(3), Duration.ofSeconds(30), 10),
                    new DeliveryProperties.Housekeeping(Duration.ofDays(14), Duration.ofHours(1), 100));
            try (CachingDnsResolver resolver = new CachingDnsResolver(settings)) {
                AuthenticationStage stage = new AuthenticationStage(new SpfIdentityCheck(new SpfChecker(resolver, "x", "mx.test",
                        spf.checkTimeout(), settings.failureTtl(), Clock.systemUTC()),
                        new SpfVerdictCache(1000, Clock.systemUTC())), new DkimCheck(resolver, 5, Clock.systemUTC()),
                        new DmarcCheck(resolver), new ArcCheck(resolver, Clock.systemUTC()), properties);
                try {
                    List<InboundMail> batch = new ArrayList<>();
                    batch.add(new InboundMail(envelope("E0", "s@silent.example", null), new byte[0]));
                    batch.add(new InboundMail(envelope("E1", "s@fast.example", "user@example.test"), new byte[0]));
                    for (int i = 2; i < 10; i++) {
                        batch.add(new InboundMail(envelope("E" + i, "s" + i + "@fast.example", null), new byte[0]));
                    }
                    List<AuthenticationState> states = stage.check(batch);
                    assertThat(states.get(0)).isInstanceOf(AuthenticationState.Running.class);
                    assertThat(states.get(1)).isInstanceOf(AuthenticationState.NotChecked.class); // authenticated
                    assertThat(states.subList(2, 10)).allSatisfy(state -> assertThat(((AuthenticationState.Checked) state).spf()
                            .result()).isEqualTo(SpfResult.PASS));

                    // the message comes again (as a redelivered record would) until its check is over
                    AuthenticationState again;
                    do {
                        again = stage.check(List.of(batch.get(0))).get(0);
                    } while (again instanceof AuthenticationState.Running);
                    assertThat(((AuthenticationState.Checked) again).spf().result()).isEqualTo(SpfResult.TEMPERROR);
                    // one query with its four tries, however many rounds asked
                    assertThat(dns.queries("silent.example", "TXT")).isEqualTo(4);
                } finally {
                    stage.destroy();
                }
            }
        }
    }

    @Test
    void aSilentKeyServerHoldsOnlyTheSignedMessageAndEndsInTemperror() throws Exception {
        try (StubDnsServer dns = StubDnsServer.start()
                .add("h.example.org. 300 IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"")
                .add("fast.example. 300 IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"")
                .silent("sel._domainkey.fast.example")) {
            DeliveryProperties.Dns settings = new DeliveryProperties.Dns(List.of(dns.address()), Duration.ofMillis(300), 1,
                    20, 1000, Duration.ofDays(1), Duration.ofSeconds(60), Duration.ofHours(3), Duration.ofSeconds(5), 8, 10);
            DeliveryProperties.Spf spf = new DeliveryProperties.Spf(false, DeliveryProperties.FailAction.JUNK,
                    Duration.ofSeconds(20), Duration.ofMillis(200), 1000, "x", 4);
            DeliveryProperties properties = new DeliveryProperties("g", 1, 10, "mx.test", settings, spf,
                    new DeliveryProperties.Dkim(true, 5, true, Duration.ofSeconds(60)), new DeliveryProperties.Dmarc(false, DeliveryProperties.Reports.defaults()),
                    new DeliveryProperties.Arc(false, false), new DeliveryProperties.Routing(10, 100),
                    new DeliveryProperties.Retry(Duration.ofHours(1), Duration.ofDays(3), Duration.ofSeconds(30), 10),
                    new DeliveryProperties.Housekeeping(Duration.ofDays(14), Duration.ofHours(1), 100));
            byte[] unsigned = "From: a@fast.example\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] signed = new DkimSigner("fast.example", "sel", SigningAlgorithm.ED25519_SHA256,
                    KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate()).sign(unsigned, Instant.now())
                    .concat(new String(unsigned, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
            try (CachingDnsResolver resolver = new CachingDnsResolver(settings)) {
                AuthenticationStage stage = new AuthenticationStage(null, new DkimCheck(resolver, 5, Clock.systemUTC()),
                        new DmarcCheck(resolver), new ArcCheck(resolver, Clock.systemUTC()), properties);
                try {
                    List<InboundMail> batch = List.of(new InboundMail(envelope("S0", "s@fast.example", null), signed),
                            new InboundMail(envelope("S1", "s@fast.example", null), unsigned));
                    List<AuthenticationState> states = stage.check(batch);
                    assertThat(states.get(0)).isInstanceOf(AuthenticationState.Running.class);
                    AuthenticationState.Checked plain = (AuthenticationState.Checked) states.get(1);
                    assertThat(plain.spf()).isNull(); // SPF is off here
                    assertThat(plain.dkim()).isEmpty();

                    AuthenticationState again;
                    do {
                        again = stage.check(List.of(batch.get(0))).get(0);
                    } while (again instanceof AuthenticationState.Running);
                    assertThat(((AuthenticationState.Checked) again).dkim()).singleElement()
                            .satisfies(result -> assertThat(result.verdict()).isEqualTo(DkimResult.Verdict.TEMPERROR));
                    assertThat(dns.queries("sel._domainkey.fast.example", "TXT")).isEqualTo(2);
                } finally {
                    stage.destroy();
                }
            }
        }
    }
}
