package io.mailplatform.delivery.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.spf.StubDnsServerAccess;
import io.mailplatform.delivery.support.PolicyServer;
import io.mailplatform.delivery.support.RelayFakes;
import io.mailplatform.delivery.support.RelayTestSupport;
import io.mailplatform.delivery.support.TestAuthority;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.relay.OutboundAttempt;
import io.mailplatform.testsupport.dns.StubDnsServer;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * MTA-STS (RFC 8461) in the relay, end to end: the policy published in the stub DNS and served by a
 * local HTTPS host, MX hosts that are fake SMTP servers with certificates from the test authority
 * (valid, expired, for another name) or without STARTTLS. In mode enforce the mail waits (4.7.x)
 * rather than go to a host that does not meet the policy; in mode testing it goes and the failure
 * is counted.
 */
class MtaStsRelayTest extends RelayTestSupport {
    private final StubDnsServer dns = StubDnsServerAccess.server();
    @Autowired
    private MeterRegistry registry;
    private int next = 1;

    @BeforeAll
    void provision() throws Exception {
        domain("sts-home.test");
    }

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM outbound_queue").update();
    }

    /** A recipient domain with one MX host at {@code mx.<domain>} and an MTA-STS record of this id. */
    private record StsDomain(String name, String mxAddress, String policyAddress) {
        String mx() {
            return "mx." + name;
        }

        String policyHost() {
            return "mta-sts." + name;
        }
    }

    private StsDomain stsDomain(String id) {
        int n = next++;
        String name = UUID.randomUUID().toString().substring(0, 8) + ".sts.test";
        StsDomain domain = new StsDomain(name, "127.0.1." + n, "127.0.2." + n);
        dns.add(name + ". 300 IN MX 10 " + domain.mx() + ".");
        dns.add(domain.mx() + ". 300 IN A " + domain.mxAddress());
        dns.add("_mta-sts." + name + ". 0 IN TXT \"v=STSv1; id=" + id + ";\"");
        dns.add(domain.policyHost() + ". 300 IN A " + domain.policyAddress());
        return domain;
    }

    private static String policy(String mode, String... mx) {
        StringBuilder text = new StringBuilder("version: STSv1\r\nmode: " + mode + "\r\n");
        for (String pattern : mx) {
            text.append("mx: ").append(pattern).append("\r\n");
        }
        return text.append("max_age: 86400\r\n").toString();
    }

    private static PolicyServer policyServer(StsDomain domain, String policy) throws Exception {
        return PolicyServer.start(domain.policyAddress(), TestAuthority.server(domain.policyHost()), policy);
    }

    private static FakeSmtpServer mx(StsDomain domain, SSLContext tls) throws Exception {
        FakeSmtpServer.Builder builder = FakeSmtpServer.builder().bind(InetAddress.getByName(domain.mxAddress()),
                RelayFakes.mxPort());
        return tls == null ? builder.extensions("PIPELINING", "8BITMIME").start()
                : builder.extensions("STARTTLS", "PIPELINING", "8BITMIME").tls(tls).start();
    }

    private Envelope send(StsDomain domain, String subject) throws Exception {
        Account sender = account("m" + UUID.randomUUID().toString().substring(0, 8) + "@sts-home.test");
        Envelope envelope = submission(sender.address(), recipients("rcpt@" + domain.name()));
        queue(envelope, message(subject));
        relay.runOnce();
        return envelope;
    }

    private List<OutboundAttempt> attempts(Envelope envelope) {
        return attempts(envelope.id(), envelope.recipients().get(0).address());
    }

    private double stsCount(String mode, String result) {
        Counter counter = registry.find("mail.relay.mta-sts").tag("mode", mode).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void enforceSendsOverVerifiedTlsToTheHostsThePolicyNames() throws Exception {
        StsDomain domain = stsDomain("20261206a");
        try (PolicyServer policy = policyServer(domain, policy("enforce", "*." + domain.name()));
                FakeSmtpServer mx = mx(domain, TestAuthority.server(domain.mx()))) {
            String subject = "sts good " + UUID.randomUUID();
            Envelope envelope = send(domain, subject);

            assertThat(queued(envelope.id())).isZero();
            assertThat(received(mx, subject)).singleElement().satisfies(t -> {
                assertThat(t.accepted()).isTrue();
                assertThat(t.tls()).isTrue();
            });
            assertThat(policy.requests()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT policy_id FROM mta_sts_policies WHERE domain = ?").param(domain.name())
                    .query(String.class).single()).isEqualTo("20261206a");
            assertThat(stsCount("enforce", "success")).isPositive();
        }
    }

    @Test
    void enforceDefersWhenTheCertificateHasExpired() throws Exception {
        StsDomain domain = stsDomain("1");
        try (PolicyServer policy = policyServer(domain, policy("enforce", domain.mx()));
                FakeSmtpServer mx = mx(domain, TestAuthority.expired(domain.mx()))) {
            double before = stsCount("enforce", "certificate-expired");
            Envelope envelope = send(domain, "sts expired " + UUID.randomUUID());

            assertThat(queued(envelope.id())).isEqualTo(1);
            assertThat(mx.transactions()).isEmpty();
            assertThat(attempts(envelope)).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo("4.7.5");
                assertThat(a.reply()).contains("has expired");
            });
            assertThat(stsCount("enforce", "certificate-expired")).isEqualTo(before + 1);
        }
    }

    @Test
    void enforceDefersWhenTheCertificateNamesAnotherHost() throws Exception {
        StsDomain domain = stsDomain("1");
        try (PolicyServer policy = policyServer(domain, policy("enforce", domain.mx()));
                FakeSmtpServer mx = mx(domain, TestAuthority.server("mx.elsewhere.test"))) {
            Envelope envelope = send(domain, "sts mismatch " + UUID.randomUUID());

            assertThat(queued(envelope.id())).isEqualTo(1);
            assertThat(mx.transactions()).isEmpty();
            assertThat(attempts(envelope)).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo("4.7.5");
                assertThat(a.reply()).contains("does not name " + domain.mx());
            });
        }
    }

    @Test
    void enforceNeverFallsBackToPlaintext() throws Exception {
        StsDomain domain = stsDomain("1");
        try (PolicyServer policy = policyServer(domain, policy("enforce", domain.mx()));
                FakeSmtpServer mx = mx(domain, null)) {
            Envelope envelope = send(domain, "sts plaintext " + UUID.randomUUID());

            assertThat(queued(envelope.id())).isEqualTo(1);
            assertThat(mx.transactions()).isEmpty();
            assertThat(attempts(envelope)).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("4.7.10"));
        }
    }

    @Test
    void enforceNeverConnectsToAnMxHostThePolicyDoesNotName() throws Exception {
        StsDomain domain = stsDomain("1");
        try (PolicyServer policy = policyServer(domain, policy("enforce", "*.elsewhere.test"));
                FakeSmtpServer mx = mx(domain, TestAuthority.server(domain.mx()))) {
            Envelope envelope = send(domain, "sts not named " + UUID.randomUUID());

            assertThat(queued(envelope.id())).isEqualTo(1);
            assertThat(mx.sessions()).isEmpty();
            assertThat(jdbc.sql("SELECT last_error FROM outbound_queue WHERE envelope_id = ?").param(envelope.id())
                    .query(String.class).single()).contains("4.7.5").contains("MTA-STS policy");
        }
    }

    @Test
    void testingDeliversAnywayAndCountsTheFailure() throws Exception {
        StsDomain domain = stsDomain("1");
        try (PolicyServer policy = policyServer(domain, policy("testing", domain.mx()));
                FakeSmtpServer mx = mx(domain, TestAuthority.expired(domain.mx()))) {
            double before = stsCount("testing", "certificate-expired");
            String subject = "sts testing " + UUID.randomUUID();
            Envelope envelope = send(domain, subject);

            assertThat(queued(envelope.id())).isZero();
            assertThat(received(mx, subject)).singleElement().satisfies(t -> assertThat(t.accepted()).isTrue());
            assertThat(mx.sessions()).hasSize(2); // the authenticated try, then the opportunistic one
            assertThat(stsCount("testing", "certificate-expired")).isEqualTo(before + 1);
        }
    }

    @Test
    void aPolicyThatCannotBeFetchedLeavesTheMailAsWithoutOne() throws Exception {
        StsDomain domain = stsDomain("1");
        try (PolicyServer policy = policyServer(domain, policy("enforce", "*.elsewhere.test")).status(404);
                FakeSmtpServer mx = mx(domain, null)) {
            String subject = "sts unfetchable " + UUID.randomUUID();
            Envelope envelope = send(domain, subject);

            assertThat(queued(envelope.id())).isZero();
            assertThat(received(mx, subject)).hasSize(1);
            assertThat(policy.requests()).isEqualTo(1);
        }
    }
}
