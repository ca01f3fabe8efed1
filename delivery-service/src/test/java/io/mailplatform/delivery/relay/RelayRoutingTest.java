package io.mailplatform.delivery.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.spf.StubDnsServerAccess;
import io.mailplatform.delivery.support.RelayFakes;
import io.mailplatform.delivery.support.RelayTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.relay.OutboundAttempt;
import io.mailplatform.testsupport.dns.StubDnsServer;
import io.mailplatform.testsupport.smtp.FakeResponse;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MX routing against the stub DNS server (RFC 5321 §5.1, RFC 7505): hosts by preference, a host
 * that cannot take the mail now gives way to the next within the attempt, every host's answer is
 * kept; a null MX fails at once; an MX that names this server leaves only the more preferred
 * hosts, and none of them is a loop. The MX hosts are fake servers on one port at 127.0.0.x.
 */
class RelayRoutingTest extends RelayTestSupport {
    private final StubDnsServer dns = StubDnsServerAccess.server();

    @BeforeAll
    void provision() throws Exception {
        domain("relay-home.test");
        dns.add("mx.example.test. 300 IN A 127.0.0.1"); // this server (mail.delivery.hostname)
    }

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM outbound_queue").update();
    }

    private Account sender() throws Exception {
        return account("m" + UUID.randomUUID().toString().substring(0, 8) + "@relay-home.test");
    }

    /** A unique domain under relay-mx.test with MX records {@code preference host address} ... */
    private String domainWith(String... mx) {
        String domain = UUID.randomUUID().toString().substring(0, 8) + ".relay-mx.test";
        for (int i = 0; i < mx.length; i++) {
            String[] parts = mx[i].split(" ");
            String host = parts[1].contains(".") ? parts[1] : parts[1] + "." + domain;
            dns.add(domain + ". 300 IN MX " + parts[0] + " " + host + ".");
            if (parts.length > 2) {
                dns.add(host + ". 300 IN A " + parts[2]);
            }
        }
        return domain;
    }

    private static FakeSmtpServer.Builder mxAt(String address) throws Exception {
        return FakeSmtpServer.builder().bind(InetAddress.getByName(address), RelayFakes.mxPort()).extensions("PIPELINING",
                "8BITMIME");
    }

    @Test
    void aNullMxFailsAtOnceWithADsn() throws Exception {
        Account sender = sender();
        String domain = UUID.randomUUID().toString().substring(0, 8) + ".relay-mx.test";
        dns.add(domain + ". 300 IN MX 0 .");
        Envelope envelope = submission(sender.address(), recipients("a@" + domain));
        queue(envelope, message("null mx"));

        relay.runOnce();

        assertThat(queued(envelope.id())).isZero();
        Dsn dsn = dsn(awaitInbox(sender, 1));
        assertThat(dsn.recipient(0, "Final-Recipient")).isEqualTo("rfc822; a@" + domain);
        assertThat(dsn.recipient(0, "Action")).isEqualTo("failed");
        assertThat(dsn.recipient(0, "Status")).isEqualTo("5.1.10");
        assertThat(dsn.recipient(0, "Diagnostic-Code")).contains("accepts no mail");
    }

    @Test
    void aHostThatCannotTakeTheMailNowGivesWayToTheNextByPreference() throws Exception {
        try (FakeSmtpServer busy = mxAt("127.0.0.2").on("CONNECT", FakeResponse.reply("421 4.3.2 too busy")).start();
                FakeSmtpServer taker = mxAt("127.0.0.3").start()) {
            String domain = domainWith("20 mx2 127.0.0.3", "10 mx1 127.0.0.2");
            String subject = "mx order " + UUID.randomUUID();
            Envelope envelope = submission(sender().address(), recipients("b@" + domain));
            queue(envelope, message(subject));

            relay.runOnce();

            assertThat(queued(envelope.id())).isZero();
            assertThat(busy.sessions()).hasSize(1);
            assertThat(busy.transactions()).isEmpty();
            assertThat(received(taker, subject)).singleElement().satisfies(t -> assertThat(t.accepted()).isTrue());
        }
    }

    @Test
    void whenNoHostCanTakeTheMailEachHostsAnswerIsKeptForTheNextAttempt() throws Exception {
        try (FakeSmtpServer busy = mxAt("127.0.0.4").on("CONNECT", FakeResponse.reply("421 4.3.2 too busy")).start()) {
            // 127.0.0.5 has nothing listening on the MX port
            String domain = domainWith("10 mx1 127.0.0.4", "20 mx2 127.0.0.5");
            String recipient = "c@" + domain;
            Envelope envelope = submission(sender().address(), recipients(recipient));
            queue(envelope, message("all busy"));

            relay.runOnce();

            assertThat(queued(envelope.id())).isEqualTo(1);
            List<OutboundAttempt> attempts = attempts(envelope.id(), recipient);
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0).host()).isEqualTo("mx1." + domain + "[127.0.0.4]:" + RelayFakes.mxPort());
            assertThat(attempts.get(0).reply()).contains("421 4.3.2 too busy");
            assertThat(attempts.get(1).host()).isEqualTo("mx2." + domain + "[127.0.0.5]:" + RelayFakes.mxPort());
            assertThat(attempts.get(1).reply()).contains("cannot connect");
            assertThat(attempts.get(1).attemptedAt()).isAfterOrEqualTo(attempts.get(0).attemptedAt());
        }
    }

    @Test
    void anMxNamingThisServerLeavesOnlyTheMorePreferredHosts() throws Exception {
        try (FakeSmtpServer better = mxAt("127.0.0.6").start()) {
            // mx.example.test is mail.delivery.hostname: only hosts preferred to it may be used (RFC 5321 §5.1)
            String usable = domainWith("20 mx.example.test", "10 better 127.0.0.6");
            String looping = domainWith("10 mx.example.test", "20 worse 127.0.0.6");
            Account sender = sender();
            String subject = "self mx " + UUID.randomUUID();
            queue(submission(sender.address(), recipients("d@" + usable)), message(subject + " usable"));
            Envelope loop = submission(sender.address(), recipients("e@" + looping));
            queue(loop, message(subject + " looping"));

            relay.runOnce();

            assertThat(received(better, subject + " usable")).hasSize(1);
            assertThat(received(better, subject + " looping")).isEmpty();
            assertThat(queued(loop.id())).isZero();
            Dsn dsn = dsn(awaitInbox(sender, 1));
            assertThat(dsn.recipient(0, "Final-Recipient")).isEqualTo("rfc822; e@" + looping);
            assertThat(dsn.recipient(0, "Status")).isEqualTo("5.4.6");
            assertThat(dsn.recipient(0, "Diagnostic-Code")).contains("loops back to myself");
        }
    }

    @Test
    void mailToAnAddressLiteralGoesToThatAddress() throws Exception {
        try (FakeSmtpServer literal = mxAt("127.0.0.7").start()) {
            String subject = "literal " + UUID.randomUUID();
            Envelope envelope = submission(sender().address(), recipients("lit@[127.0.0.7]"));
            queue(envelope, message(subject));

            relay.runOnce();

            assertThat(received(literal, subject)).singleElement()
                    .satisfies(t -> assertThat(t.recipientAddresses()).containsExactly("lit@[127.0.0.7]"));
            assertThat(queued(envelope.id())).isZero();
        }
    }
}
