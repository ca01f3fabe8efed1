package io.mailplatform.delivery.dane;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.spf.StubDnsServerAccess;
import io.mailplatform.delivery.support.RelayFakes;
import io.mailplatform.delivery.support.RelayTestSupport;
import io.mailplatform.delivery.support.SignedZone;
import io.mailplatform.delivery.support.TestAuthority;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.relay.OutboundAttempt;
import io.mailplatform.testsupport.dns.StubDnsServer;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DANE (RFC 7672) in the relay, end to end: a zone signed in the test (its key the trust anchor)
 * served by the stub DNS with its RRSIGs, MX hosts that are fake SMTP servers with certificates from
 * the test authority. A certificate matching a TLSA record gets the mail; a mismatch, or TLSA records
 * whose signature does not verify, keep it waiting (4.7.5), counted for TLS reports; an unsigned
 * destination, or only unusable records, is sent to as before (opportunistic TLS).
 */
class DaneRelayTest extends RelayTestSupport {
    private static final StubDnsServer DNS = StubDnsServerAccess.server();
    private static final SignedZone ZONE = zone();
    private static int next = 1;

    private static SignedZone zone() {
        try {
            return new SignedZone("dane.test.", DNS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dane(DynamicPropertyRegistry registry) {
        registry.add("mail.relay.dane.enabled", () -> "true");
        registry.add("mail.relay.dane.trust-anchor", ZONE::trustAnchor);
    }

    @BeforeAll
    void provision() throws Exception {
        domain("dane-home.test");
    }

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM outbound_queue").update();
    }

    /** A recipient domain with one MX host {@code mx.<name>} at its own address. */
    private record Destination(String name, String address) {
        String mx() {
            return "mx." + name;
        }
    }

    /** A destination in the signed zone (MX signed), its host's TLSA records signed too. */
    private static Destination signed(String... tlsa) throws Exception {
        Destination destination = unsigned("dane.test");
        ZONE.add(destination.name() + ". 300 IN MX 10 " + destination.mx() + ".");
        String[] lines = new String[tlsa.length];
        for (int i = 0; i < tlsa.length; i++) {
            lines[i] = "_25._tcp." + destination.mx() + ". 300 IN TLSA " + tlsa[i];
        }
        ZONE.add(lines);
        return destination;
    }

    /** A destination whose A record only is published (MX added by the caller when signed). */
    private static Destination unsigned(String parent) {
        int n = next++;
        Destination destination = new Destination(UUID.randomUUID().toString().substring(0, 8) + "." + parent,
                "127.0.3." + n);
        DNS.add(destination.mx() + ". 300 IN A " + destination.address());
        return destination;
    }

    private static String authorityDigest() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                TestAuthority.certificate().getEncoded()));
    }

    private static FakeSmtpServer mx(Destination destination, SSLContext tls) throws Exception {
        return FakeSmtpServer.builder().bind(InetAddress.getByName(destination.address()), RelayFakes.mxPort())
                .extensions("STARTTLS", "PIPELINING", "8BITMIME").tls(tls).start();
    }

    private Envelope send(Destination destination, String subject) throws Exception {
        Account sender = account("d" + UUID.randomUUID().toString().substring(0, 8) + "@dane-home.test");
        Envelope envelope = submission(sender.address(), recipients("rcpt@" + destination.name()));
        queue(envelope, message(subject));
        relay.runOnce();
        return envelope;
    }

    private List<OutboundAttempt> attempts(Envelope envelope) {
        return attempts(envelope.id(), envelope.recipients().get(0).address());
    }

    private List<String> reported(Destination destination) {
        return jdbc.sql("SELECT policy_id || ' ' || result FROM tls_rpt_sessions WHERE domain = ?")
                .param(destination.name()).query(String.class).list();
    }

    @Test
    void daneTaRecordMatchingTheChainGetsTheMail() throws Exception {
        Destination destination = signed("2 0 1 " + authorityDigest());
        try (FakeSmtpServer mx = mx(destination, TestAuthority.server(destination.mx()))) {
            String subject = "dane good " + UUID.randomUUID();
            Envelope envelope = send(destination, subject);

            assertThat(queued(envelope.id())).isZero();
            assertThat(received(mx, subject)).singleElement().satisfies(t -> {
                assertThat(t.accepted()).isTrue();
                assertThat(t.tls()).isTrue();
            });
            assertThat(reported(destination)).containsExactly("tlsa:" + destination.mx() + " success");
        }
    }

    @Test
    void certificateMatchingNoRecordDefers() throws Exception {
        Destination destination = signed("3 1 1 " + "ab".repeat(32));
        try (FakeSmtpServer mx = mx(destination, TestAuthority.server(destination.mx()))) {
            Envelope envelope = send(destination, "dane mismatch " + UUID.randomUUID());

            assertThat(queued(envelope.id())).isEqualTo(1);
            assertThat(mx.transactions()).isEmpty();
            assertThat(attempts(envelope)).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo("4.7.5");
                assertThat(a.reply()).contains("matches none of the TLSA records");
            });
            assertThat(reported(destination)).containsExactly("tlsa:" + destination.mx() + " tlsa-invalid");
        }
    }

    @Test
    void daneTaCertificateForAnotherNameDefers() throws Exception {
        Destination destination = signed("2 0 1 " + authorityDigest());
        try (FakeSmtpServer mx = mx(destination, TestAuthority.server("other.example"))) {
            Envelope envelope = send(destination, "dane name " + UUID.randomUUID());

            assertThat(queued(envelope.id())).isEqualTo(1);
            assertThat(mx.transactions()).isEmpty();
            assertThat(attempts(envelope)).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo("4.7.5");
                assertThat(a.reply()).contains("does not name " + destination.mx());
            });
        }
    }

    @Test
    void tlsaRecordsWithABadSignatureDeferWithoutConnecting() throws Exception {
        Destination destination = unsigned("dane.test");
        ZONE.add(destination.name() + ". 300 IN MX 10 " + destination.mx() + ".");
        String owner = "_25._tcp." + destination.mx() + ". 300 IN TLSA ";
        ZONE.addForged(List.of(owner + "3 1 1 " + "cd".repeat(32)), List.of(owner + "3 1 1 " + "ef".repeat(32)));
        try (FakeSmtpServer mx = mx(destination, TestAuthority.server(destination.mx()))) {
            Envelope envelope = send(destination, "dane bogus " + UUID.randomUUID());

            assertThat(queued(envelope.id())).isEqualTo(1);
            assertThat(mx.transactions()).isEmpty();
            assertThat(attempts(envelope)).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo("4.7.5");
                assertThat(a.reply()).contains("DNSSEC validation");
            });
            assertThat(reported(destination)).containsExactly("tlsa:" + destination.mx() + " dnssec-invalid");
        }
    }

    @Test
    void mxRecordsWithABadSignatureDeferRatherThanTurnDaneOff() throws Exception {
        Destination destination = unsigned("dane.test");
        ZONE.addForged(List.of(destination.name() + ". 300 IN MX 10 " + destination.mx() + "."),
                List.of(destination.name() + ". 300 IN MX 20 " + destination.mx() + "."));
        ZONE.add("_25._tcp." + destination.mx() + ". 300 IN TLSA 3 1 1 " + "ab".repeat(32));
        try (FakeSmtpServer mx = mx(destination, TestAuthority.server(destination.mx()))) {
            Envelope envelope = send(destination, "dane bogus mx " + UUID.randomUUID());

            assertThat(queued(envelope.id())).isEqualTo(1);
            assertThat(mx.transactions()).isEmpty();
            assertThat(attempts(envelope)).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo("4.7.5");
                assertThat(a.reply()).contains("DNSSEC validation of the MX records");
            });
        }
    }

    @Test
    void unsignedDestinationIsSentToAsBefore() throws Exception {
        Destination destination = unsigned("plain.test");
        DNS.add(destination.name() + ". 300 IN MX 10 " + destination.mx() + ".");
        DNS.add("_25._tcp." + destination.mx() + ". 300 IN TLSA 3 1 1 " + "ab".repeat(32));
        try (FakeSmtpServer mx = mx(destination, TestAuthority.server("other.example"))) {
            String subject = "dane unsigned " + UUID.randomUUID();
            Envelope envelope = send(destination, subject);

            assertThat(queued(envelope.id())).isZero();
            assertThat(received(mx, subject)).singleElement().satisfies(t -> assertThat(t.tls()).isTrue());
            assertThat(reported(destination)).isEmpty();
        }
    }

    @Test
    void onlyPkixRecordsAreUnusableAndSentToAsBefore() throws Exception {
        Destination destination = signed("1 1 1 " + "ab".repeat(32), "0 0 1 " + authorityDigest());
        try (FakeSmtpServer mx = mx(destination, TestAuthority.server("other.example"))) {
            String subject = "dane pkix " + UUID.randomUUID();
            Envelope envelope = send(destination, subject);

            assertThat(queued(envelope.id())).isZero();
            assertThat(received(mx, subject)).singleElement().satisfies(t -> assertThat(t.tls()).isTrue());
            assertThat(reported(destination)).isEmpty();
        }
    }
}
